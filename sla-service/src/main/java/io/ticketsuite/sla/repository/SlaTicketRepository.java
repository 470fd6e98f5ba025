package io.ticketsuite.sla.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.sla.SlaTicket;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.UUID;

/** The facts sla-service keeps per ticket. */
@ApplicationScoped
public class SlaTicketRepository implements PanacheRepositoryBase<SlaTicket, UUID> {
    private static final String UPSERT =
            "INSERT INTO sla_ticket (ticket_id, updated_at) VALUES (?1, ?2) ON CONFLICT DO NOTHING";

    /**
     * The ticket's row, created empty if it is the first event about it, and row-locked for the rest of the
     * transaction: events of one ticket from different topics are applied one after the other. Locks first (one
     * statement for every event but the ticket's first); only a missing row is inserted, then locked (a concurrent
     * first event waits on the insert and then finds the row).
     */
    public Uni<SlaTicket> upsertForUpdate(UUID ticketId, Instant now) {
        return findById(ticketId, LockModeType.PESSIMISTIC_WRITE)
                .onItem()
                .ifNull()
                .switchTo(() -> Panache.getSession()
                        .chain(session -> session.createNativeQuery(UPSERT)
                                .setParameter(1, ticketId)
                                .setParameter(2, now)
                                .executeUpdate())
                        .chain(() -> findById(ticketId, LockModeType.PESSIMISTIC_WRITE)));
    }
}
