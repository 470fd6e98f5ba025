package io.ticketsuite.intake;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One escalation of a ticket by routing's matrix, as {@code ticket.escalated} announced it. */
@Entity
@Table(name = "ticket_escalation")
public class TicketEscalation {
    @Id
    @Column(name = "escalation_id")
    public UUID escalationId;

    @Column(name = "ticket_id", nullable = false)
    public UUID ticketId;

    @Column(nullable = false)
    public String level;

    public String rule;

    public String reason;

    @Column(name = "team_id")
    public String teamId;

    /** JSON array of the people paged: {@code [{"staff_id":…,"name":…,"role":…}]}. */
    @Column(nullable = false)
    public String targets;

    @Column(name = "acknowledge_by")
    public Instant acknowledgeBy;

    @Column(nullable = false)
    public boolean immediate;

    @Column(name = "escalated_at", nullable = false)
    public Instant escalatedAt;
}
