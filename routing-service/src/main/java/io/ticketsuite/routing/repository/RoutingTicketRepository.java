package io.ticketsuite.routing.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.kit.persistence.TicketRows;
import io.ticketsuite.routing.RoutingTicket;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.UUID;

@ApplicationScoped
public class RoutingTicketRepository implements PanacheRepositoryBase<RoutingTicket, UUID> {
    private static final String CLAIM = "INSERT INTO routing_ticket (ticket_id) VALUES (?1) ON CONFLICT DO NOTHING";

    /**
     * The ticket's row, created if this is the first event about it, and row-locked for the rest of the
     * transaction: the events of one ticket (from both topics) are applied one after the other.
     * Locked first, inserted only when missing ({@link TicketRows#lockOrInsert}).
     */
    public Uni<RoutingTicket> lock(UUID ticketId) {
        return TicketRows.lockOrInsert(
                RoutingTicket.class, () -> findById(ticketId, LockModeType.PESSIMISTIC_WRITE), CLAIM, ticketId);
    }
}
