package io.ticketsuite.intake.rest;

import static io.ticketsuite.intake.Api.asAgent;
import static io.ticketsuite.intake.Api.asChannel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.ticketsuite.intake.TestClock;
import io.ticketsuite.testkit.TestTokens;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The REST contract channels integrate against, including every problem+json error. */
@QuarkusTest
class TicketResourceTest {
    private static final String PROBLEM = "application/problem+json";

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    static String ticket(String customer) {
        return """
                {"subject": "I was charged twice on my invoice", "description": "Two identical charges",
                 "type": "support", "channel": "email",
                 "customer": {"id": "%s", "email": "ann@example.com", "tier": "Enterprise", "language": "en"},
                 "tags": ["billing", "vip"], "external_id": "mail-1"}""".formatted(customer);
    }

    static String create(String body) {
        return asChannel()
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/tickets")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    @Test
    void shouldCreateATicketWithLocationAndSnakeCaseBody() {
        String customer = "c-" + UUID.randomUUID();
        String id = asChannel()
                .contentType(ContentType.JSON)
                .body(ticket(customer))
                .post("/api/v1/tickets")
                .then()
                .statusCode(201)
                .contentType(ContentType.JSON)
                .body("status", equalTo("NEW"))
                .body("type", equalTo("SUPPORT"))
                .body("channel", equalTo("EMAIL"))
                .body("customer.tier", equalTo("ENTERPRISE"))
                .body("customer.id", equalTo(customer))
                .body("tags", contains("billing", "vip"))
                .body("external_id", equalTo("mail-1"))
                .body("created_at", notNullValue())
                .extract()
                .path("id");

        asAgent()
                .get("/api/v1/tickets/" + id)
                .then()
                .statusCode(200)
                .body("id", equalTo(id))
                .body("subject", equalTo("I was charged twice on my invoice"))
                .body("customer.email", equalTo("ann@example.com"));
    }

    @Test
    void shouldPointLocationAtTheNewTicket() {
        var response =
                asChannel().contentType(ContentType.JSON).body(ticket("c-loc")).post("/api/v1/tickets");
        String id = response.path("id");
        response.then().statusCode(201).header("Location", endsWith("/api/v1/tickets/" + id));
    }

    @Test
    void shouldListEveryInvalidFieldInOneProblem() {
        asChannel()
                .contentType(ContentType.JSON)
                .body("""
                        {"subject": " ", "type": "SUPPORT", "channel": "email",
                         "customer": {"id": "", "email": "not-an-email", "language": "english"},
                         "tags": [""]}""")
                .post("/api/v1/tickets")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("type", equalTo("https://ticketsuite.io/problems/validation"))
                .body("status", equalTo(400))
                .body(
                        "errors.field",
                        containsInAnyOrder(
                                "subject",
                                "customer.id",
                                "customer.email",
                                "customer.tier",
                                "customer.language",
                                "tags[0]"));
    }

    @Test
    void shouldNameTheAllowedValuesOfAnUnknownEnum() {
        asChannel()
                .contentType(ContentType.JSON)
                .body(ticket("c-1").replace("\"support\"", "\"incident\""))
                .post("/api/v1/tickets")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("errors[0].field", equalTo("type"))
                .body("errors[0].message", containsString("SUPPORT, QUESTION, ESCALATION"));
    }

    @Test
    void shouldRejectMalformedJsonWithProblem() {
        asChannel()
                .contentType(ContentType.JSON)
                .body("{\"subject\": ")
                .post("/api/v1/tickets")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("type", equalTo("https://ticketsuite.io/problems/malformed-json"))
                .body("detail", not(containsString("Exception")));
    }

    @Test
    void shouldRejectAMissingBody() {
        asChannel()
                .contentType(ContentType.JSON)
                .post("/api/v1/tickets")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("errors[0].field", equalTo("body"));
    }

    @Test
    void shouldRejectAWrongContentType() {
        asChannel()
                .contentType(ContentType.TEXT)
                .body("subject=hello")
                .post("/api/v1/tickets")
                .then()
                .statusCode(415)
                .contentType(PROBLEM)
                .body("type", equalTo("https://ticketsuite.io/problems/unsupported-media-type"));
    }

    @Test
    void shouldReadChunkedBodiesUpToTheLimit() throws Exception {
        // no Content-Length: the body is read up to the limit; past it the answer is a 413 problem
        HttpResponse<String> small = postChunked(ticket("c-chunked"));
        assertThat(small.statusCode()).isEqualTo(201);
        assertThat(small.body()).contains("\"customer\":{\"id\":\"c-chunked\"");

        HttpResponse<String> huge = postChunked(ticket("c-big").replace("Two identical charges", "x".repeat(200_000)));
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(huge.headers().firstValue("Content-Type")).hasValue(PROBLEM);
        assertThat(huge.body()).contains("https://ticketsuite.io/problems/payload-too-large");
    }

    private static HttpResponse<String> postChunked(String body) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/api/v1/tickets"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + TestTokens.channel())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)))
                .build();
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .build()
                .send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldRejectAnOversizedBody() {
        String huge = ticket("c-big").replace("Two identical charges", "x".repeat(70_000));
        asChannel()
                .contentType(ContentType.JSON)
                .body(huge)
                .post("/api/v1/tickets")
                .then()
                .statusCode(413)
                .contentType(PROBLEM)
                .body("type", equalTo("https://ticketsuite.io/problems/payload-too-large"));
    }

    @Test
    void shouldRefuseAnEscalationFromACustomerChannel() {
        // staff may create escalations, but only through channel API or PHONE (customers and channel systems may not
        // create them at all: IntakeAuthorizationTest)
        asAgent()
                .contentType(ContentType.JSON)
                .body(ticket("c-esc").replace("\"support\"", "\"ESCALATION\""))
                .post("/api/v1/tickets")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("type"));
    }

