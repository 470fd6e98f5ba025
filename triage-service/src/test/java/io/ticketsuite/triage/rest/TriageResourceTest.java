package io.ticketsuite.triage.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.ticketsuite.testkit.TestTokens;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * GET /api/v1/triage/{ticketId} refusals (a stored decision is shown in TicketEventsConsumerTest, once the
 * ticket.created has been consumed), health and API docs.
 */
@QuarkusTest
class TriageResourceTest {
    private static final String PROBLEM = "application/problem+json";

    @Test
    void shouldAnswerNotFoundForATicketWithoutDecision() {
        UUID ticketId = UUID.randomUUID();
        given().auth()
                .oauth2(TestTokens.agent())
                .get("/api/v1/triage/" + ticketId)
                .then()
                .statusCode(404)
                .contentType(PROBLEM)
                .body("type", equalTo("https://ticketsuite.io/problems/not-found"))
                .body("detail", containsString(ticketId.toString()))
                .body("instance", equalTo("/api/v1/triage/" + ticketId));
    }

    @Test
    void shouldAnswerNotFoundForSomethingThatIsNotATicketId() {
        given().auth()
                .oauth2(TestTokens.agent())
                .get("/api/v1/triage/not-a-ticket")
                .then()
                .statusCode(404)
                .contentType(PROBLEM)
                .body("type", equalTo("https://ticketsuite.io/problems/not-found"))
                .body("detail", containsString("not-a-ticket"));
    }

    @Test
    void shouldBeReadyWithDatabaseAndBroker() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void shouldDocumentTheApi() {
        given().get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .body("info.title", equalTo("Ticket Suite triage-service"))
                .body("paths.'/api/v1/classify'.post.responses.'415'.description", containsString("application/json"))
                .body("paths.'/api/v1/triage/{ticketId}'.get.summary", containsString("triage decision"))
                .body("paths.'/api/v1/rules'.get.summary", containsString("rule pack"));
    }
}
