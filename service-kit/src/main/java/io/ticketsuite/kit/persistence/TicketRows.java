package io.ticketsuite.kit.persistence;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

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

    /**
     * {@link #lockOrInsert} for many tickets at once (a consumer's batch): the existing rows locked in one statement,
     * the missing ones inserted in one ({@code RETURNING *}), and any a concurrent transaction inserted meanwhile
     * locked in a third — three statements for the batch instead of one or two per ticket.
     *
     * @param lock reads the rows of the given ids with a row lock ({@code PESSIMISTIC_WRITE}), in ascending id order
     *     (every batch locks its tickets in one order, so two never deadlock)
     * @param idOf a row's ticket id
     * @param insertAll an {@code INSERT … ON CONFLICT DO NOTHING} of the rows whose ids are in {@code ?1}, a
     *     comma-separated list (for example {@code SELECT id, ?2 FROM unnest(string_to_array(?1, ',')::uuid[]) AS
     *     u(id)}), without a {@code RETURNING} clause; its further parameters {@code ?2…} are {@code parameters}
     * @return the rows by ticket id, one for each of {@code ids}
     */
    public static <T> Uni<Map<UUID, T>> lockOrInsertAll(
            Class<T> type,
            Collection<UUID> ids,
            Function<List<UUID>, Uni<List<T>>> lock,
            Function<T, UUID> idOf,
            String insertAll,
            Object... parameters) {
        List<UUID> sorted = ids.stream().distinct().sorted().toList();
        if (sorted.isEmpty()) {
            return Uni.createFrom().item(new HashMap<>());
        }
        return lock.apply(sorted).chain(locked -> {
            Map<UUID, T> rows = new HashMap<>();
            locked.forEach(row -> rows.put(idOf.apply(row), row));
            List<UUID> missing = missing(sorted, rows);
            if (missing.isEmpty()) {
                return Uni.createFrom().item(rows);
            }
            return Panache.getSession()
                    .chain(session -> {
                        var query = session.createNativeQuery(insertAll + " RETURNING *", type);
                        query.setParameter(
                                1, missing.stream().map(UUID::toString).collect(Collectors.joining(",")));
                        for (int i = 0; i < parameters.length; i++) {
                            query.setParameter(i + 2, parameters[i]);
                        }
                        return query.getResultList();
                    })
                    .chain(inserted -> {
                        inserted.forEach(row -> rows.put(idOf.apply(row), row));
                        List<UUID> raced = missing(missing, rows);
                        return raced.isEmpty()
                                ? Uni.createFrom().item(rows)
                                : lock.apply(raced).map(late -> {
                                    late.forEach(row -> rows.put(idOf.apply(row), row));
                                    return rows;
                                });
                    });
        });
    }

    private static List<UUID> missing(List<UUID> ids, Map<UUID, ?> rows) {
        List<UUID> missing = new ArrayList<>();
        for (UUID id : ids) {
            if (!rows.containsKey(id)) {
                missing.add(id);
            }
        }
        return missing;
    }
}
