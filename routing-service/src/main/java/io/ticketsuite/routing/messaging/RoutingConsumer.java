package io.ticketsuite.routing.messaging;

import io.smallrye.mutiny.Uni;
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
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Feeds routing from ticket-events (creation: customer tier and language; status changes: load) and
 * triage-events (classification). Thin: decode, deduplicate and transact in the kit's inbox, then the service.
 */
@ApplicationScoped
public class RoutingConsumer {
    public static final String TICKET_EVENTS_IN = "ticket-events-in";
    public static final String TRIAGE_EVENTS_IN = "triage-events-in";

    private final EventInbox inbox;
    private final RoutingService routing;

    /** The types routing acts on; the others are acknowledged before any decoding or transaction. */
    private static final Set<EventType> TICKET_TYPES =
            EnumSet.of(EventType.TICKET_CREATED, EventType.TICKET_STATUS_CHANGED);

    private static final Set<EventType> TRIAGE_TYPES =
            EnumSet.of(EventType.TICKET_TRIAGED, EventType.TICKET_RECLASSIFIED);

    public RoutingConsumer(EventInbox inbox, RoutingService routing) {
        this.inbox = inbox;
        this.routing = routing;
    }

    @Incoming(TICKET_EVENTS_IN)
    public Uni<Void> onTicketEvent(ConsumerRecords<String, String> records) {
        return inbox.process("routing.ticket-events", records, TICKET_TYPES, event -> {
            if (event.data() instanceof TicketCreated created) {
                return routing.onCreated(created);
            }
            if (event.data() instanceof TicketStatusChanged changed) {
                return routing.onStatusChanged(changed);
            }
            return Uni.createFrom().voidItem();
        });
    }

    @Incoming(TRIAGE_EVENTS_IN)
    public Uni<Void> onTriageEvent(ConsumerRecords<String, String> records) {
        return inbox.process("routing.triage-events", records, TRIAGE_TYPES, event -> {
            if (event.data() instanceof TicketTriaged triaged) {
                return routing.onTriaged(triaged);
            }
            if (event.data() instanceof TicketReclassified reclassified) {
                return routing.onReclassified(reclassified);
            }
            return Uni.createFrom().voidItem();
        });
    }
}
