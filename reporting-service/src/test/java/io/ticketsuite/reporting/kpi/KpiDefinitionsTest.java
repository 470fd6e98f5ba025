package io.ticketsuite.reporting.kpi;

import static io.restassured.RestAssured.given;
import static io.ticketsuite.reporting.kpi.ReadModelFixture.cols;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.ticketsuite.testkit.TestInfrastructure;
import io.ticketsuite.testkit.TestTokens;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.assertj.core.data.Offset;
import org.assertj.core.data.Percentage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every KPI on a hand-computed fixture of four tickets created on one day (a random past day no other test uses),
 * one created the day before (outside the window) and one whose ticket.created never arrived. The figures in the
 * comments are worked out by hand from the README's definitions.
 */
@QuarkusTest
@QuarkusTestResource(value = TestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "reporting"))
class KpiDefinitionsTest {
    @Inject
    Pool pool;

    LocalDate day;
    Instant t0;
    String billing;
    String tech;
    UUID a;
    UUID b;

    @BeforeEach
    void fixture() {
        day = LocalDate.of(1970, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(0, 9000));
        t0 = day.atStartOfDay().toInstant(ZoneOffset.UTC).plus(Duration.ofHours(8));
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        billing = "billing-" + suffix;
        tech = "tech-" + suffix;
        ReadModelFixture f = new ReadModelFixture(pool);
        // A: first response 600 s, resolved after 2 h, one public reply, never reopened → FCR; CSAT 5; 30 min logged
        a = f.ticket(cols(
                "type",
                "SUPPORT",
                "channel",
                "EMAIL",
                "tier",
                "ENTERPRISE",
                "category",
                "billing",
                "priority",
                "P2",
                "team",
                billing,
                "assignee",
                "a1-" + suffix,
                "created_at",
                t0,
                "status",
                "CLOSED",
                "first_response_at",
                s(600),
                "resolved_at",
                s(7200),
                "agent_replies",
                1,
                "response_met_within",
                true,
                "resolution_met_within",
                true,
                "csat_score",
                5,
                "time_logged_minutes",
                30L));
        // B: reopened twice (two replies, so not FCR either), resolution clock breached, escalated; CSAT 3; 90 min
        b = f.ticket(cols(
                "type",
                "QUESTION",
                "channel",
                "WEB",
                "tier",
                "FREE",
                "category",
                "billing",
                "priority",
                "P3",
                "team",
                billing,
                "assignee",
                "a2-" + suffix,
                "created_at",
                s(3600),
                "status",
                "REOPENED",
                "first_response_at",
                s(3600 + 1200),
                "resolved_at",
                s(3600 + 20000),
                "agent_replies",
                2,
                "reopens",
                1,
                "response_met_within",
                true));
        f.update(
                b,
                cols(
                        "status",
                        "RESOLVED",
                        "resolved_at",
                        s(3600 + 36000),
                        "reopens",
                        2,
                        "resolution_breached",
                        true,
                        "sla_breaches",
                        1,
                        "escalations",
                        1,
                        "csat_score",
                        3,
                        "time_logged_minutes",
                        90L));
        // C: paused clock: 30 h of wall time to resolution, yet within its (business, paused) target; FCR
        f.ticket(cols(
                "type",
                "SUPPORT",
                "channel",
                "CHAT",
                "tier",
                "PROFESSIONAL",
                "category",
                "technical",
                "priority",
                "P1",
                "team",
                tech,
                "assignee",
                "a3-" + suffix,
                "created_at",
                s(7200),
                "status",
                "CLOSED",
                "first_response_at",
                s(7200 + 300),
                "resolved_at",
                s(7200 + 108000),
                "agent_replies",
                1,
                "response_met_within",
                true,
                "resolution_met_within",
                true));
        // D: open, no response, response clock breached and escalated at 125 %
        f.ticket(cols(
                "type",
                "SUPPORT",
                "channel",
                "API",
                "tier",
                "STARTER",
                "category",
                "technical",
                "priority",
                "P1",
                "team",
                tech,
                "created_at",
                s(10800),
                "status",
                "NEW",
                "response_breached",
                true,
                "sla_breaches",
                1,
                "sla_escalations",
                1,
                "sla_warnings",
                2));
        // E: the day before (outside the window); F: open, created an hour ago; G: never created
        f.ticket(cols(
                "type",
                "SUPPORT",
                "channel",
                "EMAIL",
                "category",
                "billing",
                "team",
                billing,
                "created_at",
                t0.minus(Duration.ofDays(1)),
                "status",
                "NEW"));
        f.ticket(cols(
                "type",
                "SUPPORT",
                "channel",
                "EMAIL",
                "priority",
                "P2",
                "team",
                tech,
                "created_at",
                Instant.now().minus(Duration.ofHours(1)),
                "status",
                "ASSIGNED"));
        f.ticket(cols("team", tech, "priority", "P1", "reopens", 3, "csat_score", 1));
        f.cluster("cluster-" + suffix, "invoice pdf " + suffix, "billing", a, b);
    }

