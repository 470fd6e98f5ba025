package io.ticketsuite.kit.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.events.EventCodec;
import io.ticketsuite.events.EventData;
import io.ticketsuite.events.EventEnvelope;
import io.ticketsuite.kit.config.KitConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;

/**
 * Appends events to the outbox inside the caller's Hibernate Reactive transaction, so the change and its
 * announcement commit together. The relay publishes them afterwards.
 */
@ApplicationScoped
public class OutboxWriter {
    private static final String INSERT = "INSERT INTO outbox (event_id, topic, message_key, event_type, headers,"
            + " payload) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

    private final String source;
    private final Clock clock;

    public OutboxWriter(KitConfig config, Clock clock) {
        this.source = config.source();
        this.clock = clock;
    }

    /** Wraps data in a new envelope stamped now, and appends it. Must run inside a transaction. */
    public <T extends EventData> Uni<EventEnvelope<T>> append(T data) {
        EventEnvelope<T> envelope = EventEnvelope.of(source, data, clock.instant());
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
        String headers;
        try {
            headers = EventCodec.mapper().writeValueAsString(EventCodec.headers(envelope));
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        String payload = EventCodec.toJson(envelope.data());
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(INSERT)
                        .setParameter(1, envelope.id())
                        .setParameter(2, envelope.topic())
                        .setParameter(3, envelope.subject())
                        .setParameter(4, envelope.type().ceType())
                        .setParameter(5, headers)
                        .setParameter(6, payload)
                        .executeUpdate())
                .replaceWithVoid();
    }
}
