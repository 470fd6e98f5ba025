package io.ticketsuite.kit.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.events.EventCodec;
import io.ticketsuite.events.EventData;
import io.ticketsuite.events.EventEnvelope;
import io.ticketsuite.kit.config.KitConfig;
import io.ticketsuite.kit.tracing.TraceHeaders;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Appends events to the outbox inside the caller's Hibernate Reactive transaction, so the change and its
 * announcement commit together. The relay publishes them afterwards.
 */
@ApplicationScoped
public class OutboxWriter {
    /** The outbox columns a writer fills, in {@link Row}'s order. */
    public static final String COLUMNS = "event_id, topic, message_key, event_type, headers, payload";

    private static final String INSERT =
            "INSERT INTO outbox (" + OutboxWriter.COLUMNS + ") VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

    private final String source;
    private final Clock clock;

    public OutboxWriter(KitConfig config, Clock clock) {
        this.source = config.source();
        this.clock = clock;
    }

    /** Wraps data in a new envelope stamped now, and appends it. Must run inside a transaction. */
    public <T extends EventData> Uni<EventEnvelope<T>> append(T data) {
        EventEnvelope<T> envelope = envelope(data);
        return append(envelope).replaceWith(envelope);
    }

    /** Appends several events in order. */
    public Uni<Void> appendAll(List<? extends EventData> events) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (EventData data : events) {
            chain = chain.chain(() -> append(data).replaceWithVoid());
        }
        return chain;
    }

    public Uni<Void> append(EventEnvelope<?> envelope) {
        Row row;
        try {
            row = Row.of(envelope);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(INSERT)
                        .setParameter(1, row.eventId())
                        .setParameter(2, row.topic())
                        .setParameter(3, row.messageKey())
                        .setParameter(4, row.eventType())
                        .setParameter(5, row.headers())
                        .setParameter(6, row.payload())
                        .executeUpdate())
                .replaceWithVoid();
    }

    /** Wraps data in a new envelope stamped now (for callers that write the row with their own SQL). */
    public <T extends EventData> EventEnvelope<T> envelope(T data) {
        return EventEnvelope.of(source, data, clock.instant());
    }

    /**
     * One outbox row, in the order of {@link #COLUMNS}: for a hot path that writes its change and the row in one
     * statement of its own instead of going through {@link #append}. Its headers are the event's CloudEvents headers
     * and the W3C trace context current when the row is made ({@link TraceHeaders}: {@code traceparent},
     * {@code ce_traceparent}), which the relay publishes with the record, so that the consumers continue the trace of
     * the request or message that caused the event.
     */
    public record Row(
            java.util.UUID eventId, String topic, String messageKey, String eventType, String headers, String payload) {
        public static Row of(EventEnvelope<?> envelope) throws JsonProcessingException {
            Map<String, String> headers = new LinkedHashMap<>(EventCodec.headers(envelope));
            headers.putAll(TraceHeaders.current());
            return new Row(
                    envelope.id(),
                    envelope.topic(),
                    envelope.subject(),
                    envelope.type().ceType(),
                    EventCodec.mapper().writeValueAsString(headers),
                    EventCodec.toJson(envelope.data()));
        }
    }
}
