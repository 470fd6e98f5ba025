package io.ticketsuite.kit.idempotency;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The idempotent consumer guard: records (consumer, event id) with {@code INSERT … ON CONFLICT DO NOTHING} in
 * the caller's transaction. Two deliveries of one event race on the primary key, so exactly one sees "first".
 */
@ApplicationScoped
public class ProcessedEvents {
    /** One statement text whatever the batch's size, so the connection's prepared-statement cache holds it once. */
    private static final String INSERT = "INSERT INTO processed_event (consumer, event_id)"
            + " SELECT ?1, id FROM unnest(string_to_array(?2, ',')::uuid[]) AS id"
            + " ON CONFLICT DO NOTHING RETURNING event_id";

    /** The same for a batch whose events are recorded under several consumer names (one channel over several topics). */
    private static final String INSERT_PAIRS = "INSERT INTO processed_event (consumer, event_id)"
            + " SELECT c, id FROM unnest(string_to_array(?1, ','), string_to_array(?2, ',')::uuid[]) AS p (c, id)"
            + " ON CONFLICT DO NOTHING RETURNING event_id";

    /**
     * The ids of {@code eventIds} this consumer had not processed yet (and now has, once the transaction commits):
     * one multi-row insert for the whole batch, returning the rows it inserted.
     */
    public Uni<Set<UUID>> firstDeliveries(String consumer, List<UUID> eventIds) {
        String ids = eventIds.stream().map(UUID::toString).collect(Collectors.joining(","));
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(INSERT, Object.class)
                        .setParameter(1, consumer)
                        .setParameter(2, ids)
                        .getResultList())
                .map(ProcessedEvents::ids);
    }

    /**
     * The ids of {@code eventIds} not processed yet under their consumer name ({@code consumers}, one per id, in the
     * same order; names without commas): one multi-row insert for the whole batch. An event delivered twice in one
     * batch is inserted, and so returned, once.
     */
    public Uni<Set<UUID>> firstDeliveries(List<String> consumers, List<UUID> eventIds) {
        if (consumers.size() != eventIds.size()) {
            throw new IllegalArgumentException("one consumer name per event id");
        }
        if (consumers.stream().distinct().count() <= 1) {
            return consumers.isEmpty() ? Uni.createFrom().item(Set.of()) : firstDeliveries(consumers.get(0), eventIds);
        }
        String ids = eventIds.stream().map(UUID::toString).collect(Collectors.joining(","));
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(INSERT_PAIRS, Object.class)
                        .setParameter(1, String.join(",", consumers))
                        .setParameter(2, ids)
                        .getResultList())
                .map(ProcessedEvents::ids);
    }

    private static Set<UUID> ids(List<?> rows) {
        return rows.stream()
                .map(row -> row instanceof UUID id ? id : UUID.fromString(row.toString()))
                .collect(Collectors.toSet());
    }
}
