package io.ticketsuite.notification.email;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/** The e-mail outbox: queued in the consumer's transaction, claimed by the sender sweep. */
@ApplicationScoped
public class EmailOutboxRepository implements PanacheRepositoryBase<EmailOutboxEntry, UUID> {
    private static final String INSERT = "INSERT INTO email_outbox (id, notification_id, source_event_id, recipient,"
            + " recipient_role, kind, ticket_id, to_address, subject, body, message_id, status, attempts,"
            + " next_attempt_at, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 'PENDING', 0,"
            + " ?12, ?12) ON CONFLICT (source_event_id, recipient) DO NOTHING";

    /**
     * Due pending messages, oldest first, locked for the claiming transaction; rows another replica holds are
     * skipped, so each attempt is made by one sender.
     */
    private static final String CLAIM_DUE = "SELECT * FROM email_outbox WHERE status = 'PENDING'"
            + " AND next_attempt_at <= ?1 ORDER BY next_attempt_at, id LIMIT ?2 FOR UPDATE SKIP LOCKED";

    /** Queues a message; false when this (source event, recipient) was queued before. */
    public Uni<Boolean> enqueue(EmailOutboxEntry e) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(INSERT)
                        .setParameter(1, e.id)
                        .setParameter(2, e.notificationId)
                        .setParameter(3, e.sourceEventId)
                        .setParameter(4, e.recipient)
                        .setParameter(5, e.recipientRole)
                        .setParameter(6, e.kind)
                        .setParameter(7, e.ticketId)
                        .setParameter(8, e.toAddress)
                        .setParameter(9, e.subject)
                        .setParameter(10, e.body)
                        .setParameter(11, e.messageId)
                        .setParameter(12, e.createdAt.atOffset(ZoneOffset.UTC))
                        .executeUpdate())
                .map(count -> count == 1);
    }

    /** Claims up to {@code limit} messages due at {@code now} for the current transaction. */
    public Uni<List<EmailOutboxEntry>> claimDue(Instant now, int limit) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(CLAIM_DUE, EmailOutboxEntry.class)
                        .setParameter(1, now.atOffset(ZoneOffset.UTC))
                        .setParameter(2, limit)
                        .getResultList());
    }

    /** Messages still to send (due or waiting for their next attempt). */
    public Uni<Long> pending() {
        return count("status", EmailOutboxEntry.PENDING);
    }
}
