package io.ticketsuite.routing;

import io.ticketsuite.events.Channel;
import io.ticketsuite.events.CloudEventHeaders;
import io.ticketsuite.events.Customer;
import io.ticketsuite.events.CustomerTier;
import io.ticketsuite.events.EventCodec;
import io.ticketsuite.events.EventData;
import io.ticketsuite.events.EventEnvelope;
import io.ticketsuite.events.Priority;
import io.ticketsuite.events.TicketCreated;
import io.ticketsuite.events.TicketReclassified;
import io.ticketsuite.events.TicketStatus;
import io.ticketsuite.events.TicketStatusChanged;
import io.ticketsuite.events.TicketTriaged;
import io.ticketsuite.events.TicketType;
import io.ticketsuite.testkit.SharedInfra;
import io.ticketsuite.testkit.TopicProbe;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/** Events as intake and triage would publish them, put on the real broker. */
public final class TestEvents {
    private TestEvents() {}

    public static EventEnvelope<TicketCreated> created(UUID ticket, CustomerTier tier, String language) {
        return created(ticket, "customer-" + ticket, tier, language);
    }

    /** A ticket of a given customer (continuity, VIP). */
    public static EventEnvelope<TicketCreated> created(
            UUID ticket, String customerId, CustomerTier tier, String language) {
        return EventEnvelope.of(
                "intake-service",
                new TicketCreated(
                        ticket,
                        TicketType.SUPPORT,
                        Channel.EMAIL,
                        "Something needs attention",
                        "Details of the problem",
                        new Customer(customerId, "customer@example.com", tier, language),
                        List.of(),
                        null,
                        TicketStatus.NEW,
                        Instant.now()),
                Instant.now());
    }

    public static EventEnvelope<TicketTriaged> triaged(UUID ticket, String category, Priority priority) {
        return EventEnvelope.of(
                "triage-service",
                new TicketTriaged(
                        ticket, category, priority, 0.9, Map.of("matched", List.of(category)), "1.0.0", Instant.now()),
                Instant.now());
    }

    public static EventEnvelope<TicketReclassified> reclassified(
            UUID ticket, String from, String to, Priority fromPriority, Priority toPriority, String reason) {
        return EventEnvelope.of(
                "triage-service",
                new TicketReclassified(
                        ticket, from, to, fromPriority, toPriority, reason, Instant.now(), "agent-eng-tier1-2"),
                Instant.now());
    }

    public static EventEnvelope<TicketStatusChanged> statusChanged(UUID ticket, TicketStatus from, TicketStatus to) {
        return EventEnvelope.of(
                "intake-service",
                new TicketStatusChanged(ticket, TicketType.SUPPORT, from, to, "test", "api", Instant.now()),
                Instant.now());
    }

    /** Publishes the envelope as its writer would: key = ticket id, CloudEvents headers, JSON data. */
    public static void publish(EventEnvelope<?> event) {
        TopicProbe.publish(event);
    }

    /**
     * Publishes many events at once through one producer without waiting between them, so that the consumers of
     * both topics see them together (and race on the same tickets).
     */
    public static void publishAll(List<? extends EventEnvelope<?>> events) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfra.kafkaBootstrap());
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            List<Future<RecordMetadata>> acks = new ArrayList<>();
            for (EventEnvelope<?> event : events) {
                ProducerRecord<String, String> record =
                        new ProducerRecord<>(event.topic(), event.subject(), EventCodec.toJson(event.data()));
                EventCodec.headers(event)
                        .forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
                acks.add(producer.send(record));
            }
            for (Future<RecordMetadata> ack : acks) {
                ack.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot publish", e);
        }
    }

    public static boolean isAssignmentOf(ConsumerRecord<String, String> record, UUID ticket) {
        return ticket.toString().equals(record.key())
                && "ticket.assigned".equals(TopicProbe.header(record, CloudEventHeaders.TYPE));
    }

    public static boolean isReassignmentOf(ConsumerRecord<String, String> record, UUID ticket) {
        return ticket.toString().equals(record.key())
                && "ticket.reassigned".equals(TopicProbe.header(record, CloudEventHeaders.TYPE));
    }

    public static EventData decode(ConsumerRecord<String, String> record) {
        return EventCodec.decode(TopicProbe.headers(record), record.value()).data();
    }
}
