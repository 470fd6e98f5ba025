package io.ticketsuite.triage.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.ticketsuite.kit.outbox.OutboxWriter;
import io.ticketsuite.triage.config.TriageConfig;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * What the recurring-detection tests share: replicas of the application's {@link RecurringService} on its own
 * database (each with its own index and clock), and a plain JDBC look at the tables they write.
 */
@ApplicationScoped
class RecurringReplicas {
    @Inject
    TriageConfig config;

    @Inject
    ClassifierService classifier;

    @Inject
    OutboxWriter outbox;

    @Inject
    MeterRegistry registry;

    @Inject
    Pool pool;

    @Inject
    DataSource dataSource;

    /** A new replica deciding on the application's database, with its own index, on the given clock. */
    RecurringReplica start(Clock clock) {
        return new RecurringReplica(config, classifier, outbox, clock, registry, pool);
    }

    MeterRegistry registry() {
        return registry;
    }

    /**
     * The rows of a query with one parameter (a list binds as a {@code uuid[]}), each row as its column values.
     */
    List<Object[]> rows(String sql, Object parameter) throws Exception {
        List<Object[]> out = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            if (parameter instanceof List<?> list) {
                statement.setArray(1, connection.createArrayOf("uuid", list.toArray()));
            } else {
                statement.setObject(1, parameter);
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    Object[] row = new Object[rs.getMetaData().getColumnCount()];
                    for (int i = 0; i < row.length; i++) {
                        row[i] = rs.getObject(i + 1);
                    }
                    out.add(row);
                }
            }
        }
        return out;
    }

    /** The first column of every row of a query, as longs. */
    List<Long> longs(String sql, Object parameter) throws Exception {
        return rows(sql, parameter).stream()
                .map(row -> ((Number) row[0]).longValue())
                .toList();
    }
}
