package io.ticketsuite.sla.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.kit.persistence.TicketRows;
import io.ticketsuite.sla.SlaTicket;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The facts sla-service keeps per ticket. */
@ApplicationScoped
public class SlaTicketRepository implements PanacheRepositoryBase<SlaTicket, UUID> {
    private static final String UPSERT_ALL = "INSERT INTO sla_ticket (ticket_id, updated_at)"
            + " SELECT id, ?2 FROM unnest(string_to_array(?1, ',')::uuid[]) AS u(id) ORDER BY id ON CONFLICT DO NOTHING";

    /**
     * The rows of a consumer batch's tickets, each created empty if it is the first event about it, row-locked for the
     * rest of the transaction in ascending id order (events of one ticket from different topics, or replicas, are
     * applied one after the other): three statements at most for the batch ({@link TicketRows#lockOrInsertAll}).
     */
    public Uni<Map<UUID, SlaTicket>> upsertAllForUpdate(Collection<UUID> ticketIds, Instant now) {
        return TicketRows.lockOrInsertAll(
                SlaTicket.class, ticketIds, this::lockAll, ticket -> ticket.ticketId, UPSERT_ALL, now);
    }

    private Uni<List<SlaTicket>> lockAll(List<UUID> ticketIds) {
        return find("ticketId in ?1 order by ticketId", ticketIds)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .list();
    }
}
