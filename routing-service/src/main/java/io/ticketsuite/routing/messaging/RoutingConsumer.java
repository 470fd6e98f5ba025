package io.ticketsuite.routing.messaging;

import io.smallrye.mutiny.Uni;
import io.ticketsuite.events.EventData;
import io.ticketsuite.events.EventType;
import io.ticketsuite.events.TicketCreated;
import io.ticketsuite.events.TicketReclassified;
import io.ticketsuite.events.TicketStatusChanged;
import io.ticketsuite.events.TicketTriaged;
import io.ticketsuite.kit.messaging.EventInbox;
import io.ticketsuite.routing.service.RoutingService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Feeds routing from ticket-events (creation: customer tier and language; status changes: load) and
 * triage-events (classification), through one channel and consumer group over the two topics: a ticket's creation and
 * triage never wait for each other's row lock in two transactions at once. Thin: decode, deduplicate and transact in
 * the kit's inbox, then the service.
 */
@ApplicationScoped
public class RoutingConsumer {
    public static final String EVENTS_IN = "events-in";
    /** The channel's name in metrics, logs and readiness. */
    static final String CONSUMER = "routing.events";
    /**
     * Each event's processed-event row is named after its topic ({@code routing.ticket-events}, …), as when every topic
     * had its own channel: the new consumer group replays the topics from the start and skips what they applied.
     */
    static final Function<ConsumerRecord<String, String>, String> LEDGER = EventInbox.byTopic("routing");

    private final EventInbox inbox;
    private final RoutingService routing;

    /** The types routing acts on; the others are acknowledged before any decoding or transaction. */
    private static final Set<EventType> TYPES = EnumSet.of(
            EventType.TICKET_CREATED,
            EventType.TICKET_STATUS_CHANGED,
            EventType.TICKET_TRIAGED,
            EventType.TICKET_RECLASSIFIED);

    public RoutingConsumer(EventInbox inbox, RoutingService routing) {
        this.inbox = inbox;
        this.routing = routing;
    }

    @Incoming(EVENTS_IN)
    public Uni<Void> onEvents(ConsumerRecords<String, String> records) {
        return inbox.process(CONSUMER, LEDGER, records, TYPES, (event, afterCommit) -> {
            EventData data = event.data();
            if (data instanceof TicketCreated created) {
                return routing.onCreated(created);
            }
            if (data instanceof TicketStatusChanged changed) {
                return routing.onStatusChanged(changed);
            }
            if (data instanceof TicketTriaged triaged) {
                return routing.onTriaged(triaged);
            }
            if (data instanceof TicketReclassified reclassified) {
                return routing.onReclassified(reclassified);
            }
            return Uni.createFrom().voidItem();
        });
    }
}
