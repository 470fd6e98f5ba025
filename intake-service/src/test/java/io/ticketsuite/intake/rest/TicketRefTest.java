package io.ticketsuite.intake.rest;

import static io.ticketsuite.intake.Api.asAgent;
import static io.ticketsuite.intake.Api.asChannel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.ticketsuite.events.CloudEventHeaders;
import io.ticketsuite.events.EventCodec;
import io.ticketsuite.events.TicketCreated;
import io.ticketsuite.events.Topics;
import io.ticketsuite.intake.Api;
import io.ticketsuite.testkit.TestTokens;
import io.ticketsuite.testkit.TopicProbe;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Human ticket references: TS-n from one sequence, on the ticket, searchable, carried on ticket.created. */
@QuarkusTest
class TicketRefTest {

    private static ExtractableResponse<Response> create(String customer, String idempotencyKey) {
        var request = asChannel().contentType(ContentType.JSON).body(TicketResourceTest.ticket(customer));
        if (idempotencyKey != null) {
            request = request.header("Idempotency-Key", idempotencyKey);
        }
        return request.post("/api/v1/tickets").then().statusCode(201).extract();
    }

    private static long number(String ref) {
        return Long.parseLong(ref.substring("TS-".length()));
    }

    @Test
    void shouldGiveEveryTicketAUniqueSequentialRefCarriedOnTicketCreated() {
        String customer = "c-" + UUID.randomUUID();
        try (TopicProbe events = TopicProbe.from(Topics.TICKET_EVENTS)) {
            var first = create(customer, null);
            var second = create(customer, "ref-key-" + UUID.randomUUID());
            String firstRef = first.path("ref");
            String secondRef = second.path("ref");
            assertThat(firstRef).matches("TS-[0-9]+");
            assertThat(number(firstRef)).isGreaterThanOrEqualTo(1000);
            assertThat(number(secondRef)).isGreaterThan(number(firstRef));

            String id = first.path("id");
            ConsumerRecord<String, String> record = events.await(
                            r -> id.equals(r.key())
                                    && "ticket.created".equals(TopicProbe.header(r, CloudEventHeaders.TYPE)),
                            1,
                            Duration.ofSeconds(20))
                    .get(0);
            TicketCreated created = (TicketCreated) EventCodec.decode(TopicProbe.headers(record), record.value())
                    .data();
            assertThat(created.ref()).isEqualTo(firstRef);
            assertThat(created.subject()).isEqualTo("I was charged twice on my invoice");

            asAgent().get("/api/v1/tickets/" + id).then().statusCode(200).body("ref", equalTo(firstRef));
            asAgent()
                    .get("/api/v1/tickets?customer=" + customer)
                    .then()
                    .statusCode(200)
                    .body("items.ref", hasItem(secondRef));
        }
    }

    @Test
    void shouldReplayTheSameRefForAnIdempotentRetryWithoutDrawingANewOne() {
        String customer = "c-" + UUID.randomUUID();
        String key = "ref-replay-" + UUID.randomUUID();
        String ref = create(customer, key).path("ref");
        var replay = create(customer, key);
        assertThat((String) replay.path("ref")).isEqualTo(ref);
    }

    @Test
    void shouldFindATicketByItsRefInAnyCase() {
        String customer = "c-" + UUID.randomUUID();
        String id = create(customer, null).path("id");
        String ref = create(customer, null).path("ref");
        String other = asAgent().get("/api/v1/tickets/" + id).path("ref");
        asAgent()
                .queryParam("ref", ref.toLowerCase())
                .get("/api/v1/tickets")
                .then()
                .statusCode(200)
                .body("total", equalTo(1))
                .body("items.ref", contains(ref));
        asAgent()
                .queryParam("ref", other)
                .queryParam("q", "charged")
                .get("/api/v1/tickets")
                .then()
                .statusCode(200)
                .body("items.id", contains(id));
        // a customer finds their own ticket by ref, never another's
        Api.as(TestTokens.customer("c-someone-" + UUID.randomUUID(), "x@example.com"))
                .queryParam("ref", ref)
                .get("/api/v1/tickets")
                .then()
                .statusCode(200)
                .body("total", equalTo(0));
    }

    @Test
    void shouldRefuseARefThatIsNotOne() {
        asAgent()
                .queryParam("ref", "1042; drop table ticket")
                .get("/api/v1/tickets")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("ref"))
                .body("errors.message", hasItem(matchesPattern(".*TS-1042.*")));
    }
}
