package io.ticketsuite.sla.messaging;

import io.smallrye.mutiny.Uni;
import io.ticketsuite.events.EventType;
import io.ticketsuite.kit.messaging.EventInbox;
import io.ticketsuite.sla.service.SlaMetrics;
import io.ticketsuite.sla.service.SlaService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads the facts the clocks depend on: tickets created, commented and moved (ticket-events), their priority
 * (triage-events) and who handles them (routing-events). One channel and one consumer group per topic. Thin:
 * the kit's inbox decodes, deduplicates and opens the transaction; {@link SlaService} applies the event.
 */
@ApplicationScoped
public class SlaEventsConsumer {
    public static final String TICKET_EVENTS_IN = "ticket-events-in";
    public static final String TRIAGE_EVENTS_IN = "triage-events-in";
    public static final String ROUTING_EVENTS_IN = "routing-events-in";

    private final EventInbox inbox;
    private final SlaService sla;
    private final SlaMetrics metrics;

    /** The types {@link SlaService#apply} acts on; the others are acknowledged before decoding or a transaction. */
    static final Set<EventType> RELEVANT = EnumSet.of(
            EventType.TICKET_CREATED,
            EventType.TICKET_COMMENT_ADDED,
            EventType.TICKET_STATUS_CHANGED,
            EventType.TICKET_TRIAGED,
            EventType.TICKET_RECLASSIFIED,
            EventType.TICKET_ASSIGNED,
            EventType.TICKET_REASSIGNED);

    public SlaEventsConsumer(EventInbox inbox, SlaService sla, SlaMetrics metrics) {
        this.inbox = inbox;
        this.sla = sla;
        this.metrics = metrics;
    }

    @Incoming(TICKET_EVENTS_IN)
    public Uni<Void> onTicketEvent(ConsumerRecord<String, String> record) {
        return process("sla.ticket-events", record);
    }

    @Incoming(TRIAGE_EVENTS_IN)
    public Uni<Void> onTriageEvent(ConsumerRecord<String, String> record) {
        return process("sla.triage-events", record);
    }

    @Incoming(ROUTING_EVENTS_IN)
    public Uni<Void> onRoutingEvent(ConsumerRecord<String, String> record) {
        return process("sla.routing-events", record);
    }

    private Uni<Void> process(String consumer, ConsumerRecord<String, String> record) {
        // what the last (committed) attempt did, counted once the transaction committed
        AtomicReference<SlaService.Applied> applied = new AtomicReference<>();
        return inbox.process(
                        consumer,
                        record,
                        RELEVANT,
                        event -> sla.apply(event.data()).invoke(applied::set).replaceWithVoid())
                .invoke(() -> {
                    if (applied.get() != null) {
                        metrics.applied(applied.get());
                    }
                });
    }
}
