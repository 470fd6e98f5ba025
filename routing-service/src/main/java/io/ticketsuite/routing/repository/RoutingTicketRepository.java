package io.ticketsuite.routing.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.routing.RoutingTicket;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.UUID;

@ApplicationScoped
public class RoutingTicketRepository implements PanacheRepositoryBase<RoutingTicket, UUID> {
    private static final String CLAIM = "INSERT INTO routing_ticket (ticket_id) VALUES (?1) ON CONFLICT DO NOTHING";

    /**
     * The ticket's row, created if this is the first event about it, and row-locked for the rest of the
     * transaction: the events of one ticket (from both topics) are applied one after the other. Locks first (one
     * statement for every event but the ticket's first); only a missing row is claimed, then locked (a concurrent
     * first event waits on the claim and then finds the row).
     */
    public Uni<RoutingTicket> lock(UUID ticketId) {
        return findById(ticketId, LockModeType.PESSIMISTIC_WRITE)
                .onItem()
                .ifNull()
                .switchTo(() -> Panache.getSession()
                        .chain(session -> session.createNativeQuery(CLAIM)
                                .setParameter(1, ticketId)
                                .executeUpdate())
                        .chain(() -> findById(ticketId, LockModeType.PESSIMISTIC_WRITE)));
    }
}
