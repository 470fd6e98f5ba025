package io.ticketsuite.kit.persistence;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.util.function.Supplier;

/**
 * A service's per-ticket row, taken by a consumer's transaction: locked if it exists, else created (and so held by
 * this transaction until it ends). Locking first costs one statement for every event but a ticket's first, which
 * costs two: the lock that finds nothing, and an {@code INSERT … ON CONFLICT DO NOTHING RETURNING *} whose row is the
 * entity. When two channels' first events about a new ticket race, the second's insert waits for the first
 * transaction, inserts nothing, and the second then finds the row and locks it: one row, applied one after the other.
 */
public final class TicketRows {
    private TicketRows() {}

    /**
     * @param type the row's entity: the inserted row is read back as it ({@code RETURNING *}), managed by the session
     * @param lock reads the row with a row lock ({@code PESSIMISTIC_WRITE}); null when it does not exist
     * @param insert an {@code INSERT … ON CONFLICT DO NOTHING} of the row (native SQL, positional parameters ?1…,
     *     without a {@code RETURNING} clause)
     * @param parameters the insert's parameters, in order
     */
    public static <T> Uni<T> lockOrInsert(Class<T> type, Supplier<Uni<T>> lock, String insert, Object... parameters) {
        return lock.get()
                .onItem()
                .ifNull()
                .switchTo(() -> Panache.getSession()
                        .chain(session -> {
                            var query = session.createNativeQuery(insert + " RETURNING *", type);
                            for (int i = 0; i < parameters.length; i++) {
                                query.setParameter(i + 1, parameters[i]);
                            }
                            return query.getResultList();
                        })
                        .chain(inserted -> inserted.isEmpty()
                                ? lock.get()
                                : Uni.createFrom().item(inserted.get(0))));
    }
}
