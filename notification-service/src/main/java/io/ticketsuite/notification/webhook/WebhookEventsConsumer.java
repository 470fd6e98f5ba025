package io.ticketsuite.notification.webhook;

import io.smallrye.mutiny.Uni;
import io.ticketsuite.events.EventType;
import io.ticketsuite.kit.messaging.EventInbox;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumSet;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads every topic the suite's workflow writes (ticket-, triage-, routing- and sla-events) through one channel and
 * consumer group ({@code notification-service.webhooks}), and queues webhook deliveries and chat notices. Thin: the kit's inbox decodes, deduplicates and transacts; a poison record goes to the dead letters.
 *
 * <p>Before each batch one plain statement reads which event types an active subscription (or the chat notice) wants;
 * records of other types are acknowledged without a transaction (they would queue nothing). A subscription committed
 * before that statement is seen, as it was by the queueing statement itself.
 */
@ApplicationScoped
public class WebhookEventsConsumer {
    public static final String EVENTS_IN = "webhook-events-in";
    /** The inbox's consumer name (processed events, metrics). */
    static final String CONSUMER = "notification.webhooks";
    /** The event types of the active subscriptions, one row per distinct list. */
    static final String ACTIVE_TYPES = "SELECT DISTINCT event_types FROM webhook_subscription WHERE state = 'ACTIVE'";

    private final EventInbox inbox;
    private final WebhookQueue queue;
    private final Pool pool;
    private final boolean chat;

    public WebhookEventsConsumer(EventInbox inbox, WebhookQueue queue, Pool pool, WebhookConfig config) {
        this.inbox = inbox;
        this.queue = queue;
        this.pool = pool;
        this.chat = config.chat().target().isPresent();
    }

    @Incoming(EVENTS_IN)
    public Uni<Void> onEvents(ConsumerRecords<String, String> records) {
        return queue(records);
    }

    private Uni<Void> queue(ConsumerRecords<String, String> records) {
        // the database unreachable: every type, so that the inbox's own transaction meets the outage and waits it out
        return wanted().onFailure()
                .recoverWithItem((Set<EventType>) null)
                .chain(types -> inbox.process(CONSUMER, records, types, queue::enqueue));
    }

    /** The event types some delivery may be queued for now (null: all of them). */
    Uni<Set<EventType>> wanted() {
        return pool.query(ACTIVE_TYPES).execute().map(rows -> {
            Set<EventType> types = EnumSet.noneOf(EventType.class);
            if (chat) {
                types.addAll(ChatNotice.TYPES);
            }
            for (Row row : rows) {
                for (String type : row.getString(0).split(" ")) {
                    if (type.equals("*")) {
                        return null;
                    }
                    EventType.fromCeType(type).ifPresent(types::add);
                }
            }
            return types;
        });
    }
}
