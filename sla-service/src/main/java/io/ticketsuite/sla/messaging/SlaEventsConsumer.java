package io.ticketsuite.sla.messaging;

import io.smallrye.mutiny.Uni;
import io.ticketsuite.events.EventEnvelope;
import io.ticketsuite.events.EventType;
import io.ticketsuite.kit.messaging.EventInbox;
import io.ticketsuite.sla.service.SlaMetrics;
import io.ticketsuite.sla.service.SlaService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumSet;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads the facts the clocks depend on: tickets created, commented and moved (ticket-events), their priority
 * (triage-events) and who handles them (routing-events). One channel and one consumer group per topic. Thin:
 * the kit's inbox decodes, deduplicates and opens the transaction; {@link SlaService} applies the events.
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
    public Uni<Void> onTicketEvent(ConsumerRecords<String, String> records) {
        return process("sla.ticket-events", records);
    }

    @Incoming(TRIAGE_EVENTS_IN)
    public Uni<Void> onTriageEvent(ConsumerRecords<String, String> records) {
        return process("sla.triage-events", records);
    }

    @Incoming(ROUTING_EVENTS_IN)
    public Uni<Void> onRoutingEvent(ConsumerRecords<String, String> records) {
        return process("sla.routing-events", records);
    }

    /**
     * A ticket's events of a batch together: its row locked and its clocks read once for them. What each event did
     * is counted once the transaction committed.
     */
    Uni<Void> process(String consumer, Iterable<ConsumerRecord<String, String>> records) {
        return inbox.processByTicket(
                consumer,
                records,
                RELEVANT,
                (events, afterCommit) -> sla.apply(
                                events.stream().map(EventEnvelope::data).toList())
                        .invoke(applied -> afterCommit.add(() -> applied.forEach(metrics::applied)))
                        .replaceWithVoid());
    }
}
