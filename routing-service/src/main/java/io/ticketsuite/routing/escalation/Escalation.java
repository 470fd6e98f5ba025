package io.ticketsuite.routing.escalation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One level of an escalation reached for a ticket: the rule and level, the targets resolved to staff ids (JSON in
 * {@code targets}, their ids in {@code targetIds}), the acknowledgement deadline and the state.
 */
@Entity
@Table(name = "escalation")
public class Escalation {
    public enum State {
        OPEN,
        ACKNOWLEDGED,
        EXPIRED,
        CLOSED
    }

    @Id
    public UUID id;

    @Column(name = "ticket_id", nullable = false)
    public UUID ticketId;

    @Column(nullable = false)
    public String rule;

    @Column(nullable = false)
    public int level;

    @Column(name = "level_name", nullable = false)
    public String levelName;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public State state;

    @Column(nullable = false)
    public String reason;

    @Column(name = "trigger_event", nullable = false)
    public String triggerEvent;

    @Column(name = "team_id")
    public String teamId;

    @Column(name = "ticket_team_id")
    public String ticketTeamId;

    @Column(name = "cluster_id")
    public UUID clusterId;

    /** The resolved targets as JSON ({@code [{"staff_id":…, "name":…, "role":…}]}). */
    @Column(nullable = false)
    public String targets;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "target_ids", columnDefinition = "text[]")
    public List<String> targetIds = new ArrayList<>();

    @Column(nullable = false)
    public boolean immediate;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "acknowledge_by")
    public Instant acknowledgeBy;

    @Column(name = "acknowledged_at")
    public Instant acknowledgedAt;

    @Column(name = "acknowledged_by")
    public String acknowledgedBy;

    @Column(name = "expired_at")
    public Instant expiredAt;

    @Column(name = "closed_at")
    public Instant closedAt;

    @Column(name = "previous_id")
    public UUID previousId;

    @Column(name = "next_id")
    public UUID nextId;
}