    @Test
    void shouldReturnTheSameTicketForARetriedIdempotentPost() {
        String customer = "c-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        String first = asChannel()
                .contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body(ticket(customer))
                .post("/api/v1/tickets")
                .then()
                .statusCode(201)
                .extract()
                .path("id");

        asChannel()
                .contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body(ticket(customer))
                .post("/api/v1/tickets")
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", "true")
                .body("id", equalTo(first));

        asAgent().get("/api/v1/tickets?customer=" + customer).then().body("total", equalTo(1));
    }

    @Test
    void shouldRefuseAnIdempotencyKeyReusedWithAnotherBody() {
        String key = UUID.randomUUID().toString();
        create(ticket("c-a"));
        asChannel()
                .contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body(ticket("c-a"))
                .post("/api/v1/tickets")
                .then()
                .statusCode(201);

        asChannel()
                .contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body(ticket("c-b"))
                .post("/api/v1/tickets")
                .then()
                .statusCode(422)
                .contentType(PROBLEM)
                .body("type", equalTo("https://ticketsuite.io/problems/idempotency-key-reused"));
    }

    @Test
    void shouldAnswer404ProblemForUnknownAndMalformedIds() {
        asAgent()
                .get("/api/v1/tickets/" + UUID.randomUUID())
                .then()
                .statusCode(404)
                .contentType(PROBLEM)
                .body("type", equalTo("https://ticketsuite.io/problems/not-found"));
        asAgent().get("/api/v1/tickets/not-a-uuid").then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void shouldPageAndFilterInAStableOrder() {
        String customer = "c-" + UUID.randomUUID();
        String a = create(ticket(customer));
        String b = create(ticket(customer));
        String c = create(ticket(customer).replace("\"support\"", "\"question\""));

        asAgent()
                .get("/api/v1/tickets?customer=" + customer + "&size=2&page=0")
                .then()
                .statusCode(200)
                .body("total", equalTo(3))
                .body("page", equalTo(0))
                .body("size", equalTo(2))
                .body("items.id", contains(c, b));
        asAgent()
                .get("/api/v1/tickets?customer=" + customer + "&size=2&page=1")
                .then()
                .body("items.id", contains(a));
        asAgent()
                .get("/api/v1/tickets?customer=" + customer + "&type=question")
                .then()
                .body("items.id", contains(c));
        asAgent()
                .get("/api/v1/tickets?customer=" + customer + "&status=NEW&priority=P1")
                .then()
                .body("total", equalTo(0));
        asAgent().get("/api/v1/tickets?status=LOST").then().statusCode(400).contentType(PROBLEM);
        asAgent().get("/api/v1/tickets?size=0").then().statusCode(400).contentType(PROBLEM);
    }

    @Test
    void shouldRefuseAnIllegalTransitionNamingTheAllowedOnes() {
        String id = create(ticket("c-t"));

        asAgent()
                .contentType(ContentType.JSON)
                .body("{\"status\": \"resolved\", \"reason\": \"done\"}")
                .post("/api/v1/tickets/" + id + "/status")
                .then()
                .statusCode(409)
                .contentType(PROBLEM)
                .body("type", equalTo("https://ticketsuite.io/problems/illegal-transition"))
                .body("current_status", equalTo("NEW"))
                .body("allowed", containsInAnyOrder("TRIAGED", "ASSIGNED", "CLOSED"));
    }

    @Test
    void shouldWalkTheLifecycleAndReopenWithinTheWindowOnly() {
        String id = create(ticket("c-l"));
        status(id, "ASSIGNED").statusCode(200).body("status", equalTo("ASSIGNED"));
        status(id, "in_progress").statusCode(200);
        status(id, "RESOLVED").statusCode(200).body("resolved_at", notNullValue());
        status(id, "REOPENED").statusCode(200).body("status", equalTo("REOPENED"));
        status(id, "RESOLVED").statusCode(200);

        status(id, "CLOSED").statusCode(200).body("closed_at", notNullValue());
        status(id, "REOPENED")
                .statusCode(200)
                .body("status", equalTo("REOPENED"))
                .body("closed_at", nullValue());
        status(id, "RESOLVED").statusCode(200);

        // after the reopen window a reopen opens a follow-up ticket instead (201, Location = the new ticket)
        clock.advance(Duration.ofDays(15));
        String followUp = status(id, "REOPENED")
                .statusCode(201)
                .header("Location", containsString("/api/v1/tickets/"))
                .body("follows_up", equalTo(id))
                .body("status", equalTo("NEW"))
                .extract()
                .path("id");
        asAgent()
                .get("/api/v1/tickets/" + id)
                .then()
                .body("status", equalTo("RESOLVED"))
                .body("follow_ups", contains(followUp));
    }

    @Test
    void shouldFollowTheShortLifecycleOfAQuestion() {
        String id = create(ticket("c-q").replace("\"support\"", "\"QUESTION\""));
        status(id, "TRIAGED").statusCode(409).body("allowed", containsInAnyOrder("ACCEPTED", "CLOSED"));
        status(id, "ACCEPTED").statusCode(200);
        status(id, "RESOLVED").statusCode(200);
    }

    @Test
    void shouldAddAndListComments() {
        String id = create(ticket("c-c"));
        // the author is the caller (the agent's token), not a field of the body
        asAgent()
                .contentType(ContentType.JSON)
                .body("{\"body\": \"Looking into it\", \"visibility\": \"public\"}")
                .post("/api/v1/tickets/" + id + "/comments")
                .then()
                .statusCode(201)
                .body("author.id", equalTo("agent-account-management-1"))
                .body("author.role", equalTo("AGENT"))
                .body("visibility", equalTo("PUBLIC"));
        asAgent()
                .contentType(ContentType.JSON)
                .body("{\"body\": \"note\", \"visibility\": \"internal\"}")
                .post("/api/v1/tickets/" + id + "/comments")
                .then()
                .statusCode(201);

        asAgent()
                .get("/api/v1/tickets/" + id + "/comments")
                .then()
                .statusCode(200)
                .body("body", contains("Looking into it", "note"))
                .body("visibility", hasItem("INTERNAL"));
        asAgent()
                .contentType(ContentType.JSON)
                .body("{\"body\": \"\", \"visibility\": \"secret\"}")
                .post("/api/v1/tickets/" + id + "/comments")
                .then()
                .statusCode(400)
                .contentType(PROBLEM);
        asAgent()
                .contentType(ContentType.JSON)
                .body("{\"body\": \"hi\", \"visibility\": \"public\"}")
                .post("/api/v1/tickets/" + UUID.randomUUID() + "/comments")
                .then()
                .statusCode(404)
                .contentType(PROBLEM);
    }

    @Test
    void shouldRefuseANulCharacterInAnyTextAsA400Problem() {
        // PostgreSQL cannot store NUL in text: refused before it reaches the database, never a 500
        asChannel()
                .contentType(ContentType.JSON)
                .body(ticket("c-nul").replace("Two identical charges", "Two\\u0000charges"))
                .post("/api/v1/tickets")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("errors[0].field", equalTo("description"));
        asChannel()
                .contentType(ContentType.JSON)
                .body(ticket("c-nul\\u0000"))
                .post("/api/v1/tickets")
                .then()
                .statusCode(400)
                .contentType(PROBLEM);
        String id = create(ticket("c-nul"));
        asAgent()
                .contentType(ContentType.JSON)
                .body("{\"body\": \"hi\\u0000there\", \"visibility\": \"public\"}")
                .post("/api/v1/tickets/" + id + "/comments")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("errors[0].field", equalTo("body"));
        asAgent()
                .contentType(ContentType.JSON)
                .body("{\"status\": \"ASSIGNED\", \"reason\": \"\\u0000\"}")
                .post("/api/v1/tickets/" + id + "/status")
                .then()
                .statusCode(400)
                .contentType(PROBLEM);
        asChannel()
                .contentType(ContentType.JSON)
                .header("Idempotency-Key", "k-" + UUID.randomUUID())
                .body(ticket("c-nul").replace("\"mail-1\"", "\"mail\\u0000\""))
                .post("/api/v1/tickets")
                .then()
                .statusCode(400)
                .contentType(PROBLEM);
        asAgent()
                .queryParam("customer", "c-nul\0")
                .get("/api/v1/tickets")
                .then()
                .statusCode(400)
                .contentType(PROBLEM);
        asAgent()
                .queryParam("category", "\0")
                .get("/api/v1/tickets")
                .then()
                .statusCode(400)
                .contentType(PROBLEM);
        asAgent().get("/api/v1/tickets/" + id).then().statusCode(200).body("status", equalTo("NEW"));
        asAgent().get("/api/v1/tickets/" + id + "/comments").then().body("$", hasSize(0));
    }

    @Test
    void shouldRefuseHugeOrNegativePagesAsA400Problem() {
        for (String query : new String[] {
            "page=2147483647",
            "page=100001",
            "page=99999999999999999999",
            "page=-1",
            "size=201",
            "size=-5",
            "size=2147483647",
            "page=abc",
            "page=100000&size=2147483647"
        }) {
            asAgent()
                    .get("/api/v1/tickets?" + query)
                    .then()
                    .statusCode(400)
                    .contentType(PROBLEM)
                    .body("type", equalTo("https://ticketsuite.io/problems/validation"));
        }
        // the last page allowed is still a page (empty), not an overflow
        asAgent()
                .get("/api/v1/tickets?page=100000&size=200")
                .then()
                .statusCode(200)
                .body("items", hasSize(0))
                .body("page", equalTo(100000));
    }

    private static ValidatableResponse status(String id, String status) {
        return asAgent()
                .contentType(ContentType.JSON)
                .body("{\"status\": \"" + status + "\", \"reason\": \"test\""
                        + (status.equalsIgnoreCase("RESOLVED")
                                ? ", \"resolution\": {\"category\": \"fixed\", \"summary\": \"done\", \"lessons_learned\": \"test\"}"
                                : "")
                        + "}")
                .post("/api/v1/tickets/" + id + "/status")
                .then();
    }
}
