package io.ticketsuite.reporting.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.kit.persistence.TicketRows;
import io.ticketsuite.reporting.ReportTicket;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The read model's rows. */
@ApplicationScoped
public class ReportTicketRepository implements PanacheRepositoryBase<ReportTicket, UUID> {
    private static final String PLACEHOLDERS = "INSERT INTO report_ticket (ticket_id)"
            + " SELECT id FROM unnest(string_to_array(?1, ',')::uuid[]) AS u(id) ORDER BY id ON CONFLICT DO NOTHING";

    /**
     * The rows of a consumer batch's tickets, each created empty if no event about it was seen yet, locked for the
     * rest of the transaction in ascending id order: three statements at most for the batch ({@link
     * TicketRows#lockOrInsertAll}).
     */
    public Uni<Map<UUID, ReportTicket>> lockAll(Collection<UUID> ticketIds) {
        return TicketRows.lockOrInsertAll(
                ReportTicket.class, ticketIds, this::lockExisting, row -> row.ticketId, PLACEHOLDERS);
    }

    private Uni<List<ReportTicket>> lockExisting(List<UUID> ticketIds) {
        return find("ticketId in ?1 order by ticketId", ticketIds)
                .withLock(LockModeType.PESSIMISTIC_WRITE)
                .list();
    }

    /** The tickets created in [from, to). */
    public Uni<List<ReportTicket>> createdBetween(Instant from, Instant to) {
        return list("createdAt >= ?1 and createdAt < ?2", from, to);
    }
}