    @Test
    void shouldComputeEveryKpiAsDefined() {
        JsonPath s = summary(day.toString(), day.toString());

        assertThat(s.getString("from")).isEqualTo(day + "T00:00:00Z");
        assertThat(s.getString("to")).isEqualTo(day.plusDays(1) + "T00:00:00Z");
        // volume
        assertThat(s.getLong("tickets.total")).isEqualTo(4);
        assertThat(s.getLong("tickets.resolved")).isEqualTo(3);
        assertThat(s.getLong("tickets.open")).isEqualTo(1);
        assertThat(s.getLong("tickets.reopened")).isEqualTo(1);
        assertThat(s.getLong("tickets.reopen_events")).isEqualTo(2);
        assertThat(s.getMap("tickets.by_channel", String.class, Integer.class))
                .isEqualTo(Map.of("EMAIL", 1, "WEB", 1, "CHAT", 1, "API", 1));
        assertThat(s.getMap("tickets.by_category", String.class, Integer.class))
                .isEqualTo(Map.of("billing", 2, "technical", 2));
        assertThat(s.getMap("tickets.by_priority", String.class, Integer.class))
                .isEqualTo(Map.of("P1", 2, "P2", 1, "P3", 1));
        assertThat(s.getMap("tickets.by_tier", String.class, Integer.class))
                .isEqualTo(Map.of("ENTERPRISE", 1, "FREE", 1, "PROFESSIONAL", 1, "STARTER", 1));
        assertThat(s.getMap("tickets.by_type", String.class, Integer.class))
                .isEqualTo(Map.of("SUPPORT", 3, "QUESTION", 1));
        assertThat(s.getMap("tickets.by_team", String.class, Integer.class)).isEqualTo(Map.of(billing, 2, tech, 2));
        // first response 600, 1200, 300: mean 700, nearest rank p50 = 600, p95 = 1200
        assertThat(s.getLong("first_response.count")).isEqualTo(3);
        assertThat(s.getDouble("first_response.mean_seconds")).isEqualTo(700.0);
        assertThat(s.getDouble("first_response.p50_seconds")).isCloseTo(600.0, Percentage.withPercentage(5));
        assertThat(s.getDouble("first_response.p95_seconds")).isCloseTo(1200.0, Percentage.withPercentage(5));
        assertThat(s.getDouble("first_response.by_priority.P1.mean_seconds")).isEqualTo(300.0);
        assertThat(s.getDouble("first_response.by_priority.P3.mean_seconds")).isEqualTo(1200.0);
        // resolution 7200, 36000 (the last resolution), 108000 wall-clock seconds: mean 50400 = 14 h
        assertThat(s.getLong("resolution.count")).isEqualTo(3);
        assertThat(s.getDouble("resolution.mean_seconds")).isEqualTo(50400.0);
        assertThat(s.getDouble("resolution.p50_seconds")).isCloseTo(36000.0, Percentage.withPercentage(5));
        assertThat(s.getDouble("resolution.p95_seconds")).isCloseTo(108000.0, Percentage.withPercentage(5));
        assertThat(s.getDouble("resolution.by_priority.P2.mean_seconds")).isEqualTo(7200.0);
        // SLA: response met A B C, breached D; resolution met A C (C paused), breached B → 5 / 7
        assertThat(s.getLong("sla.clocks_met_within_target")).isEqualTo(5);
        assertThat(s.getLong("sla.clocks_breached")).isEqualTo(2);
        assertThat(s.getDouble("sla.compliance_percent")).isEqualTo(71.43);
        assertThat(s.getDouble("sla.by_clock.response.compliance_percent")).isEqualTo(75.0);
        assertThat(s.getDouble("sla.by_clock.resolution.compliance_percent")).isEqualTo(66.67);
        assertThat(s.getDouble("sla.by_priority.P1.response.compliance_percent"))
                .isEqualTo(50.0);
        assertThat(s.getDouble("sla.by_priority.P1.resolution.compliance_percent"))
                .isEqualTo(100.0);
        assertThat(s.getDouble("sla.by_priority.P3.resolution.compliance_percent"))
                .isEqualTo(0.0);
        assertThat(s.getLong("sla.breaches")).isEqualTo(2);
        assertThat(s.getLong("sla.escalations")).isEqualTo(1);
        assertThat(s.getLong("sla.warnings")).isEqualTo(2);
        // CSAT: 5 and 3 → 4.0; 2 answers of 3 resolved tickets
        assertThat(s.getLong("csat.responses")).isEqualTo(2);
        assertThat(s.getDouble("csat.average")).isEqualTo(4.0);
        assertThat(s.getDouble("csat.response_rate_percent")).isEqualTo(66.67);
        assertThat(s.getDouble("csat.by_team." + billing + ".average")).isEqualTo(4.0);
        assertThat(s.getDouble("csat.by_agent.a2-" + billing.substring(8) + ".average"))
                .isEqualTo(3.0);
        // time logged 30 + 90 on billing tickets
        assertThat(s.getLong("time_logged.total_minutes")).isEqualTo(120);
        assertThat(s.getLong("time_logged.by_team." + billing)).isEqualTo(120);
        assertThat(s.getLong("time_logged.by_category.billing")).isEqualTo(120);
        // top issues
        assertThat(s.getList("top_issues.categories.category")).containsExactly("billing", "technical");
        assertThat(s.getList("top_issues.recurring.signature")).containsExactly("invoice pdf " + billing.substring(8));
        assertThat(s.getList("top_issues.recurring.tickets", Integer.class)).containsExactly(2);
        // backlog now: D (older than 7 days) and F (an hour old) in tech; E in billing
        assertThat(s.getMap("backlog.by_team_and_priority." + tech, String.class, Integer.class))
                .isEqualTo(Map.of("P1", 1, "P2", 1));
        assertThat(s.getLong("backlog.by_team." + billing)).isEqualTo(1);
        assertThat(s.getMap("open_backlog_by_team", String.class, Integer.class))
                .isEqualTo(Map.of(tech, 1));
        // the six KPIs against the default targets
        assertKpi(s, "first_contact_resolution", 66.67, true); // A and C of 3 resolved ≥ 40 %
        assertKpi(s, "mean_resolution_time", 14.0, true); // 14 h ≤ 24 h
        assertKpi(s, "csat_average", 4.0, false); // < 4.5
        assertKpi(s, "reopen_rate", 33.33, false); // B of 3 resolved > 5 %
        assertKpi(s, "sla_compliance", 71.43, false); // < 95 %
        assertKpi(s, "escalation_rate", 50.0, false); // B (ticket.escalated) and D (sla.escalated) of 4 > 8 %
    }

