package io.ticketsuite.reporting.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.kit.persistence.TicketRows;
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
     * consumers of the five topics update one ticket one after the other.
     * Locked first, inserted only when missing ({@link TicketRows#lockOrInsert}).
     */
    public Uni<ReportTicket> lock(UUID ticketId) {
        return TicketRows.lockOrInsert(
                ReportTicket.class, () -> findById(ticketId, LockModeType.PESSIMISTIC_WRITE), PLACEHOLDER, ticketId);
    }

    /** The tickets created in [from, to). */
    public Uni<List<ReportTicket>> createdBetween(Instant from, Instant to) {
        return list("createdAt >= ?1 and createdAt < ?2", from, to);
    }
}
