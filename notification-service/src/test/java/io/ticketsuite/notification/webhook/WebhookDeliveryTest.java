package io.ticketsuite.notification.webhook;

import static io.restassured.RestAssured.given;
import static io.ticketsuite.notification.TestEvents.created;
import static io.ticketsuite.notification.TestEvents.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.core.type.TypeReference;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.ticketsuite.events.EventCodec;
import io.ticketsuite.events.EventEnvelope;
import io.ticketsuite.events.IssueRecurringDetected;
import io.ticketsuite.events.Priority;
import io.ticketsuite.events.SlaBreached;
import io.ticketsuite.events.SlaClock;
import io.ticketsuite.events.TicketEscalationRequested;
import io.ticketsuite.events.TicketReopened;
import io.ticketsuite.events.TicketStatus;
import io.ticketsuite.events.TicketStatusChanged;
import io.ticketsuite.events.TicketTriaged;
import io.ticketsuite.events.TicketType;
import io.ticketsuite.testkit.TestInfrastructure;
import io.ticketsuite.testkit.TestTokens;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Webhooks and chat notices with the real broker and PostgreSQL and a local HTTP receiver: a subscribed event arrives
 * as a signed CloudEvent (checked with an independent verifier), other types do not; a failing receiver gets the same
 * delivery again until it answers, and a ticket's later event waits for it; a receiver that keeps failing disables
 * the subscription; the secret is shown once; P1 tickets and breaches reach the chat once per event.
 */
@QuarkusTest
@QuarkusTestResource(
        value = TestInfrastructure.class,
        initArgs = @ResourceArg(name = "service", value = "notification"),
        restrictToAnnotatedClass = true)
