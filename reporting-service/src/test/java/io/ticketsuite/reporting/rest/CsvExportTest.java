package io.ticketsuite.reporting.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.ticketsuite.testkit.TestInfrastructure;
import io.ticketsuite.testkit.TestTokens;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * The CSV exports, parsed back with Apache Commons CSV: hostile subjects (quotes, commas, line breaks, non-ASCII,
 * formula starts) survive the round trip; more rows than one database page stream out in order.
 */
@QuarkusTest
@QuarkusTestResource(value = TestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "reporting"))
class CsvExportTest {
    private static final List<String> SUBJECTS = List.of(
            "Plain subject",
            "Comma, \"quoted\" and\nline break",
            "Überweisung fehlgeschlagen – 請求書 😀",
            "=HYPERLINK(\"http://evil\")",
            "");

    @Inject
    Pool pool;

    @Test
    void shouldExportTicketsThatParseBackExactly() throws IOException {
        LocalDate day =
                LocalDate.of(1971, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(0, 9000));
        Instant t0 = day.atStartOfDay().toInstant(ZoneOffset.UTC);
        int count = 1203; // more than two pages of 500
        for (int i = 0; i < count; i++) {
            String subject = SUBJECTS.get(i % SUBJECTS.size());
            pool.preparedQuery("INSERT INTO report_ticket (ticket_id, created_at, subject, type, channel, category,"
                            + " priority, status, resolved_at, first_response_at, reopens, csat_score,"
                            + " time_logged_minutes) VALUES ($1, $2, $3, 'SUPPORT', 'EMAIL', 'billing', 'P2',"
                            + " 'RESOLVED', $4, $5, 1, 4, 45)")
                    .execute(Tuple.of(
                            UUID.randomUUID(),
                            t0.plusSeconds(i).atOffset(ZoneOffset.UTC),
                            subject,
                            t0.plusSeconds(i + 7200).atOffset(ZoneOffset.UTC),
                            t0.plusSeconds(i + 600).atOffset(ZoneOffset.UTC)))
                    .await()
                    .indefinitely();
        }

        Response response = given().auth()
                .oauth2(TestTokens.lead())
                .queryParam("from", day.toString())
                .queryParam("to", day.toString())
                .get("/api/v1/reports/tickets.csv");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("text/csv").containsIgnoringCase("charset=UTF-8");
        assertThat(response.header("Content-Disposition")).contains("tickets.csv");
        String body = new String(response.asByteArray(), StandardCharsets.UTF_8);
        assertThat(body).startsWith("\uFEFF");
        List<CSVRecord> records = parse(body.substring(1));
        assertThat(records).hasSize(count);
        for (int i = 0; i < count; i++) {
            CSVRecord r = records.get(i);
            String subject = SUBJECTS.get(i % SUBJECTS.size());
            String expected = subject.startsWith("=") ? "'" + subject : subject;
            assertThat(r.get("subject")).as("row %d", i).isEqualTo(expected);
            assertThat(Instant.parse(r.get("created_at"))).isEqualTo(t0.plusSeconds(i));
        }
        CSVRecord first = records.get(0);
        assertThat(first.get("first_response_minutes")).isEqualTo("10");
        assertThat(first.get("resolution_hours")).isEqualTo("2");
        assertThat(first.get("reopens")).isEqualTo("1");
        assertThat(first.get("csat_score")).isEqualTo("4");
        assertThat(first.get("time_logged_minutes")).isEqualTo("45");
        assertThat(first.get("assignee")).isEmpty();
        assertThat(first.get("response_sla")).isEqualTo("open");
    }

    @Test
    void shouldExportPeriodsWithTheirChange() throws IOException {
        Response response = given().auth()
                .oauth2(TestTokens.admin())
                .queryParam("granularity", "week")
                .queryParam("from", "1960-01-04")
                .queryParam("to", "1960-01-24")
                .get("/api/v1/reports/periods.csv");

        assertThat(response.statusCode()).isEqualTo(200);
        List<CSVRecord> records = parse(new String(response.asByteArray(), StandardCharsets.UTF_8).substring(1));
        assertThat(records).hasSize(3);
        assertThat(records.get(0).get("period_start")).isEqualTo("1960-01-04");
        assertThat(records.get(2).get("period_end")).isEqualTo("1960-01-25");
        assertThat(records.get(0).get("created")).isEqualTo("0");
        assertThat(records.get(0).get("created_change")).isEqualTo("0");
        assertThat(records.get(0).get("fcr_percent")).isEmpty();
    }

    @Test
    void shouldRefuseAgentsAndBadBoundsAsProblems() {
        given().auth()
                .oauth2(TestTokens.agent())
                .get("/api/v1/reports/tickets.csv")
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(TestTokens.lead())
                .queryParam("from", "yesterday")
                .get("/api/v1/reports/tickets.csv")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(TestTokens.lead())
                .queryParam("granularity", "day")
                .queryParam("from", "1900-01-01")
                .queryParam("to", "2000-01-01")
                .get("/api/v1/reports/periods.csv")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    private static List<CSVRecord> parse(String csv) throws IOException {
        try (CSVParser parser = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(new StringReader(csv))) {
            return parser.getRecords();
        }
    }
}
