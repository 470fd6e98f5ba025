package io.ticketsuite.sla;

import io.ticketsuite.events.AuthorRole;
import io.ticketsuite.events.Channel;
import io.ticketsuite.events.Customer;
import io.ticketsuite.events.CustomerTier;
import io.ticketsuite.events.EventCodec;
import io.ticketsuite.events.EventData;
import io.ticketsuite.events.EventEnvelope;
import io.ticketsuite.events.Priority;
import io.ticketsuite.events.SlaClock;
import io.ticketsuite.events.SlaThresholdReached;
import io.ticketsuite.events.TicketAssigned;
import io.ticketsuite.events.TicketCommentAdded;
import io.ticketsuite.events.TicketCreated;
import io.ticketsuite.events.TicketStatus;
import io.ticketsuite.events.TicketTriaged;
import io.ticketsuite.events.TicketType;
import io.ticketsuite.events.Visibility;
import io.ticketsuite.testkit.TopicProbe;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** What the other services would publish, and how to read what sla-service published, for broker tests. */
public final class SlaEvents {
    private SlaEvents() {}

    public static EventEnvelope<EventData> publish(EventData data, Instant time) {
        EventEnvelope<EventData> envelope = EventEnvelope.of("test", data, time);
        publish(envelope);
        return envelope;
    }

    /** Publishes an envelope as the writing service would (key = ticket id, CloudEvents headers). */
    public static void publish(EventEnvelope<?> envelope) {
        TopicProbe.publish(envelope);
    }

    public static TicketCreated created(UUID ticketId, Instant at) {
        return created(ticketId, at, CustomerTier.ENTERPRISE);
    }

    public static TicketCreated created(UUID ticketId, Instant at, CustomerTier tier) {
        return new TicketCreated(
                ticketId,
                TicketType.SUPPORT,
                Channel.WEB,
                "Invoice charged twice",
                "help",
                new Customer("cust-" + ticketId, "c@example.com", tier, "en"),
                List.of(),
                null,
                TicketStatus.NEW,
                at);
    }

    public static TicketTriaged triaged(UUID ticketId, Priority priority, Instant at) {
        return new TicketTriaged(ticketId, "billing", priority, 0.9, Map.of(), "test", at);
    }

    public static TicketAssigned assigned(UUID ticketId, Instant at) {
        return new TicketAssigned(
                ticketId, "billing", "Billing", "agent-7", "Ann", "lead-3", "billing-round-robin", "test", at);
    }

    public static TicketCommentAdded comment(UUID ticketId, AuthorRole role, Visibility visibility, Instant at) {
        return new TicketCommentAdded(
                ticketId,
                UUID.randomUUID(),
                role.name().toLowerCase(java.util.Locale.ROOT) + "-1",
                role,
                visibility,
                "text",
                at);
    }

    public static Predicate<ConsumerRecord<String, String>> about(UUID ticketId, String ceType) {
        return r -> ticketId.toString().equals(r.key())
                && ceType.equals(TopicProbe.header(r, io.ticketsuite.events.CloudEventHeaders.TYPE));
    }

    public static Predicate<ConsumerRecord<String, String>> about(UUID ticketId) {
        return r -> ticketId.toString().equals(r.key());
    }

    @SuppressWarnings("unchecked")
    public static <T extends EventData> T data(ConsumerRecord<String, String> record) {
        return (T) EventCodec.decode(TopicProbe.headers(record), record.value()).data();
    }

    /** Threshold events of one ticket, as "CLOCK/percent" strings (one per record). */
    public static List<String> thresholds(List<ConsumerRecord<String, String>> records) {
        return records.stream()
                .map(SlaEvents::data)
                .filter(SlaThresholdReached.class::isInstance)
                .map(SlaThresholdReached.class::cast)
                .map(e -> e.clock() + "/" + e.thresholdPercent())
                .toList();
    }

    public static String threshold(SlaClock clock, int percent) {
        return clock + "/" + percent;
    }
}
