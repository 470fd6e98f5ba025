package io.ticketsuite.reporting.messaging;

import io.smallrye.mutiny.Uni;
import io.ticketsuite.events.EventEnvelope;
import io.ticketsuite.kit.messaging.EventInbox;
import io.ticketsuite.reporting.service.ReportingService;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads every topic of the suite, one channel and consumer group per topic. Thin: the kit's inbox decodes (poison →
 * reporting-service-dlq), deduplicates by event id and opens the transaction; the service applies the event.
 */
@ApplicationScoped
public class ReportingEventsConsumer {
    public static final String TICKETS_IN = "tickets-in";
    public static final String TRIAGE_IN = "triage-in";
    public static final String ROUTING_IN = "routing-in";
    public static final String SLA_IN = "sla-in";
    public static final String NOTIFICATIONS_IN = "notifications-in";

    private final EventInbox inbox;
    private final ReportingService reporting;

    public ReportingEventsConsumer(EventInbox inbox, ReportingService reporting) {
        this.inbox = inbox;
        this.reporting = reporting;
    }

    @Incoming(TICKETS_IN)
    public Uni<Void> onTicketEvent(ConsumerRecords<String, String> records) {
        return process("reporting.ticket-events", records);
    }

    @Incoming(TRIAGE_IN)
    public Uni<Void> onTriageEvent(ConsumerRecords<String, String> records) {
        return process("reporting.triage-events", records);
    }

    @Incoming(ROUTING_IN)
    public Uni<Void> onRoutingEvent(ConsumerRecords<String, String> records) {
        return process("reporting.routing-events", records);
    }

    @Incoming(SLA_IN)
    public Uni<Void> onSlaEvent(ConsumerRecords<String, String> records) {
        return process("reporting.sla-events", records);
    }

    @Incoming(NOTIFICATIONS_IN)
    public Uni<Void> onNotificationEvent(ConsumerRecords<String, String> records) {
        return process("reporting.notification-events", records);
    }

    /** A ticket's events of a batch together: its row read and written once for them. */
    private Uni<Void> process(String consumer, ConsumerRecords<String, String> records) {
        return inbox.processByTicket(
                consumer,
                records,
                null,
                (events, afterCommit) ->
                        reporting.apply(events.stream().map(EventEnvelope::data).toList()));
    }
}
