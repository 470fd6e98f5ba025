package io.ticketsuite.reporting.messaging;

import io.smallrye.mutiny.Uni;
import io.ticketsuite.events.EventEnvelope;
import io.ticketsuite.kit.messaging.EventInbox;
import io.ticketsuite.reporting.service.ReportingService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads every topic of the suite through one channel and consumer group. Thin: the kit's inbox decodes (poison →
 * reporting-service-dlq), deduplicates by event id and opens the transaction; the service applies a ticket's events of
 * the batch — whatever their topics — together.
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

    /** A ticket's events of a batch together: its row read and written once for them. */
    @Incoming(EVENTS_IN)
    public Uni<Void> onEvents(ConsumerRecords<String, String> records) {
        return inbox.processByTicket(
                CONSUMER,
                LEDGER,
                records,
                null,
                (events, afterCommit) ->
                        reporting.apply(events.stream().map(EventEnvelope::data).toList()));
    }
}
