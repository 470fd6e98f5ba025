package io.ticketsuite.notification.csat;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.ticketsuite.events.Channel;
import io.ticketsuite.events.CloudEventHeaders;
import io.ticketsuite.events.CsatSubmitted;
import io.ticketsuite.events.Customer;
import io.ticketsuite.events.CustomerTier;
import io.ticketsuite.events.EventCodec;
import io.ticketsuite.events.EventEnvelope;
import io.ticketsuite.events.TicketCreated;
import io.ticketsuite.events.TicketStatus;
import io.ticketsuite.events.TicketStatusChanged;
import io.ticketsuite.events.TicketType;
import io.ticketsuite.events.Topics;
import io.ticketsuite.testkit.TestInfrastructure;
import io.ticketsuite.testkit.TestTokens;
import io.ticketsuite.testkit.TopicProbe;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * CSAT with the real broker and PostgreSQL: a resolution asks the customer in the in-app inbox; the ticket's customer
 * answers once per resolution (a second answer is a 409 problem, a new resolution may be rated again); another
 * customer gets a 404; each answer is published once as csat.submitted on notification-events.
 */
@QuarkusTest
@QuarkusTestResource(
        value = TestInfrastructure.class,
        initArgs = @ResourceArg(name = "service", value = "notification"))
class SatisfactionTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void shouldTakeOneAnswerPerResolutionFromTheTicketsCustomerOnly() {
        UUID ticket = UUID.randomUUID();
        String customerId = "c-" + ticket.toString().substring(0, 8);
        String email = customerId + "@example.com";
        String token = TestTokens.customer(customerId, email);
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(2));
        TopicProbe.publish(EventEnvelope.of("test", created(ticket, customerId, email, t0), t0));

        // not resolved yet: nothing to rate
        await().atMost(WAIT)
                .untilAsserted(() -> rate(ticket, token, 5)
                        .statusCode(409)
                        .contentType("application/problem+json")
                        .body("type", equalTo("https://ticketsuite.io/problems/not-resolved")));

        TopicProbe.publish(EventEnvelope.of("test", resolved(ticket, t0.plusSeconds(3600)), t0));
        // the customer is asked in the in-app inbox
        await().atMost(WAIT)
                .untilAsserted(() -> given().auth()
                        .oauth2(token)
                        .get("/api/v1/notifications")
                        .then()
                        .statusCode(200)
                        .body("items.kind", hasItem("csat-request")));

        // another customer: no such ticket of theirs
        rate(ticket, TestTokens.customer2(), 4).statusCode(404).contentType("application/problem+json");
        // staff cannot answer for the customer
        given().auth()
                .oauth2(TestTokens.agent())
                .contentType(ContentType.JSON)
                .body("{\"score\": 5}")
                .post("/api/v1/tickets/" + ticket + "/satisfaction")
                .then()
                .statusCode(403);
        // invalid scores name the field
        for (String body : List.of("{}", "{\"score\": 0}", "{\"score\": 6}")) {
            given().auth()
                    .oauth2(token)
                    .contentType(ContentType.JSON)
                    .body(body)
                    .post("/api/v1/tickets/" + ticket + "/satisfaction")
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors.field", hasItem("score"));
        }

        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body("{\"score\": 4, \"comment\": \"Quick, \\\"thanks\\\", ü\"}")
                .post("/api/v1/tickets/" + ticket + "/satisfaction")
                .then()
                .statusCode(201)
                .body("score", equalTo(4))
                .body("ticket_id", equalTo(ticket.toString()));
        // the same resolution again: 409
        rate(ticket, token, 5)
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://ticketsuite.io/problems/csat-already-answered"));

        // reopened and resolved again: a new resolution may be rated
        TopicProbe.publish(EventEnvelope.of("test", resolved(ticket, t0.plusSeconds(7000)), t0));
        await().atMost(WAIT).untilAsserted(() -> rate(ticket, token, 2).statusCode(201));
        rate(ticket, token, 1).statusCode(409);

        try (TopicProbe probe = TopicProbe.from(Topics.NOTIFICATION_EVENTS)) {
            List<ConsumerRecord<String, String>> answers = probe.await(
                    r -> ticket.toString().equals(r.key())
                            && "csat.submitted".equals(TopicProbe.header(r, CloudEventHeaders.TYPE)),
                    2,
                    WAIT);
            answers = probe.drain(
                    r -> ticket.toString().equals(r.key())
                            && "csat.submitted".equals(TopicProbe.header(r, CloudEventHeaders.TYPE)),
                    Duration.ofSeconds(2));
            assertThat(answers).hasSize(2);
            List<Integer> scores = answers.stream()
                    .map(r -> ((CsatSubmitted) EventCodec.decode(TopicProbe.headers(r), r.value())
                                    .data())
                            .score())
                    .toList();
            assertThat(scores).containsExactly(4, 2);
            CsatSubmitted first = (CsatSubmitted) EventCodec.decode(
                            TopicProbe.headers(answers.get(0)), answers.get(0).value())
                    .data();
            assertThat(first.comment()).isEqualTo("Quick, \"thanks\", ü");
        }
    }

    private static io.restassured.response.ValidatableResponse rate(UUID ticket, String token, int score) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body("{\"score\": " + score + "}")
                .post("/api/v1/tickets/" + ticket + "/satisfaction")
                .then();
    }

    private static TicketCreated created(UUID id, String customerId, String email, Instant at) {
        return new TicketCreated(
                id,
                TicketType.SUPPORT,
                Channel.WEB,
                "Printer on fire",
                null,
                new Customer(customerId, email, CustomerTier.STARTER, "en"),
                List.of(),
                null,
                TicketStatus.NEW,
                at);
    }

    private static TicketStatusChanged resolved(UUID id, Instant at) {
        return new TicketStatusChanged(
                id, TicketType.SUPPORT, TicketStatus.IN_PROGRESS, TicketStatus.RESOLVED, null, "agent-1", at);
    }
}
