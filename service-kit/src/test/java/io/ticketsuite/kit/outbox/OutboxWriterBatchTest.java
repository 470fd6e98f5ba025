package io.ticketsuite.kit.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketsuite.testkit.SharedInfra;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/** The kept rows of a consumer's transaction, written in one statement, against a real PostgreSQL. */
class OutboxWriterBatchTest {
    private String database;
    private PGSimpleDataSource dataSource;

    @BeforeEach
    void createOutbox() throws Exception {
        database = SharedInfra.createDatabase("kitbatch");
        dataSource = new PGSimpleDataSource();
        dataSource.setUrl(SharedInfra.postgres().jdbcUrl(database));
        dataSource.setUser(SharedInfra.postgres().user());
        dataSource.setPassword(SharedInfra.postgres().password());
        String ddl = new String(
                getClass()
                        .getResourceAsStream("/db/kit/V0_1__kit_outbox_and_inbox.sql")
                        .readAllBytes(),
                StandardCharsets.UTF_8);
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(ddl);
        }
    }

    @AfterEach
    void dropOutbox() {
        SharedInfra.dropDatabase(database);
    }

    @Test
    void shouldWriteEveryRowExactlyAndInItsOrderInOneStatement() throws Exception {
        List<OutboxWriter.Row> rows = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String ticket = UUID.randomUUID().toString();
            rows.add(new OutboxWriter.Row(
                    UUID.randomUUID(),
                    i % 3 == 0 ? "ticket-events" : "sla-events",
                    ticket,
                    "io.ticketsuite.sla.started.v" + i,
                    "{\"ce_id\":\"" + i
                            + "\",\"traceparent\":\"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01\"}",
                    "{\"ticket_id\":\"" + ticket + "\",\"subject\":\"Crash, again: \\\"quotes\\\", {braces}, [a,b],"
                            + " caf\u00e9 \ud83d\ude80 \\u0007 \\n\",\"n\":" + i
                            + ",\"text\":\"line one\nline two\"}"));
        }
        assertThat(rows).allMatch(OutboxWriter::separable);

        try (Connection connection = dataSource.getConnection()) {
            assertThat(insertAll(connection, rows)).isEqualTo(rows.size());
        }

        assertThat(stored()).containsExactlyElementsOf(rows);
    }

    @Test
    void shouldTellWhichRowsCannotBeCarriedInTheSeparatedText() {
        OutboxWriter.Row plain = new OutboxWriter.Row(UUID.randomUUID(), "ticket-events", "k", "t", "{}", "{}");
        assertThat(OutboxWriter.separable(plain)).isTrue();
        assertThat(OutboxWriter.separable(new OutboxWriter.Row(
                        plain.eventId(),
                        "ticket-events",
                        "k",
                        "t",
                        "{}",
                        "{\"x\":\"a" + OutboxWriter.SEPARATOR + "b\"}")))
                .as("a payload holding the separator")
                .isFalse();
        assertThat(OutboxWriter.separable(new OutboxWriter.Row(plain.eventId(), "ticket-events", "", "t", "{}", "{}")))
                .as("an empty key (an empty text is no element of the array)")
                .isFalse();
        assertThat(OutboxWriter.separable(
                        new OutboxWriter.Row(plain.eventId(), "ticket-events", null, "t", "{}", "{}")))
                .isFalse();
    }

    /** The outbox's rows in id order. */
    private List<OutboxWriter.Row> stored() throws Exception {
        List<OutboxWriter.Row> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT event_id, topic, message_key, event_type, headers,"
                        + " payload FROM outbox ORDER BY id")) {
            while (row.next()) {
                rows.add(new OutboxWriter.Row(
                        row.getObject(1, UUID.class),
                        row.getString(2),
                        row.getString(3),
                        row.getString(4),
                        row.getString(5),
                        row.getString(6)));
            }
        }
        return rows;
    }

    /** Runs {@link OutboxWriter#INSERT_ALL} through JDBC: its ?1…?7 become plain markers bound in their order. */
    private static int insertAll(Connection connection, List<OutboxWriter.Row> rows) throws Exception {
        List<String> values = new ArrayList<>(OutboxWriter.joined(rows));
        values.add(OutboxWriter.SEPARATOR);
        Matcher marker = Pattern.compile("\\?(\\d+)").matcher(OutboxWriter.INSERT_ALL);
        List<Integer> order = new ArrayList<>();
        StringBuilder sql = new StringBuilder();
        while (marker.find()) {
            order.add(Integer.parseInt(marker.group(1)));
            marker.appendReplacement(sql, "?");
        }
        marker.appendTail(sql);
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < order.size(); i++) {
                statement.setString(i + 1, values.get(order.get(i) - 1));
            }
            return statement.executeUpdate();
        }
    }
}
