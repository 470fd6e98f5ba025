package io.ticketsuite.routing.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.kit.persistence.TicketRows;
import io.ticketsuite.routing.RoutingTicket;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@ApplicationScoped
public class RoutingTicketRepository implements PanacheRepositoryBase<RoutingTicket, UUID> {
    private static final String CLAIM = "INSERT INTO routing_ticket (ticket_id) VALUES (?1) ON CONFLICT DO NOTHING";
    private static final String CLAIM_ALL = "INSERT INTO routing_ticket (ticket_id)"
            + " SELECT id FROM unnest(string_to_array(?1, ',')::uuid[]) AS u(id) ORDER BY id ON CONFLICT DO NOTHING";

    /**
     * The ticket's row, created if this is the first event about it, and row-locked for the rest of the
     * transaction: the events of one ticket (from both topics) are applied one after the other.
     * Locked first, inserted only when missing ({@link TicketRows#lockOrInsert}).
     */
    public Uni<RoutingTicket> lock(UUID ticketId) {
        return TicketRows.lockOrInsert(
                RoutingTicket.class, () -> findById(ticketId, LockModeType.PESSIMISTIC_WRITE), CLAIM, ticketId);
    }

    /**
     * The rows of a consumer batch's tickets, each created if it is the first event about it, row-locked for the rest
     * of the transaction in ascending id order: three statements at most for the batch ({@link
     * TicketRows#lockOrInsertAll}).
     */
    public Uni<Map<UUID, RoutingTicket>> lockAll(Collection<UUID> ticketIds) {
        return TicketRows.lockOrInsertAll(
                RoutingTicket.class, ticketIds, this::lockExisting, row -> row.ticketId, CLAIM_ALL);
    }

    private Uni<List<RoutingTicket>> lockExisting(List<UUID> ticketIds) {
        return find("ticketId in ?1 order by ticketId", ticketIds)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .list();
    }
}
