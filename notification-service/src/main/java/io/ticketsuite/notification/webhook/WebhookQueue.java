package io.ticketsuite.notification.webhook;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.events.EventData;
import io.ticketsuite.events.EventEnvelope;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Queues an event, in the consumer's transaction (with the inbox's processed-event mark): one delivery per active
 * subscription whose types match (one INSERT … SELECT; a redelivered event adds nothing), and a chat notice when the
 * event makes one and a chat URL is configured. The sender sends them later.
 */
@ApplicationScoped
public class WebhookQueue {
    static final String QUEUE_WEBHOOKS = "INSERT INTO webhook_delivery (id, subscription_id, target, event_id,"
            + " event_type, ticket_id, payload, status, attempts, created_at, next_attempt_at)"
            + " SELECT gen_random_uuid(), s.id, 'webhook', ?1, ?2, ?3, ?4, 'PENDING', 0, ?5, ?5"
            + " FROM webhook_subscription s WHERE s.state = 'ACTIVE'"
            + " AND string_to_array(s.event_types, ' ') && ARRAY[CAST(?2 AS text), '*']"
            + " ON CONFLICT DO NOTHING";
    static final String QUEUE_CHAT = "INSERT INTO webhook_delivery (id, subscription_id, target, event_id,"
            + " event_type, ticket_id, payload, status, attempts, created_at, next_attempt_at)"
            + " VALUES (?1, NULL, 'chat', ?2, ?3, ?4, ?5, 'PENDING', 0, ?6, ?6) ON CONFLICT DO NOTHING";
    private static final String SUBJECT = "SELECT subject FROM notification_ticket WHERE ticket_id = ?1";

    private final Clock clock;
    private final boolean chat;

    public WebhookQueue(Clock clock, WebhookConfig config) {
        this.clock = clock;
        this.chat = config.chat().target().isPresent();
    }

    /** Runs inside the consumer's transaction. */
    public Uni<Void> enqueue(EventEnvelope<EventData> event) {
        OffsetDateTime now = clock.instant().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
        String document = CloudEventDocument.of(event);
        Uni<Void> webhooks = Panache.getSession()
                .chain(session -> session.createNativeQuery(QUEUE_WEBHOOKS)
                        .setParameter(1, event.id())
                        .setParameter(2, event.type().ceType())
                        .setParameter(3, event.data().ticketId())
                        .setParameter(4, document)
                        .setParameter(5, now)
                        .executeUpdate())
                .replaceWithVoid();
        if (!chat || !ChatNotice.applies(event.data())) {
            return webhooks;
        }
        return webhooks.chain(() -> subject(event.data().ticketId())).chain(subject -> {
            Optional<String> body = ChatNotice.body(event, subject);
            if (body.isEmpty()) {
                return Uni.createFrom().voidItem();
            }
            return Panache.getSession()
                    .chain(session -> session.createNativeQuery(QUEUE_CHAT)
                            .setParameter(1, chatId(event.id()))
                            .setParameter(2, event.id())
                            .setParameter(3, event.type().ceType())
                            .setParameter(4, event.data().ticketId())
                            .setParameter(5, body.get())
                            .setParameter(6, now)
                            .executeUpdate())
                    .replaceWithVoid();
        });
    }

    private Uni<String> subject(UUID ticketId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(SUBJECT, String.class)
                        .setParameter(1, ticketId)
                        .getResultList())
                .map((List<String> rows) -> rows.isEmpty() ? null : rows.get(0));
    }

    /** The chat notice's delivery id: derived from the event, so it is the same however often the event comes. */
    static UUID chatId(UUID eventId) {
        return UUID.nameUUIDFromBytes(("chat:" + eventId).getBytes(StandardCharsets.UTF_8));
    }
}
