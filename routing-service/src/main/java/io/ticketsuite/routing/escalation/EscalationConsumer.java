package io.ticketsuite.routing.escalation;

import io.smallrye.mutiny.Uni;
import io.ticketsuite.events.EventData;
import io.ticketsuite.events.EventEnvelope;
import io.ticketsuite.events.EventType;
import io.ticketsuite.events.TicketStatusChanged;
import io.ticketsuite.kit.messaging.EventInbox;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Feeds the escalation matrix from ticket-events (creation, escalation requests; status changes close open
 * escalations), triage-events (triage, reclassification, recurring issues) and sla-events (breaches), through a channel
 * and consumer group of its own over the three topics. Thin: decode, deduplicate and transact in the kit's inbox, then
 * the service; the opened escalations are counted once the transaction committed.
 */
@ApplicationScoped
public class EscalationConsumer {
    public static final String EVENTS_IN = "escalation-events-in";
    /** The channel's name in metrics, logs and readiness. */
    static final String CONSUMER = "routing.escalations";
    /**
     * Each event's processed-event row is named after its topic ({@code routing.escalations.ticket-events}, …), as
     * when every topic had its own channel: the new consumer group replays the topics and skips what they applied.
     */
    static final Function<ConsumerRecord<String, String>, String> LEDGER = EventInbox.byTopic("routing.escalations");

    private static final Set<EventType> TYPES = EnumSet.of(
            EventType.TICKET_CREATED,
            EventType.TICKET_ESCALATION_REQUESTED,
            EventType.TICKET_STATUS_CHANGED,
            EventType.TICKET_TRIAGED,
            EventType.TICKET_RECLASSIFIED,
            EventType.ISSUE_RECURRING_DETECTED,
            EventType.SLA_BREACHED);

    private final EventInbox inbox;
    private final EscalationService escalations;
    private final EscalationMetrics metrics;

    public EscalationConsumer(EventInbox inbox, EscalationService escalations, EscalationMetrics metrics) {
        this.inbox = inbox;
        this.escalations = escalations;
        this.metrics = metrics;
    }

    @Incoming(EVENTS_IN)
    public Uni<Void> onEvents(ConsumerRecords<String, String> records) {
        return inbox.process(
                CONSUMER,
                LEDGER,
                records,
                TYPES,
                (event, afterCommit) -> handle(event)
                        .invoke(opened -> afterCommit.add(() -> opened.forEach(metrics::opened)))
                        .replaceWithVoid());
    }

    private Uni<List<Escalation>> handle(EventEnvelope<EventData> event) {
        if (event.data() instanceof TicketStatusChanged changed) {
            return escalations.onStatusChanged(changed).replaceWith(List.of());
        }
        return escalations.onEvent(event);
    }
}