@QuarkusTestResource(value = WebhookReceiver.class, restrictToAnnotatedClass = true)
class WebhookDeliveryTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private record Subscription(String id, String secret) {}

    private static Subscription subscribe(String path, List<String> types) {
        JsonPath created = given().auth()
                .oauth2(TestTokens.admin())
                .contentType(ContentType.JSON)
                .body(Map.of("url", WebhookReceiver.url(path), "event_types", types, "description", "test " + path))
                .post("/api/v1/webhooks")
                .then()
                .statusCode(201)
                .body("secret", startsWith("whsec_"))
                .body("state", equalTo("ACTIVE"))
                .body("created_by", equalTo("admin-1"))
                .extract()
                .jsonPath();
        return new Subscription(created.getString("id"), created.getString("secret"));
    }

    private static JsonPath deliveries(String subscription) {
        return given().auth()
                .oauth2(TestTokens.admin())
                .queryParam("size", 200)
                .get("/api/v1/webhooks/" + subscription + "/deliveries")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static JsonPath webhook(String id) {
        return given().auth()
                .oauth2(TestTokens.admin())
                .get("/api/v1/webhooks/" + id)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static void assertSigned(WebhookReceiver.Received r, String secret) {
        assertThat(r.header("content-type")).startsWith("application/cloudevents+json");
        assertThat(StandardWebhooksVerifier.verify(
                        secret,
                        r.header("webhook-id"),
                        r.header("webhook-timestamp"),
                        r.header("webhook-signature"),
                        r.body()))
                .as("signature of %s", r.body())
                .isTrue();
        assertThat(StandardWebhooksVerifier.verify(
                        WebhookSignature.newSecret(),
                        r.header("webhook-id"),
                        r.header("webhook-timestamp"),
                        r.header("webhook-signature"),
                        r.body()))
                .isFalse();
    }

    @Test
    void shouldPostSignedCloudEventsOfTheSubscribedTypesOnlyAndShowTheSecretOnce() throws Exception {
        String path = "/hooks/" + UUID.randomUUID();
        Subscription sub = subscribe(path, List.of("ticket.created", "TICKET_ESCALATION_REQUESTED"));
        assertThat(Base64.getDecoder().decode(sub.secret().substring(6))).hasSizeGreaterThanOrEqualTo(24);
        UUID ticket = UUID.randomUUID();
        EventEnvelope<?> first = publish(created(ticket, TicketType.SUPPORT, "a@example.com", "Webhook subject"));
        publish(new TicketStatusChanged(
                ticket,
                TicketType.SUPPORT,
                TicketStatus.NEW,
                TicketStatus.TRIAGED,
                null,
                "triage-service",
                Instant.now()));
        EventEnvelope<?> third =
                publish(new TicketEscalationRequested(ticket, "angry customer", "agent-1", Instant.now()));

        await().atMost(WAIT)
                .until(() -> WebhookReceiver.received(path, ticket.toString()).size() >= 2);
        Thread.sleep(1000); // nothing else comes: the status change (published in between, same partition) is filtered
        List<WebhookReceiver.Received> got = WebhookReceiver.received(path, ticket.toString());
        assertThat(got).hasSize(2);
        got.forEach(r -> assertSigned(r, sub.secret()));

        Map<String, Object> doc = json(got.get(0).body());
        assertThat(doc)
                .containsEntry("specversion", "1.0")
                .containsEntry("id", first.id().toString())
                .containsEntry("type", "ticket.created")
                .containsEntry("source", "test")
                .containsEntry("subject", ticket.toString())
                .containsEntry("time", first.time().toString())
                .containsEntry("datacontenttype", "application/json");
        assertThat(json(EventCodec.mapper().writeValueAsString(doc.get("data"))))
                .containsEntry("ticket_id", ticket.toString())
                .containsEntry("subject", "Webhook subject");
        Map<String, Object> second = json(got.get(1).body());
        assertThat(second)
                .containsEntry("type", "ticket.escalation-requested")
                .containsEntry("id", third.id().toString());

        // the delivery log: one delivery per event, its id the webhook-id header
        await().atMost(WAIT).untilAsserted(() -> {
            JsonPath log = deliveries(sub.id());
            List<Map<String, Object>> items = log.getList("items");
            assertThat(items).hasSize(2);
            assertThat(items)
                    .allSatisfy(d -> assertThat(d)
                            .containsEntry("status", "DELIVERED")
                            .containsEntry("attempts", 1)
                            .containsEntry("last_status_code", 200)
                            .hasEntrySatisfying(
                                    "delivered_at", at -> assertThat(at).isNotNull()));
            // newest first
            assertThat(log.getList("items.event_type"))
                    .containsExactly("ticket.escalation-requested", "ticket.created");
            assertThat(log.getList("items.id"))
                    .containsExactly(got.get(1).header("webhook-id"), got.get(0).header("webhook-id"));
        });

        // the secret is never shown again
        given().auth()
                .oauth2(TestTokens.admin())
                .get("/api/v1/webhooks/" + sub.id())
                .then()
                .statusCode(200)
                .body("$", not(hasKey("secret")))
                .body("event_types", equalTo(List.of("ticket.created", "ticket.escalation-requested")));
        given().auth()
                .oauth2(TestTokens.admin())
                .queryParam("size", 200)
                .get("/api/v1/webhooks")
                .then()
                .statusCode(200)
                .body("items.id", hasItem(sub.id()))
                .body("items.find { it.id == '" + sub.id() + "' }", not(hasKey("secret")));
    }

    @Test
    void shouldRetryAFailingReceiverWithTheSameIdAndKeepEachTicketsOrder() {
        String path = "/hooks/" + UUID.randomUUID();
        Subscription sub = subscribe(path, List.of("*"));
        UUID ticket = UUID.randomUUID();
        WebhookReceiver.fail(path, ticket.toString(), 2, 500);
        EventEnvelope<?> first = publish(created(ticket, TicketType.SUPPORT, "b@example.com", "Retry me"));
        EventEnvelope<?> second = publish(new TicketStatusChanged(
                ticket,
                TicketType.SUPPORT,
                TicketStatus.NEW,
                TicketStatus.TRIAGED,
                null,
                "triage-service",
                Instant.now()));

        await().atMost(WAIT)
                .until(() -> WebhookReceiver.received(path, ticket.toString()).stream()
                                .filter(r -> r.answered() == 200)
                                .count()
                        >= 2);
        List<WebhookReceiver.Received> got = WebhookReceiver.received(path, ticket.toString());
        assertThat(got).extracting(WebhookReceiver.Received::answered).containsExactly(500, 500, 200, 200);
        assertThat(got.subList(0, 3))
                .allSatisfy(r -> assertThat(r.body()).contains(first.id().toString()))
                .extracting(r -> r.header("webhook-id"))
                .containsOnly(got.get(0).header("webhook-id"));
        assertThat(got.get(3).body()).contains(second.id().toString());
        assertThat(got.get(3).header("webhook-id")).isNotEqualTo(got.get(0).header("webhook-id"));
        got.forEach(r -> assertSigned(r, sub.secret()));
        // backed off between attempts
        assertThat(Duration.between(got.get(0).at(), got.get(1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(150));

        await().atMost(WAIT).untilAsserted(() -> {
            List<Map<String, Object>> mine = deliveries(sub.id()).<Map<String, Object>>getList("items").stream()
                    .filter(d -> ticket.toString().equals(d.get("ticket_id")))
                    .toList();
            assertThat(mine).hasSize(2);
            assertThat(mine.get(1))
                    .containsEntry("event_id", first.id().toString())
                    .containsEntry("status", "DELIVERED")
                    .containsEntry("attempts", 3)
                    .containsEntry("last_status_code", 200);
            assertThat(mine.get(0))
                    .containsEntry("event_id", second.id().toString())
                    .containsEntry("attempts", 1);
        });
        assertThat(webhook(sub.id()).getString("state")).isEqualTo("ACTIVE");

        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics)
                .containsPattern("ts_webhook_deliveries_total\\{[^}]*outcome=\"retrying\"[^}]*target=\"webhook\"")
                .containsPattern("ts_webhook_deliveries_total\\{[^}]*outcome=\"delivered\"[^}]*target=\"webhook\"")
                .contains("ts_webhook_queue");
    }

    @Test
    void shouldDisableASubscriptionWhoseReceiverKeepsFailingAndResumeWhenEnabled() {
        String path = "/hooks/" + UUID.randomUUID();
        Subscription sub = subscribe(path, List.of("ticket.reopened"));
        UUID one = UUID.randomUUID();
        UUID two = UUID.randomUUID();
        WebhookReceiver.fail(path, one.toString(), 1000, 500);
        WebhookReceiver.fail(path, two.toString(), 1000, 503);
        publish(new TicketReopened(one, "still broken", Instant.now()));
        publish(new TicketReopened(two, "still broken", Instant.now()));

        await().atMost(WAIT).untilAsserted(() -> {
            JsonPath state = webhook(sub.id());
            assertThat(state.getString("state")).isEqualTo("DISABLED");
            assertThat(state.getInt("consecutive_failures")).isEqualTo(2);
            assertThat(state.getString("disabled_at")).isNotNull();
            assertThat(state.getString("disabled_reason")).contains("2 consecutive deliveries failed");
        });
        // each delivery was tried max-attempts (4) times, then given up
        assertThat(WebhookReceiver.received(path, one.toString())).hasSize(4);
        assertThat(WebhookReceiver.received(path, two.toString())).hasSize(4);
        List<Map<String, Object>> log = deliveries(sub.id()).getList("items");
        assertThat(log)
                .hasSize(2)
                .allSatisfy(d -> assertThat(d)
                        .containsEntry("status", "FAILED")
                        .containsEntry("attempts", 4)
                        .containsEntry("delivered_at", null)
                        .containsEntry("next_attempt_at", null));
        assertThat(log).extracting(d -> d.get("last_status_code")).containsExactlyInAnyOrder(500, 503);
        given().auth()
                .oauth2(TestTokens.admin())
                .queryParam("status", "failed")
                .get("/api/v1/webhooks/" + sub.id() + "/deliveries")
                .then()
                .statusCode(200)
                .body("total", equalTo(2));

        // disabled: a new event is not queued for it (a control subscription shows it was processed)
        String control = "/hooks/" + UUID.randomUUID();
        subscribe(control, List.of("ticket.reopened"));
        UUID three = UUID.randomUUID();
        publish(new TicketReopened(three, "again", Instant.now()));
        await().atMost(WAIT)
                .until(() ->
                        !WebhookReceiver.received(control, three.toString()).isEmpty());
        assertThat(deliveries(sub.id()).getInt("total")).isEqualTo(2);

        // enabled again: active, failures forgotten, events flow again
        given().auth()
                .oauth2(TestTokens.admin())
                .post("/api/v1/webhooks/" + sub.id() + "/enable")
                .then()
                .statusCode(200)
                .body("state", equalTo("ACTIVE"))
                .body("consecutive_failures", equalTo(0));
        UUID four = UUID.randomUUID();
        publish(new TicketReopened(four, "once more", Instant.now()));
        await().atMost(WAIT)
                .until(() -> !WebhookReceiver.received(path, four.toString()).isEmpty());
    }

    @Inject
    WebhookSender sender;

    @Test
    void shouldLetConcurrentSweepsClaimEachDueDeliveryOnceAndATicketsNextOnlyAfterItsFirst() throws Exception {
        sender.stop();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            String path = "/hooks/" + UUID.randomUUID();
            Subscription sub = subscribe(path, List.of("issue.recurring-detected"));
            List<UUID> tickets = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                UUID ticket = UUID.randomUUID();
                tickets.add(ticket);
                publish(new IssueRecurringDetected(ticket, "printer fire", List.of(ticket), 3, Instant.now()));
            }
            UUID twice = tickets.get(0);
            publish(new IssueRecurringDetected(twice, "printer fire", List.of(twice), 5, Instant.now()));
            await().atMost(WAIT).until(() -> deliveries(sub.id()).getInt("total") == 31);

            // two sweeps at once, again and again until nothing is due: SKIP LOCKED and the lease give each row to one
            List<WebhookSender.Claimed> claimed = new ArrayList<>();
            while (true) {
                Future<List<WebhookSender.Claimed>> a = pool.submit(() -> sender.claim());
                Future<List<WebhookSender.Claimed>> b = pool.submit(() -> sender.claim());
                List<WebhookSender.Claimed> round = new ArrayList<>(a.get());
                round.addAll(b.get());
                if (round.isEmpty()) {
                    break;
                }
                claimed.addAll(round);
            }
            assertThat(claimed).extracting(WebhookSender.Claimed::seq).doesNotHaveDuplicates();
            List<WebhookSender.Claimed> mine = claimed.stream()
                    .filter(c -> sub.id().equals(String.valueOf(c.subscriptionId())))
                    .toList();
            // one per ticket: the second event of the first ticket waits while its first is open
            assertThat(mine).hasSize(30);
            assertThat(mine).allSatisfy(c -> assertThat(c.attempts()).isEqualTo(1));
            assertThat(mine.stream().filter(c -> c.payload().contains(twice.toString())))
                    .singleElement()
                    .satisfies(c -> assertThat(c.payload()).contains("\"count\":3"));
        } finally {
            pool.shutdownNow();
            sender.start();
        }
    }

    @Test
    void shouldTellTheChatOfP1TicketsAndBreachesOncePerEvent() throws Exception {
        UUID p1 = UUID.randomUUID();
        publish(new TicketTriaged(p1, "security", Priority.P1, 0.95, Map.of(), "1", Instant.now()));
        await().atMost(WAIT)
                .until(() -> !WebhookReceiver.received("/chat", p1.toString()).isEmpty());
        WebhookReceiver.Received notice =
                WebhookReceiver.received("/chat", p1.toString()).get(0);
        assertThat(notice.header("content-type")).startsWith("application/json");
        Map<String, Object> body = json(notice.body());
        assertThat(body.keySet()).containsExactly("text");
        assertThat((String) body.get("text")).contains("P1", p1.toString(), "security");

        // a P3 triage makes no notice: a later P1 reclassification of the same ticket (same partition) does
        UUID p3 = UUID.randomUUID();
        publish(new TicketTriaged(p3, "billing", Priority.P3, 0.8, Map.of(), "1", Instant.now()));
        TicketTriaged late = new TicketTriaged(p3, "billing", Priority.P1, 0.8, Map.of(), "1", Instant.now());
        publish(EventEnvelope.of("test", late, Instant.now()), p3.toString());
        await().atMost(WAIT)
                .until(() -> !WebhookReceiver.received("/chat", p3.toString()).isEmpty());
        Thread.sleep(500);
        assertThat(WebhookReceiver.received("/chat", p3.toString())).hasSize(1);

        // a breach, delivered twice by the broker, is noticed once; the chat's 500 is retried
        UUID breached = UUID.randomUUID();
        WebhookReceiver.fail("/chat", breached.toString(), 1, 500);
        EventEnvelope<SlaBreached> breach = EventEnvelope.of("test", breach(breached), Instant.now());
        publish(breach);
        publish(breach);
        publish(EventEnvelope.of("test", breach(breached), Instant.now()));
        await().atMost(WAIT)
                .until(() -> WebhookReceiver.received("/chat", breached.toString()).stream()
                                .filter(r -> r.answered() == 200)
                                .count()
                        >= 2);
        Thread.sleep(1000);
        List<WebhookReceiver.Received> breaches = WebhookReceiver.received("/chat", breached.toString());
        assertThat(breaches).extracting(WebhookReceiver.Received::answered).containsExactly(500, 200, 200);
        assertThat(breaches.get(0).body()).contains("SLA breached", "P1");
    }

    private static Map<String, Object> json(String text) throws Exception {
        return EventCodec.mapper().readValue(text, new TypeReference<Map<String, Object>>() {});
    }

    private static SlaBreached breach(UUID ticket) {
        return new SlaBreached(
                ticket,
                SlaClock.RESOLUTION,
                100,
                Priority.P1,
                Instant.now(),
                "agent-1",
                "engineering",
                "lead-engineering",
                Instant.now());
    }
}
