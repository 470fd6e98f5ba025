package io.ticketsuite.triage;

import io.ticketsuite.events.Channel;
import io.ticketsuite.events.Customer;
import io.ticketsuite.events.CustomerTier;
import io.ticketsuite.events.EventData;
import io.ticketsuite.events.EventEnvelope;
import io.ticketsuite.events.TicketCreated;
import io.ticketsuite.events.TicketStatus;
import io.ticketsuite.events.TicketType;
import io.ticketsuite.events.Topics;
import io.ticketsuite.testkit.TopicProbe;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Events as intake writes them, and publishing them the way intake's outbox relay does. */
public final class TicketSamples {
    public static final String INTAKE = "intake-service";

    /** The version of the default rule pack (triage-classifier's), which decides unless a test loads another. */
    public static final String PACK_VERSION =
            io.ticketsuite.triage.classifier.RulePack.loadDefault().version();

    private TicketSamples() {}

    public static TicketCreated created(UUID ticketId, String subject, String description, CustomerTier tier) {
        return new TicketCreated(
                ticketId,
                TicketType.SUPPORT,
                Channel.EMAIL,
                subject,
                description,
                new Customer("c-" + ticketId, "ann@example.com", tier, "en"),
                List.of(),
                null,
                TicketStatus.NEW,
                Instant.now());
    }

    public static TicketCreated billing(UUID ticketId) {
        return created(
                ticketId,
                "Charged twice on my invoice",
                "My card was charged twice for this month's subscription. Please refund one payment.",
                CustomerTier.PROFESSIONAL);
    }

    public static <T extends EventData> EventEnvelope<T> envelope(T data) {
        return EventEnvelope.of(INTAKE, data, Instant.now());
    }

    /** Publishes the event on its topic, keyed by the ticket id, with CloudEvents headers. */
    public static void publish(EventEnvelope<?> event) {
        TopicProbe.publish(event);
    }

    /** Publishes a raw record on ticket-events. */
    public static void publishRaw(String key, String value, java.util.Map<String, String> headers) {
        TopicProbe.publish(Topics.TICKET_EVENTS, key, value, headers);
    }
}
