package io.ticketsuite.intake.messaging;

import io.smallrye.mutiny.Uni;
import io.ticketsuite.events.EventData;
import io.ticketsuite.events.EventEnvelope;
import io.ticketsuite.events.TicketAssigned;
import io.ticketsuite.events.TicketEscalated;
import io.ticketsuite.events.TicketReassigned;
import io.ticketsuite.events.TicketReclassified;
import io.ticketsuite.events.TicketTriaged;
import io.ticketsuite.events.Topics;
import io.ticketsuite.intake.Ticket;
import io.ticketsuite.intake.service.EscalationLog;
import io.ticketsuite.intake.service.TicketService;
import io.ticketsuite.kit.messaging.EventInbox;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
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

    /**
     * The whole batch together: the rows of every ticket it decides about are locked in one statement, then each
     * ticket's decisions are applied in their order, in the ticket's trace, and written in one flush.
     */
    @Incoming(EVENTS_IN)
    public Uni<Void> onDecisions(ConsumerRecords<String, String> records) {
        return inbox.processBatch(CONSUMER, LEDGER, records, null, (batch, afterCommit) -> {
            Set<UUID> decided = new LinkedHashSet<>();
            batch.forEach(ticket -> ticket.events().stream()
                    .map(EventEnvelope::data)
                    .filter(data -> !(data instanceof TicketEscalated))
                    .forEach(data -> decided.add(data.ticketId())));
            return tickets.lockAll(decided)
                    .chain(rows -> EventInbox.eachInTurn(
                            batch, event -> apply(event, rows.get(event.data().ticketId()))));
        });
    }

    /** One decision, on its ticket's locked row (null: unknown here). */
    private Uni<Void> apply(EventEnvelope<EventData> event, Ticket ticket) {
        EventData data = event.data();
        if (data instanceof TicketTriaged t) {
            return tickets.applyTriage(ticket, t);
        }
        if (data instanceof TicketReclassified r) {
            return tickets.applyReclassification(ticket, r);
        }
        if (data instanceof TicketAssigned a) {
            return tickets.applyAssignment(ticket, a);
        }
        if (data instanceof TicketReassigned r) {
            return tickets.applyReassignment(ticket, r);
        }
        if (data instanceof TicketEscalated e) {
            return escalations.record(e, event.id());
        }
        return Uni.createFrom().voidItem();
    }
}
