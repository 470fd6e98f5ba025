package io.ticketsuite.notification;

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
 * What this service remembers of a ticket (from ticket.created). A row whose {@code type} is null is a
 * placeholder: an event about the ticket arrived before its ticket.created.
 */
@Entity
@Table(name = "notification_ticket")
public class TicketRecord {
    @Id
    @Column(name = "ticket_id")
    public UUID ticketId;

    @Enumerated(EnumType.STRING)
    public TicketType type;

    public String subject;

    @Column(name = "customer_id")
    public String customerId;

    @Column(name = "customer_email")
    public String customerEmail;

    @Column(name = "created_at")
    public Instant createdAt;

    /** The human reference (ticket.created.ref, e.g. TS-1042); null when the event carried none. */
    public String ref;

    /** The ticket as the planner sees it, or null while its ticket.created has not arrived. */
    public TicketInfo toInfo() {
        return type == null ? null : new TicketInfo(ticketId, type, subject, customerId, customerEmail);
    }
}
