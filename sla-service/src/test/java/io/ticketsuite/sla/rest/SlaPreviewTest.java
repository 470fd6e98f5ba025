package io.ticketsuite.sla.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.ticketsuite.kit.problem.ProblemTypes;
import io.ticketsuite.testkit.TestInfrastructure;
import io.ticketsuite.testkit.TestTokens;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** POST /api/v1/sla/preview: the contract's table for any instant and zone, staff only, problems for bad input. */
@QuarkusTest
@QuarkusTestResource(value = TestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "sla"))
class SlaPreviewTest {

    @Test
    void shouldPreviewTheIssuesExampleForAFreeP3TicketOfFridayAfternoon() {
        given().auth()
                .oauth2(TestTokens.agent())
                .contentType("application/json")
                .body(Map.of("tier", "FREE", "priority", "P3", "created_at", "2025-03-14T16:00:00Z"))
                .post("/api/v1/sla/preview")
                .then()
                .statusCode(200)
                .body("calendar.name", equalTo("business-hours"))
                .body("calendar.hours", equalTo("09:00-17:00"))
                .body("clocks", hasSize(2))
                .body("clocks[0].clock", equalTo("RESPONSE"))
                .body("clocks[0].target", equalTo("PT4H"))
                .body("clocks[0].due_at", equalTo("2025-03-17T12:00:00Z"))
                .body("clocks[1].clock", equalTo("RESOLUTION"))
                .body("clocks[1].target", equalTo("PT16H"))
                .body("clocks[1].due_at", equalTo("2025-03-18T16:00:00Z"))
                .body("clocks[1].thresholds.percent", equalTo(java.util.List.of(50, 75, 100, 125)))
                .body("clocks[1].thresholds[0].fire_at", equalTo("2025-03-17T16:00:00Z"))
                .body("clocks[1].thresholds[3].event", equalTo("sla.escalated"));
    }

    @Test
    void shouldUseTheGivenTimeZoneOnTheLocalWallClock() {
        // Friday 16:00 in Berlin (15:00 UTC): 1 h on Friday, 3 h on Monday until 12:00 Berlin = 11:00 UTC
        given().auth()
                .oauth2(TestTokens.admin())
                .contentType("application/json")
                .body(Map.of(
                        "tier", "STARTER",
                        "priority", "P3",
                        "created_at", "2025-03-14T15:00:00Z",
                        "time_zone", "Europe/Berlin"))
                .post("/api/v1/sla/preview")
                .then()
                .statusCode(200)
                .body("calendar.time_zone", equalTo("Europe/Berlin"))
                .body("clocks[0].due_at", equalTo("2025-03-17T11:00:00Z"));
    }

    @Test
    void shouldPreviewAProfessionalTicketOnTwentyFourFive() {
        given().auth()
                .oauth2(TestTokens.agent())
                .contentType("application/json")
                .body(Map.of("tier", "PROFESSIONAL", "priority", "P1", "created_at", "2025-03-14T23:45:00Z"))
                .post("/api/v1/sla/preview")
                .then()
                .statusCode(200)
                .body("calendar.name", equalTo("24/5"))
                .body("clocks[0].due_at", equalTo("2025-03-17T00:15:00Z"))
                .body("clocks[1].due_at", equalTo("2025-03-17T03:45:00Z"));
    }

    @Test
    void shouldAnswerAValidationProblemForMissingFieldsAndAnUnknownZone() {
        given().auth()
                .oauth2(TestTokens.agent())
                .contentType("application/json")
                .body(Map.of("tier", "FREE", "time_zone", "Mars/Olympus"))
                .post("/api/v1/sla/preview")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo(ProblemTypes.VALIDATION))
                .body("errors.field", hasItem("priority"))
                .body("errors.field", hasItem("created_at"))
                .body("errors.field", hasItem("time_zone"));
    }

    @Test
    void shouldAnswerAProblemForAnUnknownTier() {
        given().auth()
                .oauth2(TestTokens.agent())
                .contentType("application/json")
                .body(Map.of("tier", "GOLD", "priority", "P1", "created_at", "2025-03-14T16:00:00Z"))
                .post("/api/v1/sla/preview")
                .then()
                .statusCode(400)
                .contentType("application/problem+json");
    }

    @Test
    void shouldRefuseCustomersAndChannels() {
        for (String token : new String[] {TestTokens.customer(), TestTokens.channel()}) {
            given().auth()
                    .oauth2(token)
                    .contentType("application/json")
                    .body(Map.of("tier", "FREE", "priority", "P3", "created_at", "2025-03-14T16:00:00Z"))
                    .post("/api/v1/sla/preview")
                    .then()
                    .statusCode(403)
                    .contentType("application/problem+json");
        }
    }
}
