package io.ticketsuite.intake.rest;

import static io.restassured.RestAssured.given;
import static io.ticketsuite.intake.Api.asAgent;
import static io.ticketsuite.intake.Api.asChannel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.ticketsuite.events.CloudEventHeaders;
import io.ticketsuite.events.EventCodec;
import io.ticketsuite.events.TicketCommentAdded;
import io.ticketsuite.events.TicketCreated;
import io.ticketsuite.events.Topics;
import io.ticketsuite.testkit.TopicProbe;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** POST /api/v1/channels/email on the real broker and PostgreSQL: tickets, threading, duplicates, auto-replies. */
@QuarkusTest
class EmailChannelTest {
    private static final String PROBLEM = "application/problem+json";
    private static final Duration WAIT = Duration.ofSeconds(20);

    static ValidatableResponse post(String message) {
        return asChannel()
                .contentType("message/rfc822")
                .body(message.replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1))
                .post("/api/v1/channels/email")
                .then();
    }

    static String address() {
        return "mail-" + UUID.randomUUID() + "@example.com";
    }

    static String newMessage(String from, String messageId, String subjectHeader) {
        return """
                From: Ann Example <%s>
                To: support@ticketsuite.local
                Subject: %s
                Message-ID: %s
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="m"

                --m
                Content-Type: text/plain; charset=ISO-8859-1
                Content-Transfer-Encoding: quoted-printable

                Die Zahlung f=FCr M=E4rz ist doppelt abgebucht.
                --m
                Content-Type: application/pdf
                Content-Disposition: attachment; filename="invoice.pdf"
                Content-Transfer-Encoding: base64

                JVBERi0xLjQgZmFrZSBwZGYgY29udGVudCBoZXJl
                --m--
                """.formatted(from, subjectHeader, messageId);
    }

    static String reply(String from, String headers, String subject) {
        return """
                From: %s
                Subject: %s
                Message-ID: <reply-%s@example.com>
                %s
                Content-Type: text/plain; charset=UTF-8

                Still broken, sorry.

                On Mon, 30 Nov 2026 at 10:00, Support <support@ticketsuite.local> wrote:
                > We fixed it.
                """.formatted(from, subject, UUID.randomUUID(), headers);
    }

    @Test
    void shouldOpenAnEmailTicketForANewSenderWithDecodedTextAndAttachments() {
        String from = address();
        String messageId = "<" + UUID.randomUUID() + "@mail.example.com>";
        try (TopicProbe events = TopicProbe.from(Topics.TICKET_EVENTS)) {
            String id = post(newMessage(from, messageId, "=?UTF-8?B?w4RyZ2VyIG1pdCBkZXIgUmVjaG51bmc=?="))
                    .statusCode(201)
                    .header("Location", containsString("/api/v1/tickets/"))
                    .body("outcome", equalTo("CREATED"))
                    .body("ref", matchesPattern("TS-[0-9]+"))
                    .extract()
                    .path("ticket_id");
            asAgent()
                    .get("/api/v1/tickets/" + id)
                    .then()
                    .statusCode(200)
                    .body("channel", equalTo("EMAIL"))
                    .body("subject", equalTo("Ärger mit der Rechnung"))
                    .body("description", equalTo("Die Zahlung für März ist doppelt abgebucht."))
                    .body("customer.email", equalTo(from))
                    .body("customer.id", matchesPattern("email-.+"))
                    .body("customer.tier", equalTo("FREE"))
                    .body("external_id", equalTo(messageId))
                    .body("attachments", hasSize(1))
                    .body("attachments[0].name", equalTo("invoice.pdf"))
                    .body("attachments[0].type", equalTo("application/pdf"))
                    .body("attachments[0].size", equalTo(30));
            ConsumerRecord<String, String> record = events.await(
                            r -> id.equals(r.key())
                                    && "ticket.created".equals(TopicProbe.header(r, CloudEventHeaders.TYPE)),
                            1,
                            WAIT)
                    .get(0);
            TicketCreated created = (TicketCreated) EventCodec.decode(TopicProbe.headers(record), record.value())
                    .data();
            assertThat(created.channel().name()).isEqualTo("EMAIL");
            assertThat(created.ref()).startsWith("TS-");
            assertThat(created.customer().email()).isEqualTo(from);
        }
    }

    @Test
    void shouldMakeAKnownSenderTheCustomerOfTheirEarlierTickets() {
        String customer = "c-" + UUID.randomUUID();
        String from = address();
        asChannel()
                .contentType(ContentType.JSON)
                .body(TicketResourceTest.ticket(customer).replace("ann@example.com", from.toUpperCase()))
                .post("/api/v1/tickets")
                .then()
                .statusCode(201);
        String id = post(newMessage(from, "<" + UUID.randomUUID() + "@x>", "second problem"))
                .statusCode(201)
                .extract()
                .path("ticket_id");
        asAgent()
                .get("/api/v1/tickets/" + id)
                .then()
                .body("customer.id", equalTo(customer))
                .body("customer.tier", equalTo("ENTERPRISE"));
    }

    @Test
    void shouldTakeTheSameMessageIdOnceEvenWhenSentTwiceAtOnce() throws Exception {
        String from = address();
        String message = newMessage(from, "<dup-" + UUID.randomUUID() + "@example.com>", "twice");
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                answers.add(pool.submit(() -> post(message).extract().statusCode()));
            }
            List<Integer> statuses = new java.util.ArrayList<>();
            for (var answer : answers) {
                statuses.add(answer.get());
            }
            assertThat(statuses).containsOnly(201, 200).containsOnlyOnce(201);
        } finally {
            pool.shutdown();
        }
        String ticket = post(message)
                .statusCode(200)
                .body("outcome", equalTo("DUPLICATE"))
                .extract()
                .path("ticket_id");
        asAgent()
                .get("/api/v1/tickets?customer=" + EmailTestIds.customerOf(from))
                .then()
                .body("total", equalTo(1))
                .body("items.id", contains(ticket));
    }

    @Test
    void shouldThreadAReplyNamingTheSuitesMessageIdAsAPublicCustomerComment() {
        String from = address();
        String ticket = post(newMessage(from, "<" + UUID.randomUUID() + "@x>", "printer on fire"))
                .statusCode(201)
                .extract()
                .path("ticket_id");
        String inReplyTo = "In-Reply-To: <" + UUID.randomUUID() + "." + ticket + "@ticketsuite.local>";
        try (TopicProbe events = TopicProbe.from(Topics.TICKET_EVENTS)) {
            post(reply(from.toUpperCase(), inReplyTo, "Re: printer on fire"))
                    .statusCode(200)
                    .body("outcome", equalTo("THREADED"))
                    .body("ticket_id", equalTo(ticket))
                    .body("comment_id", not(nullValue()));
            asAgent()
                    .get("/api/v1/tickets/" + ticket + "/comments")
                    .then()
                    .body("body", contains("Still broken, sorry."))
                    .body("visibility", contains("PUBLIC"))
                    .body("author.role", contains("CUSTOMER"));
            ConsumerRecord<String, String> record = events.await(
                            r -> ticket.equals(r.key())
                                    && "ticket.comment-added".equals(TopicProbe.header(r, CloudEventHeaders.TYPE)),
                            1,
                            WAIT)
                    .get(0);
            TicketCommentAdded added =
                    (TicketCommentAdded) EventCodec.decode(TopicProbe.headers(record), record.value())
                            .data();
            assertThat(added.body()).isEqualTo("Still broken, sorry.");
        }
        asAgent()
                .get("/api/v1/tickets?customer=" + EmailTestIds.customerOf(from))
                .then()
                .body("total", equalTo(1));
    }

    @Test
    void shouldThreadAReplyByTheRefInItsSubjectAndReopenAResolvedTicket() {
        String from = address();
        var created = post(newMessage(from, "<" + UUID.randomUUID() + "@x>", "login broken"))
                .statusCode(201)
                .extract();
        String ticket = created.path("ticket_id");
        String ref = created.path("ref");
        asAgent()
                .contentType(ContentType.JSON)
                .body("{\"status\": \"ASSIGNED\"}")
                .post("/api/v1/tickets/" + ticket + "/status")
                .then()
                .statusCode(200);
        asAgent()
                .contentType(ContentType.JSON)
                .body("{\"status\": \"RESOLVED\", \"resolution\": {\"category\": \"fixed\", \"summary\": \"reset\"}}")
                .post("/api/v1/tickets/" + ticket + "/status")
                .then()
                .statusCode(200);

        post(reply(from, "", "Re: [" + ref + "] login broken"))
                .statusCode(200)
                .body("outcome", equalTo("THREADED"))
                .body("ticket_id", equalTo(ticket));
        asAgent().get("/api/v1/tickets/" + ticket).then().body("status", equalTo("REOPENED"));

        // someone else quoting the ref opens a ticket of their own
        post(reply(address(), "", "Re: [" + ref + "] login broken"))
                .statusCode(201)
                .body("outcome", equalTo("CREATED"))
                .body("ticket_id", not(equalTo(ticket)));
    }

    @Test
    void shouldMakeNothingOfAnAutoReply() {
        String from = address();
        post("""
                        From: %s
                        Subject: Out of office
                        Message-ID: <ooo-%s@example.com>
                        Auto-Submitted: auto-replied

                        I am away until Monday.
                        """.formatted(from, UUID.randomUUID()))
                .statusCode(202)
                .body("outcome", equalTo("AUTO_REPLY"))
                .body("ticket_id", nullValue());
        asAgent()
                .get("/api/v1/tickets?customer=" + EmailTestIds.customerOf(from))
                .then()
                .body("total", equalTo(0));
    }

    @Test
    void shouldRefuseGarbageEmptyBodiesAndOtherMediaTypesAsProblems() {
        post("this is not an email at all")
                .statusCode(422)
                .contentType(PROBLEM)
                .body("type", endsWith("/unparseable-email"))
                .body("detail", containsString("From"));
        asChannel()
                .contentType("message/rfc822")
                .body(new byte[0])
                .post("/api/v1/channels/email")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("errors.field", contains("body"));
        asChannel()
                .contentType(ContentType.JSON)
                .body("{\"subject\": \"x\"}")
                .post("/api/v1/channels/email")
                .then()
                .statusCode(415)
                .contentType(PROBLEM);
        given().contentType("message/rfc822")
                .body("From: a@b.c\r\n\r\nx".getBytes(StandardCharsets.US_ASCII))
                .post("/api/v1/channels/email")
                .then()
                .statusCode(401);
        asAgent()
                .contentType("message/rfc822")
                .body("From: a@b.c\r\n\r\nx".getBytes(StandardCharsets.US_ASCII))
                .post("/api/v1/channels/email")
                .then()
                .statusCode(403)
                .contentType(PROBLEM);
    }

    @Test
    void shouldCountEveryOutcome() {
        post(newMessage(address(), "<" + UUID.randomUUID() + "@x>", "counted")).statusCode(201);
        post("garbage").statusCode(422);
        String metrics = given().get("/q/metrics").asString();
        assertThat(metrics)
                .contains("ts_email_intake_total{outcome=\"created\"")
                .contains("ts_email_intake_total{outcome=\"rejected\"")
                .contains("ts_email_intake_total{outcome=\"duplicate\"");
    }
}
