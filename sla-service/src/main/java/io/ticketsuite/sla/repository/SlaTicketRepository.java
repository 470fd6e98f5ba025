package io.ticketsuite.sla.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.kit.persistence.TicketRows;
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
     * transaction: events of one ticket from different topics are applied one after the other.
     * Locked first, inserted only when missing ({@link TicketRows#lockOrInsert}).
     */
    public Uni<SlaTicket> upsertForUpdate(UUID ticketId, Instant now) {
        return TicketRows.lockOrInsert(
                SlaTicket.class, () -> findById(ticketId, LockModeType.PESSIMISTIC_WRITE), UPSERT, ticketId, now);
    }
}
