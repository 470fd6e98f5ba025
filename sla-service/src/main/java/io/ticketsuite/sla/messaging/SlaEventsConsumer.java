package io.ticketsuite.sla.messaging;

import io.smallrye.mutiny.Uni;
import io.ticketsuite.events.EventType;
import io.ticketsuite.kit.messaging.EventInbox;
import io.ticketsuite.sla.service.SlaMetrics;
import io.ticketsuite.sla.service.SlaService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads the facts the clocks depend on: tickets created, commented and moved (ticket-events), their priority
 * (triage-events) and who handles them (routing-events), through one channel and consumer group over the three topics.
 * Thin: the kit's inbox decodes, deduplicates and opens the transaction; {@link SlaService} applies the batch's events
 * together, ticket by ticket, whatever their topics.
 */
@ApplicationScoped
public class SlaEventsConsumer {
    public static final String EVENTS_IN = "events-in";
    /** The channel's name in metrics, logs and readiness. */
    public static final String CONSUMER = "sla.events";
    /**
     * Each event's processed-event row is named after its topic ({@code sla.ticket-events}, …), as when every topic
     * had its own channel: the new consumer group replays the topics from the start and skips what they applied.
     */
    static final Function<ConsumerRecord<String, String>, String> LEDGER = EventInbox.byTopic("sla");

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

    @Incoming(EVENTS_IN)
    public Uni<Void> onEvents(ConsumerRecords<String, String> records) {
        return process(records);
    }

    /**
     * The whole batch together: every ticket's row locked and the clocks read in a few statements for all of them
     * ({@link SlaService#apply(java.util.List)}). What each event did is counted once the transaction committed.
     */
    Uni<Void> process(Iterable<ConsumerRecord<String, String>> records) {
        return inbox.processBatch(
                CONSUMER,
                LEDGER,
                records,
                RELEVANT,
                (tickets, afterCommit) -> sla.apply(tickets)
                        .invoke(applied -> afterCommit.add(() -> applied.forEach(metrics::applied)))
                        .replaceWithVoid());
    }
}
