package io.ticketsuite.routing.escalation;

import io.smallrye.mutiny.Uni;
import io.ticketsuite.events.EventData;
import io.ticketsuite.events.EventEnvelope;
import io.ticketsuite.events.EventType;
import io.ticketsuite.events.TicketStatusChanged;
import io.ticketsuite.kit.messaging.EventInbox;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Feeds the escalation matrix from ticket-events (creation, escalation requests; status changes close open
 * escalations), triage-events (triage, reclassification, recurring issues) and sla-events (breaches), on channels and
 * consumer groups of its own. Thin: decode, deduplicate and transact in the kit's inbox, then the service; the
 * opened escalations are counted after the transaction committed.
 */
@ApplicationScoped
public class EscalationConsumer {
    public static final String TICKET_EVENTS_IN = "escalation-ticket-events-in";
    public static final String TRIAGE_EVENTS_IN = "escalation-triage-events-in";
    public static final String SLA_EVENTS_IN = "escalation-sla-events-in";

    private static final Set<EventType> TICKET_TYPES = EnumSet.of(
            EventType.TICKET_CREATED, EventType.TICKET_ESCALATION_REQUESTED, EventType.TICKET_STATUS_CHANGED);
    private static final Set<EventType> TRIAGE_TYPES =
            EnumSet.of(EventType.TICKET_TRIAGED, EventType.TICKET_RECLASSIFIED, EventType.ISSUE_RECURRING_DETECTED);
    private static final Set<EventType> SLA_TYPES = EnumSet.of(EventType.SLA_BREACHED);

    private final EventInbox inbox;
    private final EscalationService escalations;
    private final EscalationMetrics metrics;

    public EscalationConsumer(EventInbox inbox, EscalationService escalations, EscalationMetrics metrics) {
        this.inbox = inbox;
        this.escalations = escalations;
        this.metrics = metrics;
    }

    @Incoming(TICKET_EVENTS_IN)
    public Uni<Void> onTicketEvent(ConsumerRecords<String, String> records) {
        return process("routing.escalations.ticket-events", records, TICKET_TYPES);
    }

    @Incoming(TRIAGE_EVENTS_IN)
    public Uni<Void> onTriageEvent(ConsumerRecords<String, String> records) {
        return process("routing.escalations.triage-events", records, TRIAGE_TYPES);
    }

    @Incoming(SLA_EVENTS_IN)
    public Uni<Void> onSlaEvent(ConsumerRecords<String, String> records) {
        return process("routing.escalations.sla-events", records, SLA_TYPES);
    }

    private Uni<Void> process(String consumer, ConsumerRecords<String, String> records, Set<EventType> types) {
        List<Escalation> opened = new ArrayList<>();
        return inbox.process(consumer, records, types, event -> {
                    opened.clear(); // a retried transaction starts over
                    return handle(event).invoke(opened::addAll).replaceWithVoid();
                })
                .invoke(() -> opened.forEach(metrics::opened));
    }

    private Uni<List<Escalation>> handle(EventEnvelope<EventData> event) {
        if (event.data() instanceof TicketStatusChanged changed) {
            return escalations.onStatusChanged(changed).replaceWith(List.of());
        }
        return escalations.onEvent(event);
    }
}
