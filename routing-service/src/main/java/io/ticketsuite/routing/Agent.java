package io.ticketsuite.routing;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A member of a team who can be assigned tickets, with the languages they speak and their capacity. */
@Entity
@Table(name = "agent")
public class Agent {
    @Id
    public String id;

    @Column(name = "team_id", nullable = false)
    public String teamId;

    @Column(nullable = false)
    public String name;

    public String email;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    public List<String> languages = new ArrayList<>();

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "text[]")
    public List<String> skills = new ArrayList<>();

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Seniority seniority;

    /** The most open tickets the agent should hold. */
    @Column(nullable = false)
    public int capacity;

    @Column(nullable = false)
    public boolean active;

    /** Whether the agent takes new tickets now; set through the API. */
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AgentStatus status = AgentStatus.AVAILABLE;

    @Column(name = "status_changed_at")
    public Instant statusChangedAt;

    @Column(name = "status_changed_by")
    public String statusChangedBy;

    /**
     * Open assignments: a counter maintained by {@code AgentRepository.adjustLoad} in the transaction of every
     * assignment change, never written through the entity (so a stale copy cannot overwrite it).
     */
    @Column(name = "open_assignments", insertable = false, updatable = false)
    public int openAssignments;
}
