package io.ticketsuite.reporting.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.reporting.ReportTicket;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The read model's rows. */
@ApplicationScoped
public class ReportTicketRepository implements PanacheRepositoryBase<ReportTicket, UUID> {
    private static final String PLACEHOLDER =
            "INSERT INTO report_ticket (ticket_id) VALUES (?1) ON CONFLICT DO NOTHING";

    /**
     * The ticket's row, created empty if no event about it was seen yet, locked for the rest of the transaction: the
     * consumers of the five topics update one ticket one after the other. Locks first (one statement for every
     * event but the ticket's first); only a missing row is inserted, then locked (a concurrent first event waits on
     * the insert and then finds the row).
     */
    public Uni<ReportTicket> lock(UUID ticketId) {
        return findById(ticketId, LockModeType.PESSIMISTIC_WRITE)
                .onItem()
                .ifNull()
                .switchTo(() -> Panache.getSession()
                        .chain(session -> session.createNativeQuery(PLACEHOLDER)
                                .setParameter(1, ticketId)
                                .executeUpdate())
                        .chain(() -> findById(ticketId, LockModeType.PESSIMISTIC_WRITE)));
    }

    /** The tickets created in [from, to). */
    public Uni<List<ReportTicket>> createdBetween(Instant from, Instant to) {
        return list("createdAt >= ?1 and createdAt < ?2", from, to);
    }
}
