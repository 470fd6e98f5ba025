package io.ticketsuite.sla;

import io.ticketsuite.events.CustomerTier;
import io.ticketsuite.events.Priority;
import io.ticketsuite.events.TicketStatus;
import io.ticketsuite.events.TicketType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * What sla-service knows about a ticket: the facts its clocks depend on, learned from intake, triage and routing
 * in whatever order their events arrive.
 */
@Entity
@Table(name = "sla_ticket")
public class SlaTicket {
    @Id
    @Column(name = "ticket_id")
    public UUID ticketId;

    /** The start instant of the clocks (ticket.created); null until intake's event arrived. */
    @Column(name = "created_at")
    public Instant createdAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "ticket_type")
    public TicketType ticketType;

    @Enumerated(EnumType.STRING)
    @Column(name = "customer_tier")
    public CustomerTier customerTier;

    /** The customer's time zone (IANA id) from ticket.created; null = the calendar's configured zone. */
    @Column(name = "time_zone")
    public String timeZone;

    /** The latest priority from triage; null until triaged. */
    @Enumerated(EnumType.STRING)
    public Priority priority;

    @Enumerated(EnumType.STRING)
    public TicketStatus status;

    /** The first public comment by an agent. */
    @Column(name = "first_response_at")
    public Instant firstResponseAt;

    /** When the ticket was resolved (or closed); cleared when it is reopened. */
    @Column(name = "resolved_at")
    public Instant resolvedAt;

    @Column(name = "assignee_id")
    public String assigneeId;

    @Column(name = "team_id")
    public String teamId;

    @Column(name = "team_lead_id")
    public String teamLeadId;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /**
     * Some clock of the ticket was paused at least once (it has rows in {@code sla_pause}): set with the first pause,
     * never cleared. Without it, applying an event does not read the pauses.
     */
    @Column(name = "has_pauses", nullable = false)
    public boolean hasPauses;

    public SlaTicket() {}

    public SlaTicket(UUID ticketId, Instant updatedAt) {
        this.ticketId = ticketId;
        this.updatedAt = updatedAt;
    }
}
