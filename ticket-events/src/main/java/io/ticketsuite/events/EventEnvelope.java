package io.ticketsuite.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One event as it travels: CloudEvents attributes (carried in Kafka headers) and the typed data (the
 * record value). The Kafka key is always {@link #subject()}, the ticket id.
 */
public record EventEnvelope<T extends EventData>(UUID id, EventType type, String source, Instant time, T data) {

    public EventEnvelope {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(data, "data");
        if (!type.dataType().isInstance(data)) {
            throw new IllegalArgumentException(
                    type.ceType() + " carries " + type.dataType().getSimpleName() + ", not "
                            + data.getClass().getSimpleName());
        }
    }

    /** A new event with a random id, stamped now. */
    public static <T extends EventData> EventEnvelope<T> of(String source, T data, Instant time) {
        return new EventEnvelope<>(UUID.randomUUID(), EventType.of(data), source, time, data);
    }

    /** The CloudEvents subject and Kafka key: the ticket id. */
    public String subject() {
        return data.ticketId().toString();
    }

    public String topic() {
        return type.topic();
    }
}
