package io.ticketsuite.triage.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.ticketsuite.testkit.TestTokens;
import io.ticketsuite.triage.TicketSamples;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every endpoint × every role. Triage decisions and the rule pack are staff views; a classification preview is for
 * staff and channel systems (a web form backend); customers and tokens without a suite role get 403, no token or a
 * bad one a 401 problem.
 */
@QuarkusTest
class TriageAuthorizationTest {
    private static final String PROBLEM = "application/problem+json";
    private static final String UNAUTHORIZED = "https://ticketsuite.io/problems/unauthorized";
    private static final String FORBIDDEN = "https://ticketsuite.io/problems/forbidden";
    private static final String CLASSIFY_BODY = "{\"subject\": \"Refund please\", \"description\": \"Charged twice.\"}";

    /** A rule pack that is refused (so the matrix never changes the pack in force). */
    private static final String BROKEN_PACK = "version: \"0.0.0-matrix\"\n";

    /** One call of the API: a GET, or a POST/PUT with a body. */
    record Call(String method, String path, String contentType, String body) {
        Call(String method, String path) {
            this(method, path, "application/json", CLASSIFY_BODY);
        }

        Response send(String token) {
            RequestSpecification request = given();
            if (token != null) {
                request = request.auth().oauth2(token);
            }
            if (method.equals("POST")) {
                return request.contentType(contentType)
                        .body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        .post(path);
            }
            if (method.equals("PUT")) {
                return request.contentType(contentType)
                        .body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        .put(path);
            }
            return request.get(path);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    static final Call TRIAGE = new Call("GET", "/api/v1/triage/" + UUID.randomUUID());
    static final Call RULES = new Call("GET", "/api/v1/rules");
    static final Call CLASSIFY = new Call("POST", "/api/v1/classify");
    static final Call RECLASSIFY = new Call(
            "POST",
            "/api/v1/triage/" + UUID.randomUUID() + "/reclassify",
            "application/json",
            "{\"category\": \"billing\", \"reason\": \"matrix\"}");
    static final Call CORRECTIONS = new Call("GET", "/api/v1/triage/corrections");
    static final Call RULE_VERSIONS = new Call("GET", "/api/v1/triage/rules");
    static final Call LOAD_RULES = new Call("PUT", "/api/v1/triage/rules", "application/yaml", BROKEN_PACK);
    static final Call RECURRING = new Call("GET", "/api/v1/recurring");

    static List<Call> endpoints() {
        return List.of(TRIAGE, RULES, CLASSIFY, RECLASSIFY, CORRECTIONS, RULE_VERSIONS, LOAD_RULES, RECURRING);
    }

    static List<Call> staffOnly() {
        return List.of(TRIAGE, RULES, RECLASSIFY, CORRECTIONS, RULE_VERSIONS, LOAD_RULES, RECURRING);
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void shouldRefuseCallsWithoutAValidTokenAs401Problems(Call call) {
        for (String token :
                new String[] {null, "not-a-jwt", TestTokens.expired(), TestTokens.forged(), TestTokens.wrongAudience()
                }) {
            call.send(token)
                    .then()
                    .statusCode(401)
                    .contentType(PROBLEM)
                    .header("WWW-Authenticate", "Bearer")
                    .body("type", equalTo(UNAUTHORIZED));
        }
    }

    @ParameterizedTest
    @MethodSource("endpoints")
    void shouldRefuseCustomersAndTokensWithoutARoleAs403Problems(Call call) {
        for (String token : new String[] {TestTokens.customer(), TestTokens.customer2(), TestTokens.noRole()}) {
            call.send(token).then().statusCode(403).contentType(PROBLEM).body("type", equalTo(FORBIDDEN));
        }
    }

    @ParameterizedTest
    @MethodSource("staffOnly")
    void shouldRefuseChannelsTheStaffViewsAs403Problems(Call call) {
        call.send(TestTokens.channel())
                .then()
                .statusCode(403)
                .contentType(PROBLEM)
                .body("type", equalTo(FORBIDDEN));
    }

    @Test
    void shouldAnswerStaffOnEveryEndpoint() {
        for (String token : new String[] {TestTokens.agent(), TestTokens.lead(), TestTokens.admin()}) {
            TRIAGE.send(token).then().statusCode(404).contentType(PROBLEM);
            RULES.send(token).then().statusCode(200).body("version", org.hamcrest.Matchers.notNullValue());
            CLASSIFY.send(token).then().statusCode(200).body("category", equalTo("billing"));
            RECLASSIFY.send(token).then().statusCode(404).contentType(PROBLEM);
            RULE_VERSIONS.send(token).then().statusCode(200);
            RECURRING.send(token).then().statusCode(200);
        }
    }

    @Test
    void shouldLetLeadsAndAdminsExportCorrectionsButNotAgents() {
        CORRECTIONS
                .send(TestTokens.agent())
                .then()
                .statusCode(403)
                .contentType(PROBLEM)
                .body("type", equalTo(FORBIDDEN));
        CORRECTIONS.send(TestTokens.lead()).then().statusCode(200).contentType("application/x-ndjson");
        CORRECTIONS.send(TestTokens.admin()).then().statusCode(200).contentType("application/x-ndjson");
    }

    @Test
    void shouldLetOnlyAdminsLoadARulePack() {
        for (String token : new String[] {TestTokens.agent(), TestTokens.lead()}) {
            LOAD_RULES.send(token).then().statusCode(403).contentType(PROBLEM).body("type", equalTo(FORBIDDEN));
        }
        // the admin passes authorization; the pack itself is refused
        LOAD_RULES.send(TestTokens.admin()).then().statusCode(422).contentType(PROBLEM);
    }

    @Test
    void shouldLetAChannelSystemPreviewAClassification() {
        CLASSIFY.send(TestTokens.channel()).then().statusCode(200).body("category", equalTo("billing"));
    }

    @Test
    void shouldShowAStoredDecisionToStaffOnlyNotEvenToTheTicketsOwnCustomer() {
        UUID ticketId = UUID.randomUUID();
        TicketSamples.publish(TicketSamples.envelope(TicketSamples.billing(ticketId)));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> given().auth()
                                .oauth2(TestTokens.agent())
                                .get("/api/v1/triage/" + ticketId)
                                .statusCode()
                        == 200);
        Call decision = new Call("GET", "/api/v1/triage/" + ticketId);

        for (String token : new String[] {TestTokens.agent(), TestTokens.lead(), TestTokens.admin()}) {
            decision.send(token)
                    .then()
                    .statusCode(200)
                    .body("ticket_id", equalTo(ticketId.toString()))
                    .body("category", equalTo("billing"));
        }
        // the ticket's own customer (TicketSamples: customer c-<ticketId>), another customer, a channel
        for (String token : new String[] {
            TestTokens.customer("c-" + ticketId, "ann@example.com"), TestTokens.customer2(), TestTokens.channel()
        }) {
            decision.send(token).then().statusCode(403).contentType(PROBLEM).body("type", equalTo(FORBIDDEN));
        }
        decision.send(null).then().statusCode(401).contentType(PROBLEM).body("type", equalTo(UNAUTHORIZED));
    }
}
