package io.ticketsuite.reporting.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.ticketsuite.testkit.TestInfrastructure;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = TestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "reporting"))
class ReportResourceTest {

    @Test
    void shouldDefaultToTheLastThirtyDays() {
        String body = given().when()
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
        org.assertj.core.api.Assertions.assertThat(Duration.between(from, to)).isEqualTo(Duration.ofDays(30));
    }

    @Test
    void shouldAcceptDates() {
        given().queryParam("from", "2026-01-01")
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
        given().queryParam("from", "last tuesday")
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
        given().queryParam("from", "2026-02-01T00:00:00Z")
                .queryParam("to", "2026-01-01T00:00:00Z")
                .when()
                .get("/api/v1/reports/summary")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors[0].field", equalTo("from"));
    }
}
