package io.ticketsuite.routing.oncall;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.ticketsuite.testkit.TestInfrastructure;
import io.ticketsuite.testkit.TestTokens;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * GET /api/v1/teams/{id}/on-call on the seeded rotations: hand-over instants in the team's zone, across a DST change,
 * an override from the database winning, and the problems.
 */
@QuarkusTest
@QuarkusTestResource(value = TestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "routing"))
class OnCallResourceTest {

    @Inject
    DataSource dataSource;

    private static String onCall(String team, String at) {
        return given().auth()
                .oauth2(TestTokens.agent())
                .queryParam("at", at)
                .get("/api/v1/teams/{id}/on-call", team)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getString("staff_id");
    }

    @Test
    void shouldHandOverTheTier3RotationOnMondaysAt0900Zurich() {
        // eng-tier3: Hannah from Monday 2026-01-05 09:00 CET, then Ingrid, alternating weekly
        given().auth()
                .oauth2(TestTokens.agent())
                .queryParam("at", "2026-01-05T08:00:00Z")
                .get("/api/v1/teams/eng-tier3/on-call")
                .then()
                .statusCode(200)
                .body("team_id", equalTo("eng-tier3"))
                .body("staff_id", equalTo("agent-eng-tier3-1"))
                .body("name", equalTo("Hannah Becker"))
                .body("source", equalTo("ROTATION"))
                .body("from", equalTo("2026-01-05T08:00:00Z"))
                .body("until", equalTo("2026-01-12T08:00:00Z"))
                .body("time_zone", equalTo("Europe/Zurich"));
        given().auth()
                .oauth2(TestTokens.agent())
                .queryParam("at", "2026-01-05T07:59:59Z")
                .get("/api/v1/teams/eng-tier3/on-call")
                .then()
                .body("staff_id", equalTo("lead-eng-tier3"));
        // 12 weeks after 5 January (even → Hannah) is Monday 30 March, after the change to CEST: 07:00 UTC
        org.assertj.core.api.Assertions.assertThat(onCall("eng-tier3", "2026-03-30T06:59:59Z"))
                .isEqualTo("lead-eng-tier3");
        org.assertj.core.api.Assertions.assertThat(onCall("eng-tier3", "2026-03-30T07:00:00Z"))
                .isEqualTo("agent-eng-tier3-1");
    }

    @Test
    void shouldLetAnOverrideWinOverTheRotation() throws SQLException {
        // security (New York, Wednesdays 10:00): cover on 2031-07-09 and 10 by the CISO
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO on_call_override (id, team_id, staff_id, name, from_date, to_date, reason)"
                                + " VALUES (?, 'security', 'ciso', 'Viktor Hale', ?, ?, 'incident drill')")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setObject(2, LocalDate.of(2031, 7, 9));
            insert.setObject(3, LocalDate.of(2031, 7, 10));
            insert.executeUpdate();
        }
        given().auth()
                .oauth2(TestTokens.lead())
                .queryParam("at", "2031-07-10T15:00:00Z")
                .get("/api/v1/teams/security/on-call")
                .then()
                .statusCode(200)
                .body("staff_id", equalTo("ciso"))
                .body("source", equalTo("OVERRIDE"))
                .body("reason", equalTo("incident drill"))
                .body("from", equalTo("2031-07-09T04:00:00Z"))
                .body("until", equalTo("2031-07-11T04:00:00Z"));
        given().auth()
                .oauth2(TestTokens.lead())
                .queryParam("at", "2031-07-11T04:00:00Z")
                .get("/api/v1/teams/security/on-call")
                .then()
                .body("source", equalTo("ROTATION"));
    }

    @Test
    void shouldAnswerProblemsForUnknownTeamsTeamsWithoutRotationAndBadInstants() {
        given().auth()
                .oauth2(TestTokens.agent())
                .get("/api/v1/teams/no-such-team/on-call")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(TestTokens.agent())
                .get("/api/v1/teams/billing/on-call")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("detail", containsString("no on-call rotation"));
        given().auth()
                .oauth2(TestTokens.agent())
                .queryParam("at", "tomorrow")
                .get("/api/v1/teams/eng-tier3/on-call")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("at"));
        given().auth()
                .oauth2(TestTokens.agent())
                .get("/api/v1/teams/eng-tier3/on-call")
                .then()
                .statusCode(200)
                .body("source", equalTo("ROTATION"));
    }
}
