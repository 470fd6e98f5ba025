package io.ticketsuite.reporting.kpi;

import static io.restassured.RestAssured.given;
import static io.ticketsuite.reporting.kpi.ReadModelFixture.cols;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.reporting.repository.ReportQueries;
import io.ticketsuite.testkit.TestInfrastructure;
import io.ticketsuite.testkit.TestTokens;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The summary's aggregate path (whole months from report_monthly*, the edge days from report_daily*, kept by the
 * trigger as rows change) against a direct computation over the raw report_ticket rows, on a random dataset of four
 * months with rows updated and deleted after they were written: the same totals per dimension value, the same
 * duration histograms, and the same headline figures as plain SQL over the rows; again after the aggregates are
 * rebuilt from the rows.
 */
@QuarkusTest
@QuarkusTestResource(value = TestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "reporting"))
class MonthlyRollupTest {
    private static final String[] CHANNELS = {"EMAIL", "WEB", "CHAT", "API"};
    private static final String[] PRIORITIES = {"P1", "P2", "P3", "P4"};

    @Inject
    Pool pool;

    @Inject
    ReportQueries queries;

    @Test
    void shouldGiveTheFiguresOfTheRawRowsForWindowsAcrossWholeMonthsAndPartialOnes() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        // a year no other test writes (they use 1950-2000), so the windows hold only this dataset
        int year = 2400 + random.nextInt(500);
        LocalDate start = LocalDate.of(year, 1, 1);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        ReadModelFixture f = new ReadModelFixture(pool);
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 240; i++) {
            ids.add(f.ticket(randomColumns(random, start, suffix)));
        }
        // later facts: a third of the rows change (priority, team, resolution...), a few disappear
        for (int i = 0; i < 80; i++) {
            UUID id = ids.get(random.nextInt(ids.size()));
            f.update(id, randomColumns(random, start, suffix));
        }
        for (int i = 0; i < 6; i++) {
            UUID id = ids.remove(random.nextInt(ids.size()));
            pool.preparedQuery("DELETE FROM report_ticket WHERE ticket_id = $1")
                    .execute(Tuple.of(id))
                    .await()
                    .indefinitely();
        }

        List<LocalDate[]> windows = List.of(
                // partial January, whole February and March, partial April
                new LocalDate[] {
                    start.plusDays(3 + random.nextInt(20)), start.plusMonths(3).plusDays(random.nextInt(25))
                },
                // whole months only
                new LocalDate[] {start, start.plusMonths(4)},
                // within one month: days only
                new LocalDate[] {
                    start.plusMonths(1).plusDays(2), start.plusMonths(1).plusDays(20)
                },
                // one whole month plus one day on either side
                new LocalDate[] {
                    start.plusMonths(1).minusDays(1), start.plusMonths(2).plusDays(1)
                });
        for (int pass = 0; pass < 2; pass++) {
            for (LocalDate[] w : windows) {
                String as = "seed " + seed + ", window " + w[0] + ".." + w[1] + (pass == 1 ? " after rebuild" : "");
                assertThat(nonZero(queries.dimensions(w[0], w[1]).await().indefinitely()))
                        .as(as)
                        .isEqualTo(rawDimensions(w[0], w[1]))
                        .isNotEmpty();
                assertThat(histograms(w[0], w[1])).as(as).isEqualTo(rawHistograms(w[0], w[1]));
                assertHeadlines(w[0], w[1], suffix, as);
            }
            pool.query("SELECT report_daily_rebuild()").execute().await().indefinitely();
        }
    }

    /**
     * The aggregates change once per transaction (the row trigger stages the old and new rows, a deferred trigger folds
     * them at commit): inside the transaction they have not moved yet, a fold forced halfway (SET CONSTRAINTS ALL
     * IMMEDIATE) applies what was staged, the changes after it count too, at commit the aggregates equal the raw rows
     * and nothing stays staged, and a rolled-back transaction moves nothing.
     */
    @Test
    void shouldFoldAllTheChangesOfOneTransactionIntoTheAggregatesAtCommitOnly() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        // years the other tests here never write (they use 1950-2000 and 2400-2899)
        int year = 2900 + random.nextInt(400);
        LocalDate start = LocalDate.of(year, 1, 1);
        LocalDate end = start.plusMonths(4);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String as = "seed " + seed;
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ids.add(UUID.randomUUID());
        }
        String staged = "SELECT count(*) FROM report_ticket_change";
        String dayRows = "SELECT count(*) FROM report_daily WHERE day >= '" + start + "' AND day < '" + end + "'";

        List<Long> inside = pool.withTransaction(conn -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (UUID id : ids) {
                        chain = chain.chain(
                                        () -> conn.preparedQuery("INSERT INTO report_ticket (ticket_id) VALUES ($1)")
                                                .execute(Tuple.of(id)))
                                .chain(() -> ReadModelFixture.update(conn, id, randomColumns(random, start, suffix)));
                    }
                    List<Long> counts = new ArrayList<>();
                    chain = chain.chain(() -> count(conn, staged, counts))
                            .chain(() -> count(conn, dayRows, counts))
                            .chain(() ->
                                    conn.query("SET CONSTRAINTS ALL IMMEDIATE").execute())
                            .chain(() -> count(conn, staged, counts))
                            .chain(() -> count(conn, dayRows, counts));
                    for (int i = 0; i < 30; i++) {
                        UUID id = ids.get(random.nextInt(ids.size()));
                        chain = chain.chain(
                                () -> ReadModelFixture.update(conn, id, randomColumns(random, start, suffix)));
                    }
                    UUID gone = ids.remove(0);
                    return chain.chain(() -> conn.preparedQuery("DELETE FROM report_ticket WHERE ticket_id = $1")
                                    .execute(Tuple.of(gone)))
                            .replaceWith(counts);
                })
                .await()
                .indefinitely();

        assertThat(inside.get(0)).as(as + ": staged before the fold").isEqualTo(40L);
        assertThat(inside.get(1))
                .as(as + ": the aggregates have not moved before the fold")
                .isZero();
        assertThat(inside.get(2))
                .as(as + ": nothing staged after the forced fold")
                .isZero();
        assertThat(inside.get(3)).as(as + ": the forced fold moved them").isPositive();
        assertThat(scalar(staged))
                .as(as + ": nothing stays staged after the commit")
                .isZero();
        Map<String, Map<String, Totals>> committed =
                nonZero(queries.dimensions(start, end).await().indefinitely());
        assertThat(committed).as(as).isEqualTo(rawDimensions(start, end)).isNotEmpty();
        assertThat(histograms(start, end)).as(as).isEqualTo(rawHistograms(start, end));

        Uni<Void> rolledBack = pool.withTransaction(conn -> ReadModelFixture.update(
                        conn, ids.get(0), randomColumns(random, start, suffix))
                .chain(() -> ReadModelFixture.update(conn, ids.get(1), randomColumns(random, start, suffix)))
                .chain(() -> Uni.createFrom().failure(new IllegalStateException("roll back"))));
        assertThatThrownBy(() -> rolledBack.await().indefinitely()).hasMessage("roll back");
        assertThat(nonZero(queries.dimensions(start, end).await().indefinitely()))
                .as(as + ": a rolled-back transaction moves nothing")
                .isEqualTo(committed);
    }

    /**
     * A change writes only the aggregate rows it moves: a status change of an open ticket moves its 'status' rows and
     * leaves the rows of its eight other dimensions (same day, same month) as they were, row versions included; a
     * change of its assignment time moves every dimension's rows. The figures equal the raw rows after each, and no
     * request for a fold stays behind.
     */
    @Test
    void shouldWriteOnlyTheAggregateRowsAChangeMoves() {
        // years no other test here writes (they use 1950-2000 and 2400-3299)
        int year = 3300 + new Random().nextInt(300);
        LocalDate day = LocalDate.of(year, 5, 14);
        Instant created = day.atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(36_000);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        ReadModelFixture f = new ReadModelFixture(pool);
        UUID id = f.ticket(cols(
                "type",
                "SUPPORT",
                "channel",
                "WEB",
                "tier",
                "STARTER",
                "category",
                "cat-" + suffix,
                "priority",
                "P3",
                "team",
                "team-" + suffix,
                "assignee",
                "agent-" + suffix,
                "created_at",
                created,
                "status",
                "ASSIGNED",
                "triaged_at",
                created.plusSeconds(60),
                "assigned_at",
                created.plusSeconds(120)));
        String as = "year " + year;
        Map<String, String> before = versions(day);
        assertThat(before.keySet())
                .as(as)
                .containsExactlyInAnyOrder(
                        "day all=*",
                        "day channel=WEB",
                        "day category=cat-" + suffix,
                        "day priority=P3",
                        "day tier=STARTER",
                        "day type=SUPPORT",
                        "day team=team-" + suffix,
                        "day agent=agent-" + suffix,
                        "day status=ASSIGNED",
                        "month all=*",
                        "month channel=WEB",
                        "month category=cat-" + suffix,
                        "month priority=P3",
                        "month tier=STARTER",
                        "month type=SUPPORT",
                        "month team=team-" + suffix,
                        "month agent=agent-" + suffix,
                        "month status=ASSIGNED");

        f.update(id, cols("status", "IN_PROGRESS"));
        Map<String, String> after = versions(day);
        Map<String, String> moved = new TreeMap<>();
        after.forEach((key, version) -> {
            if (!version.equals(before.get(key))) {
                moved.put(key, version);
            }
        });
        assertThat(moved.keySet())
                .as(as + ": rows written by the status change")
                .containsExactlyInAnyOrder(
                        "day status=ASSIGNED",
                        "day status=IN_PROGRESS",
                        "month status=ASSIGNED",
                        "month status=IN_PROGRESS");
        assertThat(nonZero(queries.dimensions(day, day.plusDays(1)).await().indefinitely()))
                .as(as)
                .isEqualTo(rawDimensions(day, day.plusDays(1)))
                .isNotEmpty();

        f.update(id, cols("assigned_at", created.plusSeconds(300)));
        Map<String, String> again = versions(day);
        assertThat(again.entrySet().stream()
                        .filter(e -> e.getValue().equals(after.get(e.getKey())))
                        .map(Map.Entry::getKey)
                        .toList())
                .as(as + ": the assignment time moves every dimension's rows (the zero rows of status=ASSIGNED stay)")
                .containsExactlyInAnyOrder("day status=ASSIGNED", "month status=ASSIGNED");
        assertThat(nonZero(queries.dimensions(day, day.plusDays(1)).await().indefinitely()))
                .as(as)
                .isEqualTo(rawDimensions(day, day.plusDays(1)));
        assertThat(scalar("SELECT count(*) FROM report_fold_request")).isZero();
    }

    private long scalar(String sql) {
        return pool.query(sql)
                .execute()
                .await()
                .indefinitely()
                .iterator()
                .next()
                .getLong(0);
    }

    /** The row version (xmin) of each aggregate row of the day and of its month, by "day|month dim=val". */
    private Map<String, String> versions(LocalDate day) {
        Map<String, String> out = new TreeMap<>();
        for (Row row : pool.preparedQuery("SELECT 'day ' || dim || '=' || val, xmin::text FROM report_daily"
                        + " WHERE day = $1 UNION ALL SELECT 'month ' || dim || '=' || val, xmin::text FROM report_monthly"
                        + " WHERE month = $2")
                .execute(Tuple.of(day, day.withDayOfMonth(1)))
                .await()
                .indefinitely()) {
            out.put(row.getString(0), row.getString(1));
        }
        return out;
    }

    private static Uni<Void> count(SqlConnection conn, String sql, List<Long> into) {
        return conn.query(sql)
                .execute()
                .invoke(rows -> into.add(rows.iterator().next().getLong(0)))
                .replaceWithVoid();
    }

    @Test
    void shouldCountTheBacklogByAgeAsTheRawOpenTickets() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        ReadModelFixture f = new ReadModelFixture(pool);
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            ids.add(f.ticket(backlogColumns(random, now, suffix)));
        }
        for (int i = 0; i < 60; i++) { // resolutions, reassignments, clocks warned or met since
            f.update(ids.get(random.nextInt(ids.size())), backlogColumns(random, now, suffix));
        }
        List<ReportQueries.BacklogGroup> mine = new ArrayList<>();
        for (int pass = 0; pass < 2; pass++) {
            mine.clear();
            for (ReportQueries.BacklogGroup g : queries.backlog(now).await().indefinitely()) {
                if (g.team().endsWith(suffix)) {
                    mine.add(g);
                }
            }
            assertThat(mine).as("seed " + seed).containsExactlyInAnyOrderElementsOf(rawBacklog(now, suffix));
            pool.query("SELECT report_daily_rebuild()").execute().await().indefinitely();
        }
        assertThat(mine).extracting(ReportQueries.BacklogGroup::age).contains("<1d", "1-3d", "3-7d", ">7d");
        assertThat(mine).anyMatch(g -> g.atRisk() > 0);
    }

    /** Open or not, created between an hour and 400 days ago (never within 10 minutes of an age bound). */
    private static Map<String, Object> backlogColumns(Random r, Instant now, String suffix) {
        long[] ages = {3600, 86400, 3 * 86400, 7 * 86400, 8 * 86400, 30 * 86400, 400 * 86400};
        long base = ages[r.nextInt(ages.length)];
        long age = base + (r.nextBoolean() ? 1 : -1) * (600 + r.nextInt(3000));
        boolean open = r.nextInt(4) > 0;
        return cols(
                "team",
                r.nextInt(6) == 0 ? null : "team-" + r.nextInt(3) + "-" + suffix,
                "priority",
                PRIORITIES[r.nextInt(PRIORITIES.length)],
                "created_at",
                now.minusSeconds(age),
                "status",
                open ? (r.nextBoolean() ? "NEW" : "IN_PROGRESS") : "RESOLVED",
                "response_warned",
                r.nextBoolean(),
                "response_met_within",
                r.nextBoolean() ? null : r.nextBoolean(),
                "response_breached",
                r.nextInt(5) == 0,
                "resolution_warned",
                r.nextInt(3) == 0,
                "resolution_met_within",
                r.nextBoolean() ? null : Boolean.TRUE,
                "resolution_breached",
                r.nextInt(6) == 0);
    }

    /** The backlog's definition over the rows of this test's teams (unassigned ones are every test's: left out). */
    private List<ReportQueries.BacklogGroup> rawBacklog(Instant now, String suffix) {
        List<ReportQueries.BacklogGroup> result = new ArrayList<>();
        for (Row row : pool.preparedQuery("SELECT team, coalesce(priority, 'unknown'),"
                        + " CASE WHEN created_at > $1::timestamptz - interval '1 day' THEN '<1d'"
                        + " WHEN created_at > $1::timestamptz - interval '3 days' THEN '1-3d'"
                        + " WHEN created_at > $1::timestamptz - interval '7 days' THEN '3-7d' ELSE '>7d' END,"
                        + " count(*), count(*) FILTER (WHERE (response_warned AND response_met_within IS NULL"
                        + " AND NOT response_breached) OR (resolution_warned AND resolution_met_within IS NULL"
                        + " AND NOT resolution_breached))"
                        + " FROM report_ticket WHERE status NOT IN ('RESOLVED', 'CLOSED') AND created_at IS NOT NULL"
                        + " AND team LIKE $2 GROUP BY 1, 2, 3")
                .execute(Tuple.of(now.atOffset(ZoneOffset.UTC), "%-" + suffix))
                .await()
                .indefinitely()) {
            result.add(new ReportQueries.BacklogGroup(
                    row.getString(0), row.getString(1), row.getString(2), row.getLong(3), row.getLong(4)));
        }
        return result;
    }

    /** One ticket's columns: whole seconds (sums of durations are then exact in any order), some unknowns. */
    private static Map<String, Object> randomColumns(Random r, LocalDate start, String suffix) {
        Instant created =
                start.atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(r.nextInt(120 * 86400)); // January to April
        boolean resolved = r.nextInt(4) > 0;
        Instant resolvedAt = resolved ? created.plusSeconds(60 + r.nextInt(20 * 86400)) : null;
        Map<String, Object> c = cols(
                "type",
                r.nextBoolean() ? "SUPPORT" : "QUESTION",
                "channel",
                CHANNELS[r.nextInt(CHANNELS.length)],
                "tier",
                r.nextBoolean() ? "STARTER" : "ENTERPRISE",
                "category",
                r.nextInt(6) == 0 ? null : "cat-" + r.nextInt(4),
                "priority",
                r.nextInt(8) == 0 ? null : PRIORITIES[r.nextInt(PRIORITIES.length)],
                "team",
                r.nextInt(5) == 0 ? null : "team-" + r.nextInt(3) + "-" + suffix,
                "assignee",
                "agent-" + r.nextInt(5) + "-" + suffix,
                "created_at",
                created,
                "status",
                resolved ? (r.nextBoolean() ? "RESOLVED" : "CLOSED") : "IN_PROGRESS",
                "resolved_at",
                resolvedAt,
                "triaged_at",
                r.nextInt(5) == 0 ? null : created.plusSeconds(r.nextInt(600)),
                "assigned_at",
                r.nextInt(5) == 0 ? null : created.plusSeconds(r.nextInt(7200)),
                "first_response_at",
                r.nextInt(4) == 0 ? null : created.plusSeconds(r.nextInt(86400)),
                "reopens",
                r.nextInt(6) == 0 ? 1 + r.nextInt(2) : 0,
                "agent_replies",
                r.nextInt(4),
                "escalations",
                r.nextInt(9) == 0 ? 1 : 0,
                "sla_escalations",
                r.nextInt(11) == 0 ? 1 : 0,
                "sla_warnings",
                r.nextInt(3),
                "sla_breaches",
                r.nextInt(4) == 0 ? 1 : 0,
                "response_met_within",
                r.nextInt(3) == 0 ? null : r.nextInt(6) > 0,
                "response_breached",
                r.nextInt(7) == 0,
                "resolution_met_within",
                resolved ? r.nextInt(8) > 0 : null,
                "resolution_breached",
                r.nextInt(9) == 0,
                "csat_score",
                resolved && r.nextBoolean() ? 1 + r.nextInt(5) : null,
                "time_logged_minutes",
                (long) r.nextInt(10) * 15);
        return c;
    }

    /** The aggregate path leaves all-zero rows behind when a value's last ticket changes; they say nothing. */
    private static Map<String, Map<String, Totals>> nonZero(Map<String, Map<String, Totals>> dims) {
        Map<String, Map<String, Totals>> result = new TreeMap<>();
        dims.forEach((dim, values) -> values.forEach((val, totals) -> {
            if (!totals.equals(Totals.ZERO)) {
                result.computeIfAbsent(dim, k -> new TreeMap<>()).put(val, totals);
            }
        }));
        return result;
    }

    /** The same sums straight from the rows (each ticket's contributions, no aggregate table). */
    private Map<String, Map<String, Totals>> rawDimensions(LocalDate from, LocalDate to) {
        Map<String, Map<String, Totals>> result = new LinkedHashMap<>();
        for (Row row : pool.preparedQuery("SELECT c.dim, c.val, "
                        + Totals.sums().replace("sum(", "sum(c.")
                        + " FROM report_ticket t, LATERAL report_contributions(t) c"
                        + " WHERE c.day >= $1 AND c.day < $2 GROUP BY c.dim, c.val")
                .execute(Tuple.of(from, to))
                .await()
                .indefinitely()) {
            double[] v = new double[26];
            for (int i = 0; i < v.length; i++) {
                v[i] = row.getDouble(2 + i);
            }
            result.computeIfAbsent(row.getString(0), k -> new LinkedHashMap<>()).put(row.getString(1), Totals.of(v));
        }
        return nonZero(result);
    }

    private Map<String, Map<String, Map<Integer, Long>>> histograms(LocalDate from, LocalDate to) {
        Map<String, Map<String, Map<Integer, Long>>> result = new TreeMap<>();
        queries.histograms(from, to)
                .await()
                .indefinitely()
                .forEach((measure, byPrio) -> byPrio.forEach((prio, h) ->
                        result.computeIfAbsent(measure, k -> new TreeMap<>()).put(prio, h.counts())));
        return result;
    }

    private Map<String, Map<String, Map<Integer, Long>>> rawHistograms(LocalDate from, LocalDate to) {
        Map<String, Map<String, Map<Integer, Long>>> result = new TreeMap<>();
        for (Row row : pool.preparedQuery("SELECT c.measure, c.prio, c.bucket, count(*)"
                        + " FROM report_ticket t, LATERAL report_hist_contributions(t) c"
                        + " WHERE c.day >= $1 AND c.day < $2 GROUP BY 1, 2, 3")
                .execute(Tuple.of(from, to))
                .await()
                .indefinitely()) {
            result.computeIfAbsent(row.getString(0), k -> new TreeMap<>())
                    .computeIfAbsent(row.getString(1), k -> new TreeMap<>())
                    .put((int) row.getShort(2), row.getLong(3));
        }
        return result;
    }

    /** The summary endpoint against plain SQL over the rows, written from the README's definitions. */
    private void assertHeadlines(LocalDate from, LocalDate to, String suffix, String as) {
        Row raw = pool.preparedQuery("SELECT count(*), count(resolved_at),"
                        + " count(*) FILTER (WHERE status NOT IN ('RESOLVED', 'CLOSED')),"
                        + " count(*) FILTER (WHERE reopens > 0), coalesce(sum(reopens), 0),"
                        + " count(*) FILTER (WHERE resolved_at IS NOT NULL AND reopens = 0 AND agent_replies <= 1),"
                        + " count(*) FILTER (WHERE escalations > 0 OR sla_escalations > 0),"
                        + " avg(extract(epoch FROM resolved_at - created_at))::float8,"
                        + " avg(extract(epoch FROM first_response_at - created_at))::float8,"
                        + " count(csat_score), avg(csat_score)::float8, coalesce(sum(time_logged_minutes), 0)"
                        + " FROM report_ticket WHERE created_at >= $1 AND created_at < $2")
                .execute(Tuple.of(
                        from.atStartOfDay().atOffset(ZoneOffset.UTC),
                        to.atStartOfDay().atOffset(ZoneOffset.UTC)))
                .await()
                .indefinitely()
                .iterator()
                .next();
        String body = given().auth()
                .oauth2(TestTokens.lead())
                .queryParam("from", from.toString())
                .queryParam("to", to.minusDays(1).toString())
                .get("/api/v1/reports/summary")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        // decimals as written (JsonPath's default reads them as float: 858340.57 would come back as 858340.56)
        JsonPath s = JsonPath.from(body).using(new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
        assertThat(s.getString("from")).as(as).isEqualTo(from + "T00:00:00Z");
        assertThat(s.getString("to")).as(as).isEqualTo(to + "T00:00:00Z");
        assertThat(s.getLong("tickets.total")).as(as).isEqualTo(raw.getLong(0)).isPositive();
        assertThat(s.getLong("tickets.resolved")).as(as).isEqualTo(raw.getLong(1));
        assertThat(s.getLong("tickets.open")).as(as).isEqualTo(raw.getLong(2));
        assertThat(s.getLong("tickets.reopened")).as(as).isEqualTo(raw.getLong(3));
        assertThat(s.getLong("tickets.reopen_events")).as(as).isEqualTo(raw.getLong(4));
        assertThat(s.getLong("tickets.first_contact_resolved")).as(as).isEqualTo(raw.getLong(5));
        assertThat(s.getLong("tickets.escalated")).as(as).isEqualTo(raw.getLong(6));
        assertThat(s.getDouble("resolution.mean_seconds")).as(as).isEqualTo(Totals.round(raw.getDouble(7)));
        assertThat(s.getDouble("first_response.mean_seconds")).as(as).isEqualTo(Totals.round(raw.getDouble(8)));
        assertThat(s.getLong("csat.responses")).as(as).isEqualTo(raw.getLong(9));
        assertThat(s.getDouble("csat.average")).as(as).isEqualTo(Totals.round(raw.getDouble(10)));
        assertThat(s.getLong("time_logged.total_minutes")).as(as).isEqualTo(raw.getLong(11));
    }
}
