package io.ticketsuite.reporting.kpi;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes read-model rows as the projection would: a placeholder first (an event before ticket.created), then the
 * columns, in one or more updates, so that the aggregate trigger's subtract-and-add path runs.
 */
public final class ReadModelFixture {
    private final Pool pool;

    public ReadModelFixture(Pool pool) {
        this.pool = pool;
    }

    public UUID ticket(Map<String, Object> columns) {
        UUID id = UUID.randomUUID();
        pool.preparedQuery("INSERT INTO report_ticket (ticket_id) VALUES ($1)")
                .execute(Tuple.of(id))
                .await()
                .indefinitely();
        update(id, columns);
        return id;
    }

    public void update(UUID id, Map<String, Object> columns) {
        update(pool, id, columns).await().indefinitely();
    }

    /** Sets the columns of a ticket's row through the given client (the pool, or a connection in a transaction). */
    public static Uni<Void> update(SqlClient client, UUID id, Map<String, Object> columns) {
        List<Object> values = new ArrayList<>();
        values.add(id);
        StringBuilder sql = new StringBuilder("UPDATE report_ticket SET updated_at = now()");
        for (var e : columns.entrySet()) {
            values.add(e.getValue() instanceof Instant i ? i.atOffset(ZoneOffset.UTC) : e.getValue());
            sql.append(", ").append(e.getKey()).append(" = $").append(values.size());
        }
        sql.append(" WHERE ticket_id = $1");
        return client.preparedQuery(sql.toString()).execute(Tuple.from(values)).replaceWithVoid();
    }

    public void cluster(String key, String signature, String category, UUID... members) {
        pool.preparedQuery("INSERT INTO report_cluster (cluster_key, signature, category) VALUES ($1, $2, $3)")
                .execute(Tuple.of(key, signature, category))
                .await()
                .indefinitely();
        for (UUID member : members) {
            pool.preparedQuery("INSERT INTO report_cluster_ticket (cluster_key, ticket_id) VALUES ($1, $2)")
                    .execute(Tuple.of(key, member))
                    .await()
                    .indefinitely();
        }
    }

    public static Map<String, Object> cols(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }
}
