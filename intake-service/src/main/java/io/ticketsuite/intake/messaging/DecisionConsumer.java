package io.ticketsuite.intake.messaging;

import io.smallrye.mutiny.Uni;
import io.ticketsuite.events.EventData;
import io.ticketsuite.events.TicketAssigned;
import io.ticketsuite.events.TicketEscalated;
import io.ticketsuite.events.TicketReassigned;
import io.ticketsuite.events.TicketReclassified;
import io.ticketsuite.events.TicketTriaged;
import io.ticketsuite.events.Topics;
import io.ticketsuite.intake.service.EscalationLog;
import io.ticketsuite.intake.service.TicketService;
import io.ticketsuite.kit.messaging.EventInbox;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reflects the decisions of triage and routing on the ticket (and keeps routing's escalations for its staff view),
 * through one channel and consumer group over the two topics: a ticket's triage and assignment never wait for each
 * other's row lock in two transactions at once. Thin: decode → service.
 */
@ApplicationScoped
public class DecisionConsumer {
    public static final String EVENTS_IN = "decisions-in";
    /** The channel's name in metrics, logs and readiness. */
    static final String CONSUMER = "intake.decisions";
    /**
     * Each event's processed-event row keeps the name its topic's own channel gave it ({@code intake.triage}, {@code
     * intake.routing}): the new consumer group replays the topics from the start and skips what those applied.
     */
    static final Map<String, String> LEDGERS =
            Map.of(Topics.TRIAGE_EVENTS, "intake.triage", Topics.ROUTING_EVENTS, "intake.routing");

    static final Function<ConsumerRecord<String, String>, String> LEDGER =
            record -> LEDGERS.getOrDefault(record.topic(), "intake." + record.topic());

    private final EventInbox inbox;
    private final TicketService tickets;
    private final EscalationLog escalations;

    public DecisionConsumer(EventInbox inbox, TicketService tickets, EscalationLog escalations) {
        this.inbox = inbox;
        this.tickets = tickets;
        this.escalations = escalations;
    }

    @Incoming(EVENTS_IN)
    public Uni<Void> onDecisions(ConsumerRecords<String, String> records) {
        return inbox.process(CONSUMER, LEDGER, records, null, (event, afterCommit) -> {
            EventData data = event.data();
            if (data instanceof TicketTriaged t) {
                return tickets.applyTriage(t.ticketId(), t.category(), t.priority(), "triaged as " + t.category());
            }
            if (data instanceof TicketReclassified r) {
                return tickets.applyReclassification(r);
            }
            if (data instanceof TicketAssigned a) {
                return tickets.applyAssignment(a);
            }
            if (data instanceof TicketReassigned r) {
                return tickets.applyReassignment(r);
            }
            if (data instanceof TicketEscalated e) {
                return escalations.record(e, event.id());
            }
            return Uni.createFrom().voidItem();
        });
    }
}
