package io.ticketsuite.notification.delivery;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.notification.Notification;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.ZoneOffset;

/**
 * The in-app inbox: a notification is a row of the {@code notification} table, read through
 * {@code GET /api/v1/notifications}. The insert skips a row whose (source event, recipient) exists, so a message
 * is stored once however often its event arrives.
 */
@ApplicationScoped
public class InAppInboxChannel implements DeliveryChannel {
    public static final String NAME = "in-app";

    private static final String INSERT = "INSERT INTO notification (id, recipient, recipient_role, kind, ticket_id,"
            + " subject, body, source_event_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
            + " ON CONFLICT (source_event_id, recipient) DO NOTHING";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Uni<Boolean> deliver(Notification n) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(INSERT)
                        .setParameter(1, n.id)
                        .setParameter(2, n.recipient)
                        .setParameter(3, n.recipientRole.name())
                        .setParameter(4, n.kind)
                        .setParameter(5, n.ticketId)
                        .setParameter(6, n.subject)
                        .setParameter(7, n.body)
                        .setParameter(8, n.sourceEventId)
                        .setParameter(9, n.createdAt.atOffset(ZoneOffset.UTC))
                        .executeUpdate())
                .map(count -> count == 1);
    }
}
