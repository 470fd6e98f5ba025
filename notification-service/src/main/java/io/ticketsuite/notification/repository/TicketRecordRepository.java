package io.ticketsuite.notification.repository;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.events.TicketCreated;
import io.ticketsuite.kit.persistence.TicketRows;
import io.ticketsuite.notification.TicketInfo;
import io.ticketsuite.notification.TicketRecord;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * The per-ticket records. Both writers go through an upsert on the ticket's row and then lock it, so a
 * ticket.created and an early SLA event about the same ticket are serialised: whichever commits second sees what
 * the first one did (the parked customer notice, or the customer's address).
 */
@ApplicationScoped
public class TicketRecordRepository implements PanacheRepositoryBase<TicketRecord, UUID> {
    private static final String UPSERT = "INSERT INTO notification_ticket"
            + " (ticket_id, type, subject, customer_id, customer_email, created_at, ref)"
            + " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
            + " ON CONFLICT (ticket_id) DO UPDATE SET type = EXCLUDED.type, subject = EXCLUDED.subject,"
            + " customer_id = EXCLUDED.customer_id, customer_email = EXCLUDED.customer_email,"
            + " created_at = EXCLUDED.created_at, ref = COALESCE(EXCLUDED.ref, notification_ticket.ref)";
    private static final String PLACEHOLDER =
            "INSERT INTO notification_ticket (ticket_id) VALUES (?1) ON CONFLICT DO NOTHING";

    /** Records (or completes) what ticket.created says; {@code ref} is its human reference, or null. */
    public Uni<Void> upsert(TicketCreated created, String ref) {
        String email = created.customer().email();
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(UPSERT)
                        .setParameter(1, created.ticketId())
                        .setParameter(2, created.type().name())
                        .setParameter(3, created.subject())
                        .setParameter(4, created.customer().id())
                        .setParameter(5, email == null || email.isBlank() ? null : TicketInfo.normalise(email))
                        .setParameter(6, created.createdAt().atOffset(ZoneOffset.UTC))
                        .setParameter(7, ref)
                        .executeUpdate())
                .replaceWithVoid();
    }

    /**
     * The ticket's row, created as a placeholder if needed, locked for the rest of the transaction.
     * Locked first, inserted only when missing ({@link TicketRows#lockOrInsert}).
     */
    public Uni<TicketRecord> lock(UUID ticketId) {
        return TicketRows.lockOrInsert(
                TicketRecord.class, () -> findById(ticketId, LockModeType.PESSIMISTIC_WRITE), PLACEHOLDER, ticketId);
    }
}
