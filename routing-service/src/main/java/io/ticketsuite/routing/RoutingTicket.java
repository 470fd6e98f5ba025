package io.ticketsuite.routing;

import io.ticketsuite.events.CustomerTier;
import io.ticketsuite.events.Priority;
import io.ticketsuite.events.TicketStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * What routing knows about a ticket: the customer facts of {@code ticket.created} and the classification of
 * {@code ticket.triaged}, which may arrive in either order. The ticket is routed once both are known.
 */
@Entity
@Table(name = "routing_ticket")
public class RoutingTicket {
    @Id
    @Column(name = "ticket_id")
    public UUID ticketId;

    @Column(name = "customer_id")
    public String customerId;

    @Enumerated(EnumType.STRING)
    public CustomerTier tier;

    public String language;

    public String category;

    @Enumerated(EnumType.STRING)
    public Priority priority;

    @Column(name = "triaged_at")
    public Instant triagedAt;

    @Column(name = "created_seen", nullable = false)
    public boolean createdSeen;

    @Column(name = "triaged_seen", nullable = false)
    public boolean triagedSeen;

    @Column(nullable = false)
    public boolean assigned;

    /** False while intake says the ticket is resolved or closed. */
    @Column(name = "ticket_open", nullable = false)
    public boolean ticketOpen;

    /** The ticket's status as ticket-events last said (null until a status is known). */
    @Enumerated(EnumType.STRING)
    public TicketStatus status;

    @Column(name = "first_seen_at", nullable = false, updatable = false, insertable = false)
    public Instant firstSeenAt;

    /**
     * Nobody works on the ticket yet (NEW, ACCEPTED, TRIAGED, ASSIGNED, or no status known): it may be moved
     * automatically (reclassification, its agent going offline). Any other status, including ones added later,
     * counts as being worked.
     */
    public boolean unstarted() {
        return status == null || UNSTARTED.contains(status);
    }

    public static final java.util.Set<TicketStatus> UNSTARTED =
            java.util.EnumSet.of(TicketStatus.NEW, TicketStatus.ACCEPTED, TicketStatus.TRIAGED, TicketStatus.ASSIGNED);

    public boolean readyToRoute() {
        return createdSeen && triagedSeen && !assigned;
    }
}
