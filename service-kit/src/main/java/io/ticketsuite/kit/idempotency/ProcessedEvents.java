package io.ticketsuite.kit.idempotency;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * The idempotent consumer guard: records (consumer, event id) with {@code INSERT … ON CONFLICT DO NOTHING} in
 * the caller's transaction. Two deliveries of one event race on the primary key, so exactly one sees "first".
 */
@ApplicationScoped
public class ProcessedEvents {
    private static final String INSERT =
            "INSERT INTO processed_event (consumer, event_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING";

    /** True if this consumer had not processed the event yet (and now has, once the transaction commits). */
    public Uni<Boolean> firstDelivery(String consumer, UUID eventId) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery(INSERT)
                        .setParameter(1, consumer)
                        .setParameter(2, eventId)
                        .executeUpdate())
                .map(count -> count == 1);
    }
}