    @Test
    void shouldRoundTheWindowToWholeUtcDays() {
        JsonPath s = summary(
                t0.plus(Duration.ofHours(5)).toString(),
                t0.plus(Duration.ofHours(6)).toString());

        assertThat(s.getString("from")).isEqualTo(day + "T00:00:00Z");
        assertThat(s.getLong("tickets.total")).isEqualTo(4);
    }

    @Test
    void shouldGiveTheSameFiguresAfterRecomputingTheAggregatesFromTheRows() {
        String before = summaryBody();
        pool.query("SELECT report_daily_rebuild()").execute().await().indefinitely();
        String after = summaryBody();

        assertThat(withoutGeneratedAt(after)).isEqualTo(withoutGeneratedAt(before));
    }

    @Test
    void shouldCompareEachPeriodWithThePreviousOne() {
        JsonPath p = given().auth()
                .oauth2(TestTokens.lead())
                .queryParam("granularity", "day")
                .queryParam("from", day.toString())
                .queryParam("to", day.toString())
                .get("/api/v1/reports/periods")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();

        assertThat(p.getList("periods")).hasSize(1);
        assertThat(p.getString("periods[0].start")).isEqualTo(day.toString());
        assertThat(p.getDouble("periods[0].values.created")).isEqualTo(4.0);
        assertThat(p.getDouble("periods[0].values.fcr_percent")).isEqualTo(66.67);
        assertThat(p.getMap("periods[0].created_by_channel", String.class, Integer.class))
                .containsEntry("EMAIL", 1)
                .containsEntry("API", 1);
        // the day before had E only
        assertThat(p.getDouble("periods[0].change.created.previous")).isEqualTo(1.0);
        assertThat(p.getDouble("periods[0].change.created.delta")).isEqualTo(3.0);
        assertThat(p.getDouble("periods[0].change.created.percent")).isEqualTo(300.0);
        assertThat(p.getString("periods[0].change.fcr_percent.delta")).isNull();
    }

