package io.ticketsuite.kit.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketsuite.testkit.SharedInfra;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** processed_event rows older than the retention are deleted (in chunks); younger ones stay. */
class ProcessedEventRetentionTest {
    private String database;
    private PGSimpleDataSource dataSource;

    @BeforeEach
    void createSchema() throws Exception {
        database = SharedInfra.createDatabase("kit_inbox");
        dataSource = new PGSimpleDataSource();
        dataSource.setUrl(SharedInfra.postgres().jdbcUrl(database));
        dataSource.setUser(SharedInfra.postgres().user());
        dataSource.setPassword(SharedInfra.postgres().password());
        for (String migration :
                List.of("/db/kit/V0_1__kit_outbox_and_inbox.sql", "/db/kit/V0_2__kit_processed_event_retention.sql")) {
            execute(new String(getClass().getResourceAsStream(migration).readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @AfterEach
    void drop() {
        SharedInfra.dropDatabase(database);
    }

    @Test
    void deletesOnlyRowsOlderThanTheRetentionAcrossSeveralChunks() throws Exception {
        int old = ProcessedEventRetention.CHUNK * 2 + 17;
        execute("INSERT INTO processed_event (consumer, event_id, processed_at)"
                + " SELECT 'c', gen_random_uuid(), now() - interval '9 days' FROM generate_series(1, " + old + ")");
        execute("INSERT INTO processed_event (consumer, event_id, processed_at)"
                + " SELECT 'c', gen_random_uuid(), now() - interval '7 days' FROM generate_series(1, 300)");
        execute("INSERT INTO processed_event (consumer, event_id) SELECT 'c', gen_random_uuid()"
                + " FROM generate_series(1, 200)");

        long deleted = ProcessedEventRetention.sweep(dataSource, Duration.ofDays(8));

        assertThat(deleted).isEqualTo(old);
        assertThat(count("SELECT count(*) FROM processed_event")).isEqualTo(500);
        assertThat(count("SELECT count(*) FROM processed_event WHERE processed_at < now() - interval '8 days'"))
                .isZero();
        assertThat(ProcessedEventRetention.sweep(dataSource, Duration.ofDays(8)))
                .as("nothing left to delete")
                .isZero();
    }

    private void execute(String sql) throws Exception {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private long count(String sql) throws Exception {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
