package io.ticketsuite.reporting.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.ticketsuite.testkit.TestInfrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The open-ticket gauges stay flat with history: they count the open tickets (status not yet known included) and
 * PostgreSQL reads them through the partial indexes, never the whole table of closed tickets.
 */
@QuarkusTest
@QuarkusTestResource(value = TestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "reporting"))
class OpenGaugesTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Pool pool;

    @Inject
    ReportingMetrics metrics;

    @Inject
    MeterRegistry registry;

    @Test
    void countsOpenTicketsAndNeverScansTheClosedHistory() {
        String team = "gauge-" + UUID.randomUUID().toString().substring(0, 8);
        // 20,000 closed tickets of history in this team (written as bench/history.sh does, without the aggregate
        // triggers, which are not under test here), then three open ones: two with a status, one whose
        // ticket.created has arrived with no status known yet, the latter warned on its response clock
        pool.withTransaction(connection -> connection
                        .query("SET LOCAL session_replication_role = replica")
                        .execute()
                        .chain(() -> connection
                                .preparedQuery(
                                        "INSERT INTO report_ticket (ticket_id, team, priority, created_at, status)"
                                                + " SELECT gen_random_uuid(), $1, 'P3',"
                                                + " now() - make_interval(days => 1 + g % 80), 'CLOSED'"
                                                + " FROM generate_series(1, 20000) g")
                                .execute(Tuple.of(team))))
                .await()
                .atMost(WAIT);
        sql(
                "INSERT INTO report_ticket (ticket_id, team, priority, created_at, status) VALUES"
                        + " (gen_random_uuid(), $1, 'P2', now(), 'NEW'), (gen_random_uuid(), $1, 'P2', now(), 'IN_PROGRESS')",
                Tuple.of(team));
        sql(
                "INSERT INTO report_ticket (ticket_id, team, priority, created_at, status, response_warned)"
                        + " VALUES (gen_random_uuid(), $1, 'P2', now(), NULL, TRUE)",
                Tuple.of(team));
        // a row whose ticket.created never arrived is not a ticket yet
        sql(
                "INSERT INTO report_ticket (ticket_id, team, priority) VALUES (gen_random_uuid(), $1, 'P2')",
                Tuple.of(team));
        sql("ANALYZE report_ticket", Tuple.tuple());

        metrics.refresh().await().atMost(WAIT);

        assertThat(registry.get("ts.reporting.tickets.open")
                        .tag("team", team)
                        .tag("priority", "P2")
                        .gauge()
                        .value())
                .isEqualTo(3.0);
        assertThat(registry.find("ts.reporting.tickets.open")
                        .tag("team", team)
                        .tag("priority", "P3")
                        .gauge())
                .isNull();
        assertThat(registry.get("ts.reporting.sla.clocks.at.risk")
                        .tag("clock", "response")
                        .gauge()
                        .value())
                .isGreaterThanOrEqualTo(1.0);

        for (String query : new String[] {ReportingMetrics.OPEN_BY_PRIORITY_AND_TEAM, ReportingMetrics.AT_RISK}) {
            String plan = plan(query);
            assertThat(plan).as(query).doesNotContain("Seq Scan");
            // one of the partial indexes of open rows (V3 or V4), and the one of rows with no status yet (V5)
            assertThat(plan).as(query).containsPattern("report_ticket_open(_created)?_idx");
            assertThat(plan).as(query).contains("report_ticket_status_unknown_idx");
        }
    }

    private String plan(String query) {
        StringBuilder plan = new StringBuilder();
        for (Row row : pool.query("EXPLAIN " + query).execute().await().atMost(WAIT)) {
            plan.append(row.getString(0)).append('\n');
        }
        return plan.toString();
    }

    private void sql(String sql, Tuple args) {
        pool.preparedQuery(sql).execute(args).await().atMost(WAIT);
    }
}
