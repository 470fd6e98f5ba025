package io.ticketsuite.reporting.messaging;

import io.smallrye.mutiny.Uni;
import io.ticketsuite.kit.messaging.EventInbox;
import io.ticketsuite.reporting.service.ReportingService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads every topic of the suite through one channel and consumer group. Thin: the kit's inbox decodes (poison →
 * reporting-service-dlq), deduplicates by event id and opens the transaction; the service applies the batch's events —
 * whatever their topics — together, ticket by ticket.
 */
@ApplicationScoped
public class ReportingEventsConsumer {
    public static final String EVENTS_IN = "events-in";
    /** The channel's name in metrics, logs and readiness. */
    public static final String CONSUMER = "reporting.events";
    /**
     * Each event's processed-event row is named after its topic ({@code reporting.ticket-events}, …), as when every
     * topic had its own channel: the new consumer group replays the topics from the start and skips what they applied.
     */
    static final Function<ConsumerRecord<String, String>, String> LEDGER = EventInbox.byTopic("reporting");

    private final EventInbox inbox;
    private final ReportingService reporting;

    public ReportingEventsConsumer(EventInbox inbox, ReportingService reporting) {
        this.inbox = inbox;
        this.reporting = reporting;
    }

    /** The whole batch together: every ticket's row locked in one statement, read and written once for its events. */
    @Incoming(EVENTS_IN)
    public Uni<Void> onEvents(ConsumerRecords<String, String> records) {
        return inbox.processBatch(CONSUMER, LEDGER, records, null, (tickets, afterCommit) -> reporting.apply(tickets));
    }
}
