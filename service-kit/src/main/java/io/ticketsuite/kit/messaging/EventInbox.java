package io.ticketsuite.kit.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.events.CloudEventHeaders;
import io.ticketsuite.events.EventCodec;
import io.ticketsuite.events.EventData;
import io.ticketsuite.events.EventDecodingException;
import io.ticketsuite.events.EventEnvelope;
import io.ticketsuite.events.EventType;
import io.ticketsuite.kit.idempotency.ProcessedEvents;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.Logger;

/**
 * The consuming side of the kit: decodes a Kafka record into an event (a poison record fails at once, so the
 * channel's dead-letter strategy moves it to the dead-letter topic with the reason), then, in one transaction,
 * records the event id and runs the handler; a redelivered event is skipped. A failing transaction (a lock
 * timeout, a lost connection) is retried with backoff before the record is dead-lettered. Return the {@link Uni}
 * from an {@code @Incoming} method: the offset is committed only after it completes.
 */
@ApplicationScoped
public class EventInbox {
    private static final Logger LOG = Logger.getLogger(EventInbox.class);
    private static final int RETRIES = 4;

    private final ProcessedEvents processed;
    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new java.util.concurrent.ConcurrentHashMap<>();

    public EventInbox(ProcessedEvents processed, MeterRegistry registry) {
        this.processed = processed;
        this.registry = registry;
    }

    /**
     * Like {@link #process(String, ConsumerRecord, Function)}, for a consumer that acts on some of its topic's
     * types only: a record whose {@code ce_type} is a known type outside {@code relevant} is acknowledged at once —
     * not decoded, no transaction, no processed-event row — and counted with outcome {@code ignored}. A missing or
     * unknown type still takes the poison path (dead-letter topic).
     */
    public Uni<Void> process(
            String consumer,
            ConsumerRecord<String, String> record,
            Set<EventType> relevant,
            Function<EventEnvelope<EventData>, Uni<Void>> handler) {
        Header typeHeader = record.headers().lastHeader(CloudEventHeaders.TYPE);
        Optional<EventType> type = typeHeader == null || typeHeader.value() == null
                ? Optional.empty()
                : EventType.fromCeType(new String(typeHeader.value(), StandardCharsets.UTF_8));
        if (type.isPresent() && !relevant.contains(type.get())) {
            count(consumer, type.get().ceType(), "ignored");
            return Uni.createFrom().voidItem();
        }
        return process(consumer, record, handler);
    }

    public Uni<Void> process(
            String consumer,
            ConsumerRecord<String, String> record,
            Function<EventEnvelope<EventData>, Uni<Void>> handler) {
        EventEnvelope<EventData> event;
        try {
            event = decode(record);
        } catch (EventDecodingException e) {
            count(consumer, "unknown", "rejected");
            LOG.warnf(
                    "%s: poison record %s-%d@%d sent to the dead-letter topic: %s",
                    consumer, record.topic(), record.partition(), record.offset(), e.getMessage());
            return Uni.createFrom().failure(e);
        }
        String type = event.type().ceType();
        return Uni.createFrom()
                .deferred(() -> Panache.withTransaction(() -> processed
                        .firstDelivery(consumer, event.id())
                        .chain(first -> first
                                ? handler.apply(event).replaceWith(true)
                                : Uni.createFrom().item(false))))
                .onFailure()
                .invoke(e -> LOG.warnf("%s: %s %s failed, will retry: %s", consumer, type, event.id(), e.toString()))
                .onFailure()
                .retry()
                .withBackOff(Duration.ofMillis(100), Duration.ofSeconds(2))
                .atMost(RETRIES)
                .invoke(first -> count(consumer, type, first ? "processed" : "duplicate"))
                .onFailure()
                .invoke(() -> count(consumer, type, "failed"))
                .replaceWithVoid();
    }

    public static EventEnvelope<EventData> decode(ConsumerRecord<String, String> record) {
        return EventCodec.decode(headers(record), record.value());
    }

    public static Map<String, String> headers(ConsumerRecord<?, ?> record) {
        Map<String, String> headers = new HashMap<>();
        for (Header header : record.headers()) {
            if (header.value() != null) {
                headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        return headers;
    }

    /** Counters are looked up per event: cached, so the hot path does not build and register a meter each time. */
    private void count(String consumer, String type, String outcome) {
        counters.computeIfAbsent(
                        consumer + '|' + type + '|' + outcome,
                        k -> Counter.builder("ts.events.consumed")
                                .description(
                                        "events read by a consumer, by outcome (processed, duplicate, ignored, rejected, failed)")
                                .tag("consumer", consumer)
                                .tag("type", type)
                                .tag("outcome", outcome)
                                .register(registry))
                .increment();
    }
}
