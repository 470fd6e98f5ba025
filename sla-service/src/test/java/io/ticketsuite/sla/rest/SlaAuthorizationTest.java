package io.ticketsuite.sla.rest;

import static io.restassured.RestAssured.given;
import static io.ticketsuite.sla.SlaEvents.created;
import static io.ticketsuite.sla.SlaEvents.publish;
import static io.ticketsuite.sla.SlaEvents.triaged;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.ticketsuite.events.Priority;
import io.ticketsuite.testkit.TestInfrastructure;
import io.ticketsuite.testkit.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint × every role: the SLA view is staff only (agents, leads, admins). Customers — even the ticket's
 * own — channel systems and tokens without a suite role get a 403 problem; no token or a bad one a 401 problem.
 */
@QuarkusTest
@QuarkusTestResource(value = TestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "sla"))
class SlaAuthorizationTest {
    private static final String PROBLEM = "application/problem+json";
    private static final String UNAUTHORIZED = "https://ticketsuite.io/problems/unauthorized";
    private static final String FORBIDDEN = "https://ticketsuite.io/problems/forbidden";

    private static Response get(String path, String token) {
        RequestSpecification request = given();
        if (token != null) {
            request = request.auth().oauth2(token);
        }
        return request.get(path);
    }

    @Test
    void shouldRefuseCallsWithoutAValidTokenAs401Problems() {
        for (String path : new String[] {"/api/v1/sla/" + UUID.randomUUID(), "/api/v1/sla/not-a-uuid"}) {
            for (String token : new String[] {
                null, "not-a-jwt", TestTokens.expired(), TestTokens.forged(), TestTokens.wrongAudience()
            }) {
                get(path, token)
                        .then()
                        .statusCode(401)
                        .contentType(PROBLEM)
                        .header("WWW-Authenticate", "Bearer")
                        .body("type", equalTo(UNAUTHORIZED));
            }
        }
    }

    @Test
    void shouldRefuseCustomersChannelsAndTokensWithoutARoleAs403Problems() {
        for (String token :
                new String[] {TestTokens.customer(), TestTokens.customer2(), TestTokens.channel(), TestTokens.noRole()
                }) {
            get("/api/v1/sla/" + UUID.randomUUID(), token)
                    .then()
                    .statusCode(403)
                    .contentType(PROBLEM)
                    .body("type", equalTo(FORBIDDEN));
        }
    }

    @Test
    void shouldAnswerStaffWithNotFoundForATicketItNeverHeardOf() {
        for (String token : new String[] {TestTokens.agent(), TestTokens.lead(), TestTokens.admin()}) {
            get("/api/v1/sla/" + UUID.randomUUID(), token)
                    .then()
                    .statusCode(404)
                    .contentType(PROBLEM)
                    .body("type", equalTo("https://ticketsuite.io/problems/not-found"));
        }
    }

    @Test
    void shouldShowATicketsClocksToStaffOnlyNotEvenToTheTicketsOwnCustomer() {
        UUID ticketId = UUID.randomUUID();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        publish(created(ticketId, at), at);
        publish(triaged(ticketId, Priority.P2, at), at);
        String path = "/api/v1/sla/" + ticketId;
        // both events applied (they come on two topics: ticket.created alone already gives a 200, without a priority)
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            Response response = get(path, TestTokens.agent());
            return response.statusCode() == 200 && "P2".equals(response.path("priority"));
        });

        for (String token : new String[] {TestTokens.agent(), TestTokens.lead(), TestTokens.admin()}) {
            get(path, token)
                    .then()
                    .statusCode(200)
                    .body("ticket_id", equalTo(ticketId.toString()))
                    .body("priority", equalTo("P2"));
        }
        // SlaEvents.created: the ticket's customer is cust-<ticketId>
        for (String token : new String[] {
            TestTokens.customer("cust-" + ticketId, "c@example.com"),
            TestTokens.customer2(),
            TestTokens.channel(),
            TestTokens.noRole()
        }) {
            get(path, token).then().statusCode(403).contentType(PROBLEM).body("type", equalTo(FORBIDDEN));
        }
        get(path, null).then().statusCode(401).contentType(PROBLEM).body("type", equalTo(UNAUTHORIZED));
    }

    private static Response replay(String token) {
        RequestSpecification request = given().contentType("application/json")
                .body("{\"from\":\"" + Instant.now().minusSeconds(60) + "\",\"to\":\"" + Instant.now() + "\"}");
        if (token != null) {
            request = request.auth().oauth2(token);
        }
        return request.post("/api/v1/admin/sla/replay");
    }

    @Test
    void shouldLetOnlyAdminsReplay() {
        for (String token :
                new String[] {null, "not-a-jwt", TestTokens.expired(), TestTokens.forged(), TestTokens.wrongAudience()
                }) {
            replay(token)
                    .then()
                    .statusCode(401)
                    .contentType(PROBLEM)
                    .header("WWW-Authenticate", "Bearer")
                    .body("type", equalTo(UNAUTHORIZED));
        }
        for (String token : new String[] {
            TestTokens.customer(),
            TestTokens.customer2(),
            TestTokens.channel(),
            TestTokens.noRole(),
            TestTokens.agent(),
            TestTokens.lead()
        }) {
            replay(token).then().statusCode(403).contentType(PROBLEM).body("type", equalTo(FORBIDDEN));
        }
        replay(TestTokens.admin())
                .then()
                .statusCode(200)
                .contentType("application/json")
                .body("schema_kept", equalTo(false))
                .body("compared", org.hamcrest.Matchers.greaterThanOrEqualTo(0));
    }
}
