package io.ticketsuite.routing;

import io.ticketsuite.events.CustomerTier;
import io.ticketsuite.events.Priority;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * The assignment of a ticket to a team and an agent, with the rule that fired and the human reason. One per
 * ticket; open until the ticket is resolved or closed (open assignments are an agent's load).
 */
@Entity
@Table(name = "assignment")
public class Assignment {
    @Id
    @Column(name = "ticket_id")
    public UUID ticketId;

    @Column(name = "team_id", nullable = false)
    public String teamId;

    @Column(name = "team_name", nullable = false)
    public String teamName;

    @Column(name = "team_lead_id")
    public String teamLeadId;

    @Column(name = "agent_id")
    public String agentId;

    @Column(name = "agent_name")
    public String agentName;

    @Column(nullable = false)
    public String rule;

    @Column(nullable = false)
    public String reason;

    @Column(nullable = false)
    public String category;

    @Enumerated(EnumType.STRING)
    public Priority priority;

    @Enumerated(EnumType.STRING)
    @Column(name = "customer_tier")
    public CustomerTier customerTier;

    public String language;

    @Column(nullable = false)
    public boolean open;

    @Column(name = "triaged_at")
    public Instant triagedAt;

    @Column(name = "assigned_at", nullable = false)
    public Instant assignedAt;

    @Column(name = "closed_at")
    public Instant closedAt;

    @Column(name = "customer_id")
    public String customerId;

    /** The tier of the team (T1/T2/T3) when it is tiered. */
    public String tier;

    @Column(name = "reassigned_at")
    public Instant reassignedAt;

    @Column(nullable = false)
    public int reassignments;
}