    @Test
    void shouldGroupWeeksFromMondayAndMonthsFromTheFirst() {
        JsonPath p = given().auth()
                .oauth2(TestTokens.lead())
                .queryParam("granularity", "month")
                .queryParam("from", day.toString())
                .queryParam("to", day.toString())
                .get("/api/v1/reports/periods")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(p.getString("periods[0].start"))
                .isEqualTo(day.withDayOfMonth(1).toString());
        assertThat(p.getDouble("periods[0].values.created")).isGreaterThanOrEqualTo(4.0);

        JsonPath w = given().auth()
                .oauth2(TestTokens.lead())
                .queryParam("granularity", "week")
                .queryParam("from", day.toString())
                .queryParam("to", day.toString())
                .get("/api/v1/reports/periods")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(LocalDate.parse(w.getString("periods[0].start")).getDayOfWeek())
                .isEqualTo(java.time.DayOfWeek.MONDAY);
    }

    @Test
    void shouldReportNothingForADayWithoutTickets() {
        JsonPath s = summary(day.plusDays(1).toString(), day.plusDays(1).toString());

        assertThat(s.getLong("tickets.total")).isZero();
        assertThat(s.getString("first_response.mean_seconds")).isNull();
        assertThat(s.getString("resolution.p95_seconds")).isNull();
        assertThat(s.getString("csat.average")).isNull();
        assertThat(s.getList("kpis.met")).containsOnlyNulls();
        assertThat(s.getList("top_issues.categories")).isEmpty();
    }

    private static void assertKpi(JsonPath s, String name, double value, boolean met) {
        String path = "kpis.find { it.name == '" + name + "' }";
        assertThat(s.getDouble(path + ".value")).as(name).isCloseTo(value, Offset.offset(0.001));
        assertThat(s.getBoolean(path + ".met")).as(name + " met").isEqualTo(met);
    }

    private String summaryBody() {
        return given().auth()
                .oauth2(TestTokens.lead())
                .queryParam("from", day.toString())
                .queryParam("to", day.toString())
                .get("/api/v1/reports/summary")
                .then()
                .statusCode(200)
                .extract()
                .asString();
    }

    private static String withoutGeneratedAt(String json) {
        return json.replaceAll("\"generated_at\":\"[^\"]*\"", "").replaceAll("\"backlog\":\\{.*?}}", "");
    }

    private static JsonPath summary(String from, String to) {
        return given().auth()
                .oauth2(TestTokens.lead())
                .queryParam("from", from)
                .queryParam("to", to)
                .get("/api/v1/reports/summary")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private Instant s(long seconds) {
        return t0.plus(seconds, ChronoUnit.SECONDS);
    }
}
