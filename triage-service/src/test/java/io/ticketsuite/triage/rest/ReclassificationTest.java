package io.ticketsuite.triage.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.ticketsuite.events.CloudEventHeaders;
import io.ticketsuite.events.EventCodec;
import io.ticketsuite.events.Priority;
import io.ticketsuite.events.TicketReclassified;
import io.ticketsuite.events.Topics;
import io.ticketsuite.testkit.TestTokens;
import io.ticketsuite.testkit.TopicProbe;
import io.ticketsuite.triage.TicketSamples;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * People correct the machine: POST /api/v1/triage/{id}/reclassify stores a correction beside the decision and
 * publishes ticket.reclassified on triage-events (real broker and PostgreSQL); the corrections export.
 */
@QuarkusTest
class ReclassificationTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration QUIET = Duration.ofSeconds(2);
    private static final String PROBLEM = "application/problem+json";

    private TopicProbe triageEvents;

    @BeforeEach
    void subscribe() {
        triageEvents = TopicProbe.from(Topics.TRIAGE_EVENTS);
    }

    @AfterEach
    void close() {
        triageEvents.close();
    }

    @Test
    void shouldStoreTheCorrectionBesideTheDecisionAndAnnounceWhoFromToAndWhy() {
        UUID ticketId = triagedBillingTicket();
        String agent = "agent-" + UUID.randomUUID();

        given().auth()
                .oauth2(TestTokens.staff(agent, "agent"))
                .contentType(ContentType.JSON)
                .body("{\"category\": \"Technical\", \"priority\": \"p2\", \"reason\": \"The charge failed because of a"
                        + " bug in checkout\"}")
                .post("/api/v1/triage/" + ticketId + "/reclassify")
                .then()
                .statusCode(200)
                .body("ticket_id", equalTo(ticketId.toString()))
                .body("previous_category", equalTo("billing"))
                .body("category", equalTo("technical"))
                .body("previous_priority", equalTo("P3"))
                .body("priority", equalTo("P2"))
                .body("corrected_by", equalTo(agent))
                .body("correction_id", notNullValue());

        ConsumerRecord<String, String> record =
                triageEvents.await(reclassified(ticketId), 1, WAIT).get(0);
        assertThat(record.key()).isEqualTo(ticketId.toString());
        assertThat(TopicProbe.header(record, CloudEventHeaders.SOURCE)).isEqualTo("triage-service");
        TicketReclassified event = (TicketReclassified)
                EventCodec.decode(TopicProbe.headers(record), record.value()).data();
        assertThat(event.ticketId()).isEqualTo(ticketId);
        assertThat(event.previousCategory()).isEqualTo("billing");
        assertThat(event.category()).isEqualTo("technical");
        assertThat(event.previousPriority()).isEqualTo(Priority.P3);
        assertThat(event.priority()).isEqualTo(Priority.P2);
        assertThat(event.reason()).isEqualTo("The charge failed because of a bug in checkout");
        assertThat(event.reclassifiedBy()).isEqualTo(agent);
        assertThat(event.reclassifiedAt()).isNotNull();
        assertThat(record.value()).contains("\"reclassified_by\":\"" + agent + "\"");

        // a second correction starts from the first one; the machine's decision stays visible
        given().auth()
                .oauth2(TestTokens.staff("lead-9", "lead"))
                .contentType(ContentType.JSON)
                .body("{\"priority\": \"P1\", \"reason\": \"Checkout is down for every customer\"}")
                .post("/api/v1/triage/" + ticketId + "/reclassify")
                .then()
                .statusCode(200)
                .body("previous_category", equalTo("technical"))
                .body("category", equalTo("technical"))
                .body("previous_priority", equalTo("P2"))
                .body("priority", equalTo("P1"))
                .body("corrected_by", equalTo("lead-9"));
        assertThat(triageEvents.await(reclassified(ticketId), 2, WAIT)).hasSize(2);

        given().auth()
                .oauth2(TestTokens.agent())
                .get("/api/v1/triage/" + ticketId)
                .then()
                .statusCode(200)
                .body("category", equalTo("billing"))
                .body("priority", equalTo("P3"))
                .body("explanation.matched_terms.category", hasItem("billing"))
                .body("current_category", equalTo("technical"))
                .body("current_priority", equalTo("P1"))
                .body("corrections", hasSize(2))
                .body("corrections[0].corrected_by", equalTo(agent))
                .body("corrections[0].reason", equalTo("The charge failed because of a bug in checkout"))
                .body("corrections[1].priority", equalTo("P1"));
    }

    @Test
    void shouldRefuseACorrectionThatChangesNothingAs409() {
        UUID ticketId = triagedBillingTicket();

        given().auth()
                .oauth2(TestTokens.agent())
                .contentType(ContentType.JSON)
                .body("{\"category\": \"billing\", \"priority\": \"P3\", \"reason\": \"looks right\"}")
                .post("/api/v1/triage/" + ticketId + "/reclassify")
                .then()
                .statusCode(409)
                .contentType(PROBLEM)
                .body("type", equalTo("https://ticketsuite.io/problems/no-change"));
        assertThat(triageEvents.drain(reclassified(ticketId), QUIET)).isEmpty();
    }

    @Test
    void shouldRefuseInvalidCorrectionsNamingTheField() {
        UUID ticketId = triagedBillingTicket();

        reclassify(ticketId, "{\"category\": \"plumbing\", \"reason\": \"x\"}", 400)
                .body("errors.field", hasItem("category"));
        reclassify(ticketId, "{\"priority\": \"P5\", \"reason\": \"x\"}", 400)
                .body("errors.field", hasItem("priority"));
        reclassify(ticketId, "{\"category\": \"technical\"}", 400).body("errors.field", hasItem("reason"));
        reclassify(ticketId, "{\"category\": \"technical\", \"reason\": \"   \"}", 400)
                .body("errors.field", hasItem("reason"));
        reclassify(ticketId, "{\"reason\": \"wrong\"}", 400).body("errors.field", hasItem("category"));
        reclassify(ticketId, "{\"category\": \"technical\", \"reason\": \"" + "x".repeat(2001) + "\"}", 400)
                .body("errors.field", hasItem("reason"));
        reclassify(UUID.randomUUID(), "{\"category\": \"technical\", \"reason\": \"x\"}", 404)
                .body("type", equalTo("https://ticketsuite.io/problems/not-found"));
        given().auth()
                .oauth2(TestTokens.agent())
                .contentType(ContentType.JSON)
                .body("{\"category\": \"technical\", \"reason\": \"x\"}")
                .post("/api/v1/triage/not-a-uuid/reclassify")
                .then()
                .statusCode(404)
                .contentType(PROBLEM);
        assertThat(triageEvents.drain(reclassified(ticketId), QUIET)).isEmpty();
    }

    @Test
    void shouldExportCorrectedTicketsAsLabelledRowsInTheDevSetFormat() throws Exception {
        UUID ticketId = triagedBillingTicket();
        given().auth()
                .oauth2(TestTokens.agent())
                .contentType(ContentType.JSON)
                .body("{\"category\": \"general\", \"priority\": \"P4\", \"reason\": \"a question about sales\"}")
                .post("/api/v1/triage/" + ticketId + "/reclassify")
                .then()
                .statusCode(200);

        String body = given().auth()
                .oauth2(TestTokens.lead())
                .get("/api/v1/triage/corrections")
                .then()
                .statusCode(200)
                .contentType("application/x-ndjson")
                .extract()
                .asString();

        ObjectMapper json = new ObjectMapper();
        List<JsonNode> rows = new ArrayList<>();
        for (String line : body.split("\n")) {
            rows.add(json.readTree(line));
        }
        JsonNode row = rows.stream()
                .filter(r -> r.path("id").asText().equals(ticketId.toString()))
                .findFirst()
                .orElseThrow();
        List<String> fields = new ArrayList<>();
        row.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("id", "subject", "body", "expected_category", "expected_priority");
        assertThat(row.path("subject").asText()).isEqualTo("Charged twice on my invoice");
        assertThat(row.path("body").asText()).contains("charged twice");
        // the fallback category is the dev set's "other"
        assertThat(row.path("expected_category").asText()).isEqualTo("other");
        assertThat(row.path("expected_priority").asText()).isEqualTo("P4");

        given().auth()
                .oauth2(TestTokens.agent())
                .get("/api/v1/triage/corrections")
                .then()
                .statusCode(403)
                .contentType(PROBLEM);
        given().auth()
                .oauth2(TestTokens.admin())
                .get("/api/v1/triage/corrections?limit=0")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("errors.field", hasItem("limit"));
    }

    private io.restassured.response.ValidatableResponse reclassify(UUID ticketId, String body, int status) {
        return given().auth()
                .oauth2(TestTokens.agent())
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/triage/" + ticketId + "/reclassify")
                .then()
                .statusCode(status)
                .contentType(PROBLEM);
    }

    private UUID triagedBillingTicket() {
        UUID ticketId = UUID.randomUUID();
        TicketSamples.publish(TicketSamples.envelope(TicketSamples.billing(ticketId)));
        triageEvents.await(
                r -> ticketId.toString().equals(r.key())
                        && "ticket.triaged".equals(TopicProbe.header(r, CloudEventHeaders.TYPE)),
                1,
                WAIT);
        return ticketId;
    }

    private static Predicate<ConsumerRecord<String, String>> reclassified(UUID ticketId) {
        return r -> ticketId.toString().equals(r.key())
                && "ticket.reclassified".equals(TopicProbe.header(r, CloudEventHeaders.TYPE));
    }
}
