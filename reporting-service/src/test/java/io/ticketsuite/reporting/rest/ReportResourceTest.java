package io.ticketsuite.reporting.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.ticketsuite.testkit.TestInfrastructure;
import io.ticketsuite.testkit.TestTokens;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
@QuarkusTestResource(value = TestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "reporting"))
class ReportResourceTest {

    @Test
    void shouldDefaultToTheLastThirtyDays() {
        String body = given().auth()
                .oauth2(TestTokens.lead())
                .when()
                .get("/api/v1/reports/summary")
                .then()
                .statusCode(200)
                .contentType("application/json")
                .body("tickets.total", notNullValue())
                .body("sla", notNullValue())
                .extract()
                .asString();
        Instant from =
                Instant.parse(io.restassured.path.json.JsonPath.from(body).getString("from"));
        Instant to = Instant.parse(io.restassured.path.json.JsonPath.from(body).getString("to"));
        // whole UTC days: the 30 days before now, from the midnight before to the midnight after
        org.assertj.core.api.Assertions.assertThat(Duration.between(from, to))
                .isBetween(Duration.ofDays(30), Duration.ofDays(31));
        org.assertj.core.api.Assertions.assertThat(from.toString()).endsWith("T00:00:00Z");
        org.assertj.core.api.Assertions.assertThat(to.toString()).endsWith("T00:00:00Z");
    }

    @Test
    void shouldAcceptDates() {
        given().auth()
                .oauth2(TestTokens.lead())
                .queryParam("from", "2026-01-01")
                .queryParam("to", "2026-01-31")
                .when()
                .get("/api/v1/reports/summary")
                .then()
                .statusCode(200)
                .body("from", equalTo("2026-01-01T00:00:00Z"))
                .body("to", equalTo("2026-02-01T00:00:00Z"));
    }

    @Test
    void shouldRefuseABadValueWithProblemJson() {
        given().auth()
                .oauth2(TestTokens.lead())
                .queryParam("from", "last tuesday")
                .when()
                .get("/api/v1/reports/summary")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://ticketsuite.io/problems/validation"))
                .body("errors.field", hasItem("from"));
    }

    @Test
    void shouldRefuseFromAfterToWithProblemJson() {
        given().auth()
                .oauth2(TestTokens.lead())
                .queryParam("from", "2026-02-01T00:00:00Z")
                .queryParam("to", "2026-01-01T00:00:00Z")
                .when()
                .get("/api/v1/reports/summary")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors[0].field", equalTo("from"));
    }

    @ParameterizedTest
    @CsvSource(
            nullValues = "-",
            value = {
                "0001-01-01, -",
                "0000-01-01, -",
                "-999999999-01-01T00:00:00Z, +999999999-12-31T23:59:59Z",
                "-, -999999999-01-01T00:00:00+18:00",
                "-, +999999999-12-31T23:59:59-18:00",
                "+300000-01-01T00:00:00Z, +300000-01-02T00:00:00Z",
                "9999-12-31, 9999-12-31",
                "2026-01-01T00:00:00+18:00, 2026-01-01T00:00:00-18:00"
            })
    void shouldAnswerFarBoundsWithASummaryNotA5xx(String from, String to) {
        RequestSpecification request = given().auth().oauth2(TestTokens.lead());
        if (from != null) {
            request = request.queryParam("from", from);
        }
        if (to != null) {
            request = request.queryParam("to", to);
        }
        request.get("/api/v1/reports/summary")
                .then()
                .statusCode(200)
                .contentType("application/json")
                .body("tickets.total", notNullValue());
    }

    @ParameterizedTest
    @CsvSource(
            nullValues = "-",
            value = {
                "+1000000000-01-01T00:00:00Z, -, from",
                "-, -1000000000-01-01T00:00:00Z, to",
                "2026-02-30, -, from",
                "-, 2026-13-01T00:00:00Z, to",
                "2026-01-01T00:00:00+19:00, -, from",
                "99999999999999999999, -, from"
            })
    void shouldRefuseBoundsNoCalendarHasWithProblemJson(String from, String to, String field) {
        RequestSpecification request = given().auth().oauth2(TestTokens.lead());
        if (from != null) {
            request = request.queryParam("from", from);
        }
        if (to != null) {
            request = request.queryParam("to", to);
        }
        request.get("/api/v1/reports/summary")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("https://ticketsuite.io/problems/validation"))
                .body("errors.field", hasItem(field));
    }
}
