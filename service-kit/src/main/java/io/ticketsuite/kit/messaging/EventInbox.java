package io.ticketsuite.kit.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.events.EventCodec;
import io.ticketsuite.events.EventData;
import io.ticketsuite.events.EventDecodingException;
import io.ticketsuite.events.EventEnvelope;
import io.ticketsuite.kit.idempotency.ProcessedEvents;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.Logger;

/**
 * The consuming side of the kit: decodes a Kafka record into an event (a poison record fails, so the channel's
 * dead-letter strategy moves it to the dead-letter topic with the reason), skips a redelivered event, and runs
 * the handler in the caller's transaction. Call it from an {@code @Incoming} method under
 * {@code @WithTransaction}; the offset is committed only after the returned {@link Uni} completes.
 */
@ApplicationScoped
public class EventInbox {
    private static final Logger LOG = Logger.getLogger(EventInbox.class);

    private final ProcessedEvents processed;
    private final MeterRegistry registry;

    public EventInbox(ProcessedEvents processed, MeterRegistry registry) {
        this.processed = processed;
        this.registry = registry;
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
        return processed.firstDelivery(consumer, event.id()).chain(first -> {
            if (!first) {
                count(consumer, type, "duplicate");
                return Uni.createFrom().voidItem();
            }
            return handler.apply(event).invoke(() -> count(consumer, type, "processed"));
        });
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

    private void count(String consumer, String type, String outcome) {
        Counter.builder("ts.events.consumed")
                .description("events read by a consumer, by outcome (processed, duplicate, rejected)")
                .tag("consumer", consumer)
                .tag("type", type)
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }
}
