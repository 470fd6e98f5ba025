package io.ticketsuite.intake.messaging;

import static io.ticketsuite.intake.Api.asAgent;
import static io.ticketsuite.intake.Api.asChannel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.restassured.http.ContentType;
import io.smallrye.common.vertx.VertxContext;
import io.ticketsuite.events.AuthorRole;
import io.ticketsuite.events.CloudEventHeaders;
import io.ticketsuite.events.EventCodec;
import io.ticketsuite.events.EventData;
import io.ticketsuite.events.EventEnvelope;
import io.ticketsuite.events.Priority;
import io.ticketsuite.events.TicketAssigned;
import io.ticketsuite.events.TicketCommentAdded;
import io.ticketsuite.events.TicketCreated;
import io.ticketsuite.events.TicketReassigned;
import io.ticketsuite.events.TicketReclassified;
import io.ticketsuite.events.TicketStatusChanged;
import io.ticketsuite.events.TicketTriaged;
import io.ticketsuite.events.TicketUpdated;
import io.ticketsuite.events.Topics;
import io.ticketsuite.testkit.TopicProbe;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What intake announces on ticket-events and how it reflects triage and routing decisions, on a real broker. */
@QuarkusTest
class TicketEventsTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private TopicProbe ticketEvents;

    @Inject
    DecisionConsumer decisions;

    @Inject
    Vertx vertx;

    @Inject
    MeterRegistry registry;

    @BeforeEach
    void subscribe() {
        ticketEvents = TopicProbe.from(Topics.TICKET_EVENTS);
    }

    @AfterEach
    void close() {
        ticketEvents.close();
    }

    @Test
    void shouldAnnounceACreatedTicketKeyedByItsIdWithCloudEventsHeaders() {
        String id = createTicket("support");

        List<ConsumerRecord<String, String>> records =
                ticketEvents.await(r -> id.equals(r.key()) && isType(r, "ticket.created"), 1, WAIT);

        assertThat(records).hasSize(1);
        ConsumerRecord<String, String> record = records.get(0);
        assertThat(TopicProbe.header(record, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(TopicProbe.header(record, CloudEventHeaders.SOURCE)).isEqualTo("intake-service");
        assertThat(TopicProbe.header(record, CloudEventHeaders.SUBJECT)).isEqualTo(id);
        assertThat(TopicProbe.header(record, CloudEventHeaders.CONTENT_TYPE)).isEqualTo("application/json");
        TicketCreated created = (TicketCreated)
                EventCodec.decode(TopicProbe.headers(record), record.value()).data();
        assertThat(created.ticketId()).hasToString(id);
        assertThat(created.subject()).isEqualTo("Cannot log in since this morning");
        assertThat(created.customer().email()).isEqualTo("bo@example.com");
    }

    @Test
    void shouldAnnounceStatusChangesCommentsAndReopening() {
        String id = createTicket("support");
        status(id, "ASSIGNED");
        status(id, "RESOLVED");
        status(id, "REOPENED");
        asAgent()
                .contentType(ContentType.JSON)
                .body("{\"body\": \"hello\", \"visibility\": \"public\"}")
                .post("/api/v1/tickets/" + id + "/comments")
                .then()
                .statusCode(201);

        List<ConsumerRecord<String, String>> records = ticketEvents.await(r -> id.equals(r.key()), 6, WAIT);

        assertThat(records.stream().map(r -> TopicProbe.header(r, CloudEventHeaders.TYPE)))
                .containsExactly(
                        "ticket.created",
                        "ticket.status-changed",
                        "ticket.status-changed",
                        "ticket.status-changed",
                        "ticket.reopened",
                        "ticket.comment-added");
        // who acted is the verified caller: the agent's token subject and role
        TicketStatusChanged reopened = (TicketStatusChanged) decode(records.get(3));
        assertThat(reopened.changedBy()).isEqualTo("agent-account-management-1");
        assertThat(reopened.changedByRole()).isEqualTo("AGENT");
        TicketCommentAdded comment = (TicketCommentAdded) decode(records.get(5));
        assertThat(comment.authorId()).isEqualTo("agent-account-management-1");
        assertThat(comment.authorRole()).isEqualTo(AuthorRole.AGENT);
    }

    @Test
    void shouldReflectTriageAndAssignmentAnnouncingEachChange() {
        String id = createTicket("support");
        UUID ticketId = UUID.fromString(id);
        publish(triaged(ticketId));

        await().atMost(WAIT)
                .untilAsserted(() -> asAgent()
                        .get("/api/v1/tickets/" + id)
                        .then()
                        .body("status", org.hamcrest.Matchers.equalTo("TRIAGED"))
                        .body("category", org.hamcrest.Matchers.equalTo("account"))
                        .body("priority", org.hamcrest.Matchers.equalTo("P2")));

        publish(assigned(ticketId));
        await().atMost(WAIT)
                .untilAsserted(() -> asAgent()
                        .get("/api/v1/tickets/" + id)
                        .then()
                        .body("status", org.hamcrest.Matchers.equalTo("ASSIGNED"))
                        .body("team", org.hamcrest.Matchers.equalTo("account"))
                        .body("assignee", org.hamcrest.Matchers.equalTo("agent-account-1")));

        List<ConsumerRecord<String, String>> records = ticketEvents.await(r -> id.equals(r.key()), 5, WAIT);
        assertThat(records.stream().map(r -> TopicProbe.header(r, CloudEventHeaders.TYPE)))
                .containsExactly(
                        "ticket.created",
                        "ticket.updated",
                        "ticket.status-changed",
                        "ticket.updated",
                        "ticket.status-changed");
        TicketStatusChanged last = (TicketStatusChanged) decode(records.get(4));
        assertThat(last.to()).hasToString("ASSIGNED");
        assertThat(last.from()).hasToString("TRIAGED");
        assertThat(last.changedBy()).isEqualTo("routing-service");
        assertThat(last.changedByRole()).isNull();
    }

    /**
     * Decisions about three tickets interleaved in one batch (as the consumer's channel hands them over): one
     * transaction, each ticket triaged then assigned with the changes announced in its order, each announcement in its
     * own record's trace.
     */
    @Test
    void shouldApplyABatchOfSeveralTicketsDecisionsInOneTransaction() throws Exception {
        List<UUID> ids = new ArrayList<>();
        List<String> traces = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(UUID.fromString(createTicket("support")));
            traces.add(UUID.randomUUID().toString().replace("-", ""));
        }
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            records.add(record(Topics.TRIAGE_EVENTS, records.size(), triaged(ids.get(i)), traces.get(i)));
        }
        for (int i = 0; i < 3; i++) {
            records.add(record(Topics.ROUTING_EVENTS, records.size(), assigned(ids.get(i)), traces.get(i)));
        }
        DistributionSummary batches = registry.get("ts.events.batch.size").summary();
        long transactions = batches.count();
        double applied = batches.totalAmount();
        CompletableFuture<Void> done = new CompletableFuture<>();
        io.vertx.core.Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        Map<TopicPartition, List<ConsumerRecord<String, String>>> byPartition = new LinkedHashMap<>();
        records.forEach(r -> byPartition
                .computeIfAbsent(new TopicPartition(r.topic(), r.partition()), p -> new ArrayList<>())
                .add(r));
        context.runOnContext(ignored -> decisions
                .onDecisions(new ConsumerRecords<>(byPartition, Map.of()))
                .subscribe()
                .with(done::complete, done::completeExceptionally));
        done.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(batches.count() - transactions).as("one transaction").isEqualTo(1);
        assertThat(batches.totalAmount() - applied).isEqualTo(6);

        for (int i = 0; i < 3; i++) {
            String id = ids.get(i).toString();
            asAgent()
                    .get("/api/v1/tickets/" + id)
                    .then()
                    .body("status", org.hamcrest.Matchers.equalTo("ASSIGNED"))
                    .body("category", org.hamcrest.Matchers.equalTo("account"))
                    .body("assignee", org.hamcrest.Matchers.equalTo("agent-account-1"));
            List<ConsumerRecord<String, String>> announced = ticketEvents.await(r -> id.equals(r.key()), 5, WAIT);
            assertThat(announced.stream().map(r -> TopicProbe.header(r, CloudEventHeaders.TYPE)))
                    .containsExactly(
                            "ticket.created",
                            "ticket.updated",
                            "ticket.status-changed",
                            "ticket.updated",
                            "ticket.status-changed");
            String trace = traces.get(i);
            assertThat(announced.subList(1, 5))
                    .as("ticket %d's changes continue its records' trace", i)
                    .allSatisfy(
                            r -> assertThat(TopicProbe.header(r, "traceparent")).startsWith("00-" + trace + "-"));
        }
    }

    private static ConsumerRecord<String, String> record(String topic, long offset, EventData data, String trace) {
        EventEnvelope<EventData> envelope = EventEnvelope.of("test", data, Instant.now());
        ConsumerRecord<String, String> record =
                new ConsumerRecord<>(topic, 0, offset, data.ticketId().toString(), EventCodec.toJson(data));
        EventCodec.headers(envelope).forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
        record.headers().add("traceparent", ("00-" + trace + "-00f067aa0ba902b7-01").getBytes(StandardCharsets.UTF_8));
        return record;
    }

    @Test
    void shouldApplyARedeliveredTriageDecisionOnce() {
        String id = createTicket("support");
        EventEnvelope<TicketTriaged> event =
                EventEnvelope.of("triage-service", triaged(UUID.fromString(id)), Instant.now());
        TopicProbe.publish(event);
        TopicProbe.publish(event);

        await().atMost(WAIT)
                .untilAsserted(() -> asAgent()
                        .get("/api/v1/tickets/" + id)
                        .then()
                        .body("status", org.hamcrest.Matchers.equalTo("TRIAGED")));
        List<ConsumerRecord<String, String>> records =
                ticketEvents.drain(r -> id.equals(r.key()), Duration.ofSeconds(3));
        assertThat(records.stream().filter(r -> isType(r, "ticket.status-changed")))
                .hasSize(1);
        assertThat(records.stream().filter(r -> isType(r, "ticket.updated"))).hasSize(1);
    }

    @Test
    void shouldMoveAnAssignedQuestionToAccepted() {
        String id = createTicket("question");
        publish(assigned(UUID.fromString(id)));

        await().atMost(WAIT)
                .untilAsserted(() -> asAgent()
                        .get("/api/v1/tickets/" + id)
                        .then()
                        .body("status", org.hamcrest.Matchers.equalTo("ACCEPTED")));
    }

    @Test
    void shouldSkipADecisionForAnUnknownTicketAndGoOn() {
        try (TopicProbe dlq = TopicProbe.from("intake-service-dlq")) {
            UUID unknown = UUID.randomUUID();
            publish(triaged(unknown));
            String id = createTicket("support");
            publish(triaged(UUID.fromString(id)));

            await().atMost(WAIT)
                    .untilAsserted(() -> asAgent()
                            .get("/api/v1/tickets/" + id)
                            .then()
                            .body("status", org.hamcrest.Matchers.equalTo("TRIAGED")));
            assertThat(dlq.drain(r -> unknown.toString().equals(r.key()), Duration.ofSeconds(2)))
                    .isEmpty();
        }
    }

    @Test
    void shouldDeadLetterPoisonRecordsWithTheReasonAndProcessTheNextOne() {
        try (TopicProbe dlq = TopicProbe.from("intake-service-dlq")) {
            String poisonKey = "poison-" + UUID.randomUUID();
            TopicProbe.publish(
                    Topics.TRIAGE_EVENTS,
                    poisonKey,
                    "{not json",
                    Map.of(
                            CloudEventHeaders.TYPE, "ticket.triaged",
                            CloudEventHeaders.ID, UUID.randomUUID().toString(),
                            CloudEventHeaders.TIME, Instant.now().toString()));
            String unknownTypeKey = "unknown-" + UUID.randomUUID();
            TopicProbe.publish(
                    Topics.TRIAGE_EVENTS,
                    unknownTypeKey,
                    "{}",
                    Map.of(
                            CloudEventHeaders.TYPE, "ticket.exploded",
                            CloudEventHeaders.ID, UUID.randomUUID().toString(),
                            CloudEventHeaders.TIME, Instant.now().toString()));
            String missingKey = "missing-" + UUID.randomUUID();
            TopicProbe.publish(
                    Topics.TRIAGE_EVENTS,
                    missingKey,
                    "{\"category\": \"billing\"}",
                    Map.of(
                            CloudEventHeaders.TYPE, "ticket.triaged",
                            CloudEventHeaders.ID, UUID.randomUUID().toString(),
                            CloudEventHeaders.TIME, Instant.now().toString()));
            String id = createTicket("support");
            publish(triaged(UUID.fromString(id)));

            List<ConsumerRecord<String, String>> dead = dlq.await(
                    r -> List.of(poisonKey, unknownTypeKey, missingKey).contains(r.key()), 3, WAIT);
            assertThat(dead).hasSize(3);
            assertThat(dead.stream().map(r -> TopicProbe.header(r, "dead-letter-reason")))
                    .anySatisfy(reason -> assertThat(reason).contains("malformed JSON"))
                    .anySatisfy(reason -> assertThat(reason).contains("unknown event type 'ticket.exploded'"))
                    .anySatisfy(reason -> assertThat(reason).contains("missing required field 'ticket_id'"));
            await().atMost(WAIT)
                    .untilAsserted(() -> asAgent()
                            .get("/api/v1/tickets/" + id)
                            .then()
                            .body("status", org.hamcrest.Matchers.equalTo("TRIAGED")));
        }
    }

    @Test
    void shouldFollowAReclassificationKeepingTheClassifiersDecisionVisibleAndApplyItOnce() {
        String id = createTicket("support");
        UUID ticketId = UUID.fromString(id);
        publish(triaged(ticketId));
        await().atMost(WAIT)
                .untilAsserted(() -> asAgent()
                        .get("/api/v1/tickets/" + id)
                        .then()
                        .body("status", org.hamcrest.Matchers.equalTo("TRIAGED")));

        EventEnvelope<TicketReclassified> correction = EventEnvelope.of(
                "triage-service",
                new TicketReclassified(
                        ticketId,
                        "account",
                        "security",
                        Priority.P2,
                        Priority.P1,
                        "credentials were leaked",
                        Instant.parse("2026-11-29T10:00:00Z"),
                        "lead-security"),
                Instant.now());
        TopicProbe.publish(correction);
        TopicProbe.publish(correction);

        await().atMost(WAIT)
                .untilAsserted(() -> asAgent()
                        .get("/api/v1/tickets/" + id)
                        .then()
                        .body("category", org.hamcrest.Matchers.equalTo("security"))
                        .body("priority", org.hamcrest.Matchers.equalTo("P1"))
                        .body("classification.category", org.hamcrest.Matchers.equalTo("account"))
                        .body("classification.priority", org.hamcrest.Matchers.equalTo("P2"))
                        .body("reclassification.by", org.hamcrest.Matchers.equalTo("lead-security"))
                        .body("reclassification.reason", org.hamcrest.Matchers.equalTo("credentials were leaked"))
                        .body("reclassification.at", org.hamcrest.Matchers.equalTo("2026-11-29T10:00:00Z"))
                        .body("status", org.hamcrest.Matchers.equalTo("TRIAGED")));
        List<ConsumerRecord<String, String>> updates =
                ticketEvents.drain(r -> id.equals(r.key()) && isType(r, "ticket.updated"), Duration.ofSeconds(3));
        // one for the triage decision, one for the correction; the redelivered correction changes nothing
        assertThat(updates).hasSize(2);
        TicketUpdated corrected = (TicketUpdated) decode(updates.get(1));
        assertThat(corrected.changes()).containsEntry("category", "security").containsEntry("priority", "P1");
    }

    @Test
    void shouldFollowAReassignmentLikeAnAssignment() {
        String id = createTicket("support");
        UUID ticketId = UUID.fromString(id);
        publish(assigned(ticketId));
        await().atMost(WAIT)
                .untilAsserted(() -> asAgent()
                        .get("/api/v1/tickets/" + id)
                        .then()
                        .body("status", org.hamcrest.Matchers.equalTo("ASSIGNED")));
        status(id, "IN_PROGRESS");

        EventEnvelope<TicketReassigned> moved = EventEnvelope.of(
                "routing-service",
                new TicketReassigned(
                        ticketId,
                        "agent-account-1",
                        "agent-tech-7",
                        "technical-t2",
                        "needs tier 2",
                        Instant.now(),
                        "account",
                        "T2",
                        "lead-account"),
                Instant.now());
        TopicProbe.publish(moved);
        TopicProbe.publish(moved);

        await().atMost(WAIT)
                .untilAsserted(() -> asAgent()
                        .get("/api/v1/tickets/" + id)
                        .then()
                        .body("team", org.hamcrest.Matchers.equalTo("technical-t2"))
                        .body("assignee", org.hamcrest.Matchers.equalTo("agent-tech-7"))
                        // a ticket being worked keeps its status
                        .body("status", org.hamcrest.Matchers.equalTo("IN_PROGRESS")));
        List<ConsumerRecord<String, String>> updates =
                ticketEvents.drain(r -> id.equals(r.key()) && isType(r, "ticket.updated"), Duration.ofSeconds(3));
        assertThat(updates).hasSize(2);
        assertThat(((TicketUpdated) decode(updates.get(1))).changes())
                .containsEntry("team", "technical-t2")
                .containsEntry("assignee", "agent-tech-7");
    }

    @Test
    void shouldShowRoutingsEscalationsInTheTicketsStaffViewOncePerEscalation() {
        String id = createTicket("support");
        UUID ticketId = UUID.fromString(id);
        Instant first = Instant.parse("2026-11-29T10:00:00Z");
        UUID level1 = UUID.randomUUID();
        EventEnvelope<io.ticketsuite.events.TicketEscalated> paged = EventEnvelope.of(
                "routing-service",
                new io.ticketsuite.events.TicketEscalated(
                        ticketId,
                        "L1",
                        "technical",
                        "P1 ticket created",
                        first,
                        level1,
                        "p1-created",
                        List.of(new io.ticketsuite.events.EscalationTarget("agent-tech-1", "Tess Tech", "on-call")),
                        first.plusSeconds(900),
                        true),
                first);
        TopicProbe.publish(paged);
        TopicProbe.publish(paged); // redelivered: still one escalation
        UUID level2 = UUID.randomUUID();
        publish(new io.ticketsuite.events.TicketEscalated(
                ticketId,
                "L2",
                "technical",
                "not acknowledged by 10:15",
                first.plusSeconds(900),
                level2,
                "p1-created",
                List.of(new io.ticketsuite.events.EscalationTarget("lead-technical", "Lee Lead", "team-lead")),
                null,
                true));

        await().atMost(WAIT)
                .untilAsserted(() -> asAgent()
                        .get("/api/v1/tickets/" + id + "/escalations")
                        .then()
                        .statusCode(200)
                        .body("id", org.hamcrest.Matchers.contains(level1.toString(), level2.toString()))
                        .body("level", org.hamcrest.Matchers.contains("L1", "L2"))
                        .body("rule[0]", org.hamcrest.Matchers.equalTo("p1-created"))
                        .body("targets[0].staff_id", org.hamcrest.Matchers.contains("agent-tech-1"))
                        .body("targets[0].role", org.hamcrest.Matchers.contains("on-call"))
                        .body("targets[1].name", org.hamcrest.Matchers.contains("Lee Lead"))
                        .body("acknowledge_by[0]", org.hamcrest.Matchers.equalTo("2026-11-29T10:15:00Z"))
                        .body("acknowledge_by[1]", org.hamcrest.Matchers.nullValue())
                        .body("immediate[0]", org.hamcrest.Matchers.equalTo(true)));
        asAgent()
                .get("/api/v1/tickets/" + UUID.randomUUID() + "/escalations")
                .then()
                .statusCode(404);
    }

    @Test
    void shouldMoveAReopenedTicketToAssignedOnReassignmentRecordedAsByWhoMovedIt() {
        String id = createTicket("support");
        UUID ticketId = UUID.fromString(id);
        status(id, "ASSIGNED");
        status(id, "RESOLVED");
        status(id, "REOPENED");
        publish(new TicketReassigned(
                ticketId, null, "agent-2", "account", "rebalanced", Instant.now(), "account", null, "lead-account"));

        await().atMost(WAIT)
                .untilAsserted(() -> asAgent()
                        .get("/api/v1/tickets/" + id)
                        .then()
                        .body("status", org.hamcrest.Matchers.equalTo("ASSIGNED"))
                        .body("assignee", org.hamcrest.Matchers.equalTo("agent-2")));
        TicketStatusChanged assignedAgain = (TicketStatusChanged) decode(ticketEvents
                .await(
                        r -> id.equals(r.key())
                                && isType(r, "ticket.status-changed")
                                && r.value().contains("\"to\":\"ASSIGNED\"")
                                && r.value().contains("lead-account"),
                        1,
                        WAIT)
                .get(0));
        assertThat(assignedAgain.from()).hasToString("REOPENED");
        assertThat(assignedAgain.reason()).isEqualTo("reassigned: rebalanced");
    }

    private static String createTicket(String type) {
        return asChannel()
                .contentType(ContentType.JSON)
                .body("""
                        {"subject": "Cannot log in since this morning", "description": "Password reset fails",
                         "type": "%s", "channel": "web",
                         "customer": {"id": "c-9", "email": "bo@example.com", "tier": "PROFESSIONAL"}}""".formatted(type))
                .post("/api/v1/tickets")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static void status(String id, String status) {
        asAgent()
                .contentType(ContentType.JSON)
                .body("{\"status\": \"" + status + "\""
                        + (status.equalsIgnoreCase("RESOLVED")
                                ? ", \"resolution\": {\"category\": \"fixed\", \"summary\": \"done\", \"lessons_learned\": \"test\"}"
                                : "")
                        + "}")
                .post("/api/v1/tickets/" + id + "/status")
                .then()
                .statusCode(200);
    }

    private static TicketTriaged triaged(UUID ticketId) {
        return new TicketTriaged(ticketId, "account", Priority.P2, 0.9, Map.of("rule", "test"), "test", Instant.now());
    }

    private static TicketAssigned assigned(UUID ticketId) {
        return new TicketAssigned(
                ticketId,
                "account",
                "Account",
                "agent-account-1",
                "Ann",
                "lead-account",
                "account",
                "category account",
                Instant.now());
    }

    private static void publish(EventData data) {
        TopicProbe.publish(EventEnvelope.of("test", data, Instant.now()));
    }

    private static boolean isType(ConsumerRecord<String, String> record, String type) {
        return type.equals(TopicProbe.header(record, CloudEventHeaders.TYPE));
    }

    private static EventData decode(ConsumerRecord<String, String> record) {
        return EventCodec.decode(TopicProbe.headers(record), record.value()).data();
    }
}
