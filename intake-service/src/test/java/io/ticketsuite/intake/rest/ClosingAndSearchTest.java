package io.ticketsuite.intake.rest;

import static io.ticketsuite.intake.Api.as;
import static io.ticketsuite.intake.Api.asAgent;
import static io.ticketsuite.intake.Api.asChannel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.smallrye.mutiny.Uni;
import io.ticketsuite.events.TicketCreated;
import io.ticketsuite.events.TicketStatusChanged;
import io.ticketsuite.events.Topics;
import io.ticketsuite.intake.TestClock;
import io.ticketsuite.intake.service.AutoCloseSweeper;
import io.ticketsuite.testkit.TestTokens;
import io.ticketsuite.testkit.TopicProbe;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Closing a ticket (issue 18): the verification window and the auto-close sweep (exactly once, two sweepers at a
 * time, with a test clock), the customer's confirmation and reply, reopening within the reopen window and a linked
 * follow-up after it; and full-text search.
 */
@QuarkusTest
class ClosingAndSearchTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String RESOLUTION =
            "\"resolution\": {\"category\": \"workaround\", \"summary\": \"restart the router\"}";

    @Inject
    TestClock clock;

    @Inject
    AutoCloseSweeper sweeper;

    private TopicProbe ticketEvents;

    @BeforeEach
    void subscribe() {
        ticketEvents = TopicProbe.from(Topics.TICKET_EVENTS);
    }

    @AfterEach
    void reset() {
        ticketEvents.close();
        clock.reset();
    }

    /** A customer of this test alone. */
    record Customer(String id, String token) {
        static Customer fresh() {
            String id = "c-" + UUID.randomUUID();
            return new Customer(id, TestTokens.customer(id, id + "@example.com"));
        }
    }

    @Test
    void shouldAutoCloseResolvedTicketsAfterTheWindowExactlyOnceWithTwoSweepers() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(resolved(Customer.fresh(), "SUPPORT"));
        }
        String question = resolved(Customer.fresh(), "QUESTION");
        ids.add(question);

        // within the verification window nothing closes
        clock.advance(Duration.ofHours(71));
        sweepConcurrently();
        ids.forEach(id -> asAgent().get("/api/v1/tickets/" + id).then().body("status", equalTo("RESOLVED")));

        clock.advance(Duration.ofHours(2));
        long due = asAgent()
                .get("/api/v1/tickets?status=RESOLVED&size=1")
                .then()
                .extract()
                .jsonPath()
                .getLong("total");
        int closed = 0;
        int round;
        do {
            round = sweepConcurrently();
            closed += round;
        } while (round > 0);

        // every due ticket closed once: the two sweepers never closed the same one
        assertThat(closed).isEqualTo(due);
        asAgent().get("/api/v1/tickets?status=RESOLVED").then().body("total", equalTo(0));
        for (String id : ids) {
            asAgent()
                    .get("/api/v1/tickets/" + id)
                    .then()
                    .body("status", equalTo("CLOSED"))
                    .body("closed_at", not(equalTo(null)));
            List<ConsumerRecord<String, String>> closes = ticketEvents.drain(
                    r -> id.equals(r.key()) && r.value().contains("\"to\":\"CLOSED\""), Duration.ofSeconds(2));
            assertThat(closes)
                    .as("one ticket.status-changed to CLOSED for " + id)
                    .hasSize(1);
            TicketStatusChanged change = (TicketStatusChanged) TicketTypesTest.decode(closes.get(0));
            assertThat(change.from()).hasToString("RESOLVED");
            assertThat(change.changedBy()).isEqualTo("intake-service");
            assertThat(change.reason()).contains("verification window of 72 h");
        }
    }

    @Test
    void shouldCloseAtOnceOnTheCustomersConfirmationAndReopenOnTheirReply() {
        Customer ann = Customer.fresh();
        String confirmed = resolved(ann, "SUPPORT");
        as(ann.token())
                .contentType(ContentType.JSON)
                .body("{\"status\": \"CLOSED\", \"reason\": \"works now\"}")
                .post("/api/v1/tickets/" + confirmed + "/status")
                .then()
                .statusCode(200)
                .body("status", equalTo("CLOSED"));

        String replied = resolved(ann, "SUPPORT");
        // a staff comment does not reopen
        comment(asAgent(), replied, "public").statusCode(201);
        asAgent().get("/api/v1/tickets/" + replied).then().body("status", equalTo("RESOLVED"));
        comment(as(ann.token()), replied, "public").statusCode(201).body("ticket_id", equalTo(replied));
        asAgent().get("/api/v1/tickets/" + replied).then().body("status", equalTo("REOPENED"));
        ticketEvents.await(r -> replied.equals(r.key()) && TicketTypesTest.isType(r, "ticket.reopened"), 1, WAIT);

        // the reopened ticket is no longer due for auto-close
        clock.advance(Duration.ofHours(80));
        sweepConcurrently();
        asAgent().get("/api/v1/tickets/" + replied).then().body("status", equalTo("REOPENED"));
    }

    @Test
    void shouldReopenAClosedTicketOnACustomerCommentWithinTheReopenWindow() {
        Customer ann = Customer.fresh();
        String id = resolved(ann, "SUPPORT");
        clock.advance(Duration.ofHours(73));
        sweepConcurrently();
        asAgent().get("/api/v1/tickets/" + id).then().body("status", equalTo("CLOSED"));

        comment(as(ann.token()), id, "public").statusCode(201).body("ticket_id", equalTo(id));
        asAgent()
                .get("/api/v1/tickets/" + id)
                .then()
                .body("status", equalTo("REOPENED"))
                .body("follow_ups", empty());
        ticketEvents.await(r -> id.equals(r.key()) && TicketTypesTest.isType(r, "ticket.reopened"), 1, WAIT);
    }

    @Test
    void shouldOpenALinkedFollowUpOnACustomerCommentAfterTheReopenWindow() {
        Customer ann = Customer.fresh();
        String old = resolved(ann, "SUPPORT");
        clock.advance(Duration.ofDays(15));
        sweepConcurrently();

        String followUp = comment(as(ann.token()), old, "public")
                .statusCode(201)
                .extract()
                .path("ticket_id");
        assertThat(followUp).isNotEqualTo(old);

        // the link both ways, and the old ticket stays closed
        as(ann.token())
                .get("/api/v1/tickets/" + followUp)
                .then()
                .statusCode(200)
                .body("follows_up", equalTo(old))
                .body("status", equalTo("NEW"))
                .body("customer.id", equalTo(ann.id()))
                .body("subject", equalTo("Follow-up: My internet drops every evening"))
                .body("description", equalTo("hello again"));
        as(ann.token())
                .get("/api/v1/tickets/" + old)
                .then()
                .body("status", equalTo("CLOSED"))
                .body("follow_ups", contains(followUp));
        asAgent().get("/api/v1/tickets/" + followUp + "/comments").then().body("body", contains("hello again"));

        TicketCreated created = (TicketCreated) TicketTypesTest.decode(ticketEvents
                .await(r -> followUp.equals(r.key()) && TicketTypesTest.isType(r, "ticket.created"), 1, WAIT)
                .get(0));
        assertThat(created.followsUp()).hasToString(old);

        // an explicit reopen after the window opens a follow-up too (201 + Location)
        String second = as(ann.token())
                .contentType(ContentType.JSON)
                .body("{\"status\": \"REOPENED\", \"reason\": \"broken again\"}")
                .post("/api/v1/tickets/" + old + "/status")
                .then()
                .statusCode(201)
                .header("Location", org.hamcrest.Matchers.containsString("/api/v1/tickets/"))
                .body("follows_up", equalTo(old))
                .body("description", equalTo("broken again"))
                .extract()
                .path("id");
        asAgent().get("/api/v1/tickets/" + old).then().body("follow_ups", contains(followUp, second));
    }

    @Test
    void shouldFindTicketsByWordsOfSubjectAndDescriptionMostRelevantFirst() {
        Customer ann = Customer.fresh();
        String both = createFor(ann, "Printer offline", "The office printer shows offline since the update");
        String subject = createFor(ann, "Printers jammed on floor 3", "Paper everywhere");
        String description = createFor(ann, "Cannot print invoices", "Might be the printer driver");
        String unrelated = createFor(ann, "Password reset", "The reset mail never arrives");

        asAgent()
                .queryParam("q", "printer")
                .queryParam("customer", ann.id())
                .get("/api/v1/tickets")
                .then()
                .statusCode(200)
                .body("total", equalTo(3))
                .body("items.id", contains(both, subject, description));
        // stemming: "arrive" finds "arrives"; a phrase; exclusion
        search(ann, "arrive").body("items.id", contains(unrelated));
        search(ann, "\"printer driver\"").body("items.id", contains(description));
        search(ann, "printer -offline").body("items.id", contains(subject, description));
        // combined with the other filters and paged
        asAgent()
                .contentType(ContentType.JSON)
                .body("{\"status\": \"ASSIGNED\"}")
                .post("/api/v1/tickets/" + subject + "/status")
                .then()
                .statusCode(200);
        asAgent()
                .queryParam("q", "printer")
                .queryParam("customer", ann.id())
                .queryParam("status", "NEW")
                .get("/api/v1/tickets")
                .then()
                .body("items.id", contains(both, description));
        asAgent()
                .queryParam("q", "printer")
                .queryParam("customer", ann.id())
                .queryParam("page", 1)
                .queryParam("size", 1)
                .get("/api/v1/tickets")
                .then()
                .body("total", equalTo(3))
                .body("items.id", contains(subject));
        // a customer searches their own tickets only
        as(ann.token()).queryParam("q", "printer").get("/api/v1/tickets").then().body("total", equalTo(3));
        as(Customer.fresh().token())
                .queryParam("q", "printer")
                .get("/api/v1/tickets")
                .then()
                .body("total", equalTo(0));
        // nothing to find, or only stop words: an empty page, never an error
        search(ann, "zebra").body("total", equalTo(0));
        search(ann, "the").body("total", equalTo(0));
        search(ann, "!!! & | ( :*").statusCode(200);
    }

    private static ValidatableResponse search(Customer customer, String q) {
        return asAgent()
                .queryParam("q", q)
                .queryParam("customer", customer.id())
                .get("/api/v1/tickets")
                .then()
                .statusCode(200);
    }

    private static String createFor(Customer customer, String subject, String description) {
        return asChannel()
                .contentType(ContentType.JSON)
                .body("""
                        {"subject": "%s", "description": "%s", "type": "SUPPORT", "channel": "email",
                         "customer": {"id": "%s", "tier": "FREE"}}""".formatted(subject, description, customer.id()))
                .post("/api/v1/tickets")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    /** A ticket of {@code customer} moved to RESOLVED by an agent. */
    private static String resolved(Customer customer, String type) {
        String id = asChannel()
                .contentType(ContentType.JSON)
                .body("""
                        {"subject": "My internet drops every evening", "description": "Since Monday",
                         "type": "%s", "channel": "web", "customer": {"id": "%s", "tier": "FREE"}}""".formatted(type, customer.id()))
                .post("/api/v1/tickets")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String first = type.equals("QUESTION") ? "ACCEPTED" : "ASSIGNED";
        asAgent()
                .contentType(ContentType.JSON)
                .body("{\"status\": \"" + first + "\"}")
                .post("/api/v1/tickets/" + id + "/status")
                .then()
                .statusCode(200);
        asAgent()
                .contentType(ContentType.JSON)
                .body("{\"status\": \"RESOLVED\", " + RESOLUTION + "}")
                .post("/api/v1/tickets/" + id + "/status")
                .then()
                .statusCode(200);
        return id;
    }

    private static ValidatableResponse comment(
            io.restassured.specification.RequestSpecification request, String id, String visibility) {
        return request.contentType(ContentType.JSON)
                .body("{\"body\": \"hello again\", \"visibility\": \"" + visibility + "\"}")
                .post("/api/v1/tickets/" + id + "/comments")
                .then();
    }

    /** Two sweeps at the same time (two replicas); how many tickets they closed together. */
    private int sweepConcurrently() {
        return Uni.combine()
                .all()
                .unis(sweeper.sweep(), sweeper.sweep())
                .with((a, b) -> a + b)
                .await()
                .atMost(Duration.ofSeconds(30));
    }
}
