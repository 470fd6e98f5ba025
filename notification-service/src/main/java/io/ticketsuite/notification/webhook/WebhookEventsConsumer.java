package io.ticketsuite.notification.webhook;

import io.smallrye.mutiny.Uni;
import io.ticketsuite.kit.messaging.EventInbox;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads every topic the suite's workflow writes (ticket-, triage-, routing- and sla-events), each on a channel and
 * consumer group of its own ({@code notification-service.webhooks.<topic>}), and queues webhook deliveries and chat
 * notices. Thin: the kit's inbox decodes, deduplicates and transacts; a poison record goes to the dead letters.
 */
@ApplicationScoped
public class WebhookEventsConsumer {
    public static final String TICKETS_IN = "webhook-tickets-in";
    public static final String TRIAGE_IN = "webhook-triage-in";
    public static final String ROUTING_IN = "webhook-routing-in";
    public static final String SLA_IN = "webhook-sla-in";
    /** The inbox's consumer name (processed events, metrics). */
    static final String CONSUMER = "notification.webhooks";

    private final EventInbox inbox;
    private final WebhookQueue queue;

    public WebhookEventsConsumer(EventInbox inbox, WebhookQueue queue) {
        this.inbox = inbox;
        this.queue = queue;
    }

    @Incoming(TICKETS_IN)
    public Uni<Void> onTicketEvent(ConsumerRecords<String, String> records) {
        return inbox.process(CONSUMER, records, queue::enqueue);
    }

    @Incoming(TRIAGE_IN)
    public Uni<Void> onTriageEvent(ConsumerRecords<String, String> records) {
        return inbox.process(CONSUMER, records, queue::enqueue);
    }

    @Incoming(ROUTING_IN)
    public Uni<Void> onRoutingEvent(ConsumerRecords<String, String> records) {
        return inbox.process(CONSUMER, records, queue::enqueue);
    }

    @Incoming(SLA_IN)
    public Uni<Void> onSlaEvent(ConsumerRecords<String, String> records) {
        return inbox.process(CONSUMER, records, queue::enqueue);
    }
}
