package io.ticketsuite.routing.escalation;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import io.ticketsuite.events.Channel;
import io.ticketsuite.events.CloudEventHeaders;
import io.ticketsuite.events.Customer;
import io.ticketsuite.events.CustomerTier;
import io.ticketsuite.events.EscalationTarget;
import io.ticketsuite.events.EventCodec;
import io.ticketsuite.events.EventEnvelope;
import io.ticketsuite.events.IssueRecurringDetected;
import io.ticketsuite.events.Priority;
import io.ticketsuite.events.TicketCreated;
import io.ticketsuite.events.TicketEscalated;
import io.ticketsuite.events.TicketEscalationRequested;
import io.ticketsuite.events.TicketStatus;
import io.ticketsuite.events.TicketStatusChanged;
import io.ticketsuite.events.TicketTriaged;
import io.ticketsuite.events.TicketType;
import io.ticketsuite.testkit.TestInfrastructure;
import io.ticketsuite.testkit.TestTokens;
import io.ticketsuite.testkit.TopicProbe;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Escalations against the real broker and PostgreSQL: events in, escalation records stored and announced as
 * ticket.escalated on routing-events; acknowledgement before and after the deadline; the next level exactly once with
 * two concurrent sweepers and through the service's own scheduler.
 */
@QuarkusTest
@QuarkusTestResource(value = TestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "routing"))
class EscalationFlowTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration QUIET = Duration.ofMillis(1500);

    @Inject
    DataSource dataSource;

    @Inject
    EscalationSweepService sweep;

    private TopicProbe routingEvents;

    @BeforeEach
    void openProbe() {
        routingEvents = TopicProbe.from("routing-events");
    }

    @AfterEach
    void closeProbe() {
        routingEvents.close();
    }

    @Test
    void shouldPageTheOnCallEngineerForAP1TicketAtOnce() {
        UUID ticket = UUID.randomUUID();
        TopicProbe.publish(triaged(ticket, "technical", Priority.P1));

        TicketEscalated event = escalations(ticket, 1).get(0);
        JsonPath onCall = given().auth()
                .oauth2(TestTokens.agent())
                .queryParam("at", event.escalatedAt().toString())
                .get("/api/v1/teams/eng-tier3/on-call")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(event.rule()).isEqualTo("p1-on-call");
        assertThat(event.level()).isEqualTo("L1 on-call-engineer");
        assertThat(event.teamId()).isEqualTo("eng-tier3");
        assertThat(event.immediate()).isTrue();
        assertThat(event.targets())
                .containsExactly(
                        new EscalationTarget(onCall.getString("staff_id"), onCall.getString("name"), "on-call"));
        assertThat(Duration.between(event.escalatedAt(), event.acknowledgeBy())).isEqualTo(Duration.ofMinutes(15));
        assertThat(event.reason())
                .startsWith("A P1 ticket pages the on-call engineer (ticket.triaged: category technical, priority P1);"
                        + " L1 on-call-engineer → " + onCall.getString("name") + " (on-call), immediately");
        assertThat(Duration.between(event.escalatedAt(), Instant.now())).isLessThan(Duration.ofSeconds(30));

        JsonPath list = given().auth()
                .oauth2(TestTokens.lead())
                .queryParam("state", "open")
                .queryParam("ticket_id", ticket.toString())
                .get("/api/v1/escalations")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(list.getLong("total")).isEqualTo(1);
        assertThat(list.getString("items[0].id")).isEqualTo(event.escalationId().toString());
        assertThat(list.getString("items[0].state")).isEqualTo("OPEN");
        assertThat(list.getString("items[0].targets[0].staff_id")).isEqualTo(onCall.getString("staff_id"));

        // redelivered and reclassified to P1 again: still one escalation (once per ticket)
        TopicProbe.publish(triaged(ticket, "technical", Priority.P1));
        assertThat(routingEvents.drain(escalatedAbout(ticket), QUIET)).hasSize(1);
    }

    @Test
    void shouldLetTheTargetAcknowledgeBeforeTheDeadlineOnce() {
        UUID ticket = UUID.randomUUID();
        TopicProbe.publish(triaged(ticket, "security", Priority.P3));
        TicketEscalated event = escalations(ticket, 1).get(0);
        assertThat(event.rule()).isEqualTo("security-incident");
        assertThat(event.targets()).extracting(EscalationTarget::staffId).containsExactly("lead-security", "ciso");

        given().auth()
                .oauth2(TestTokens.staff("agent-billing-1", "agent"))
                .post("/api/v1/escalations/{id}/acknowledge", event.escalationId())
                .then()
                .statusCode(403)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(TestTokens.staff("ciso", "agent"))
                .post("/api/v1/escalations/{id}/acknowledge", event.escalationId())
                .then()
                .statusCode(200)
                .body("state", equalTo("ACKNOWLEDGED"))
                .body("acknowledged_by", equalTo("ciso"));
        given().auth()
                .oauth2(TestTokens.staff("lead-security", "lead"))
                .post("/api/v1/escalations/{id}/acknowledge", event.escalationId())
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("already acknowledged (by ciso"));

        // acknowledged: the sweep never takes it to the next level, even long after its deadline
        List<EscalationSweepService.Swept> swept = sweepAt(event.acknowledgeBy().plus(Duration.ofHours(1)));
        assertThat(swept).noneMatch(s -> s.expired().id.equals(event.escalationId()));
        given().auth()
                .oauth2(TestTokens.agent())
                .queryParam("ticket_id", ticket.toString())
                .get("/api/v1/escalations")
                .then()
                .body("total", equalTo(1))
                .body("items[0].state", equalTo("ACKNOWLEDGED"));
    }

    @Test
    void shouldRefuseAnAcknowledgementAfterTheDeadlineAndReachTheNextLevelThroughTheScheduler() throws SQLException {
        UUID ticket = UUID.randomUUID();
        UUID id = insertOpen(ticket, Instant.now().minusSeconds(1));

        given().auth()
                .oauth2(TestTokens.lead())
                .post("/api/v1/escalations/{id}/acknowledge", id)
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://ticketsuite.io/problems/conflict"));

        // the service's own sweep (every second in tests) opens level 2 and announces it
        TicketEscalated next = escalations(ticket, 1).get(0);
        assertThat(next.rule()).isEqualTo("p1-on-call");
        assertThat(next.level()).isEqualTo("L2 engineering-lead");
        assertThat(next.targets())
                .extracting(EscalationTarget::staffId)
                .containsExactly("lead-eng-tier3", "engineering-lead");
        assertThat(next.reason()).startsWith("not acknowledged by ");
        assertThat(Duration.between(next.escalatedAt(), next.acknowledgeBy())).isEqualTo(Duration.ofMinutes(30));
        given().auth()
                .oauth2(TestTokens.agent())
                .get("/api/v1/escalations/{id}", id)
                .then()
                .statusCode(200)
                .body("state", equalTo("EXPIRED"))
                .body("next_id", equalTo(next.escalationId().toString()));
        given().auth()
                .oauth2(TestTokens.agent())
                .get("/api/v1/escalations/{id}", next.escalationId())
                .then()
                .body("level", equalTo(2))
                .body("previous_id", equalTo(id.toString()))
                .body("state", equalTo("OPEN"));
        assertThat(routingEvents.drain(escalatedAbout(ticket), QUIET)).hasSize(1);
    }

    @Test
    void shouldTakeEachMissedDeadlineToTheNextLevelExactlyOnceWithTwoSweepers() throws Exception {
        // due in an hour: the service's own sweep (real time) leaves them alone; the two sweepers run two hours ahead
        Instant deadline = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MICROS);
        Map<UUID, UUID> ticketOf = new java.util.HashMap<>();
        for (int i = 0; i < 12; i++) {
            UUID ticket = UUID.randomUUID();
            ticketOf.put(insertOpen(ticket, deadline), ticket);
        }
        Instant later = deadline.plus(Duration.ofHours(1));

        ExecutorService sweepers = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<List<EscalationSweepService.Swept>>> results = new ArrayList<>();
        try {
            for (int i = 0; i < 2; i++) {
                results.add(sweepers.submit(() -> {
                    go.await();
                    List<EscalationSweepService.Swept> mine = new ArrayList<>();
                    List<EscalationSweepService.Swept> batch;
                    do {
                        batch = sweepBatch(later, 3);
                        mine.addAll(batch);
                    } while (!batch.isEmpty());
                    return mine;
                }));
            }
            go.countDown();
            List<UUID> expired = new ArrayList<>();
            Set<UUID> next = new HashSet<>();
            for (Future<List<EscalationSweepService.Swept>> result : results) {
                for (EscalationSweepService.Swept s : result.get(60, TimeUnit.SECONDS)) {
                    if (ticketOf.containsKey(s.expired().id)) {
                        expired.add(s.expired().id);
                        assertThat(s.next()).isNotNull();
                        assertThat(s.next().level).isEqualTo(2);
                        next.add(s.next().id);
                    }
                }
            }
            assertThat(expired).hasSize(12).doesNotHaveDuplicates();
            assertThat(next).hasSize(12);
        } finally {
            sweepers.shutdownNow();
        }

        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "SELECT e.state, count(n.id) FROM escalation e LEFT JOIN escalation n ON n.previous_id = e.id"
                                + " WHERE e.id = ANY (?) GROUP BY e.id, e.state")) {
            query.setArray(1, connection.createArrayOf("uuid", ticketOf.keySet().toArray()));
            try (ResultSet rows = query.executeQuery()) {
                int n = 0;
                while (rows.next()) {
                    n++;
                    assertThat(rows.getString(1)).isEqualTo("EXPIRED");
                    assertThat(rows.getInt(2))
                            .as("next levels of one expired escalation")
                            .isEqualTo(1);
                }
                assertThat(n).isEqualTo(12);
            }
        }
        Set<UUID> tickets = new HashSet<>(ticketOf.values());
        List<ConsumerRecord<String, String>> announced =
                routingEvents.await(r -> isEscalated(r) && tickets.contains(UUID.fromString(r.key())), 12, TIMEOUT);
        assertThat(announced).hasSize(12);
        assertThat(routingEvents.drain(r -> isEscalated(r) && tickets.contains(UUID.fromString(r.key())), QUIET))
                .hasSize(12)
                .extracting(r -> ((TicketEscalated) decode(r)).level())
                .containsOnly("L2 engineering-lead");
    }

    @Test
    void shouldEscalateARecurringIssueToTheEngineeringLeadOncePerCluster() {
        UUID cluster = UUID.randomUUID();
        UUID third = UUID.randomUUID();
        UUID fifth = UUID.randomUUID();
        TopicProbe.publish(recurring(third, cluster, 3));
        TicketEscalated event = escalations(third, 1).get(0);
        assertThat(event.rule()).isEqualTo("recurring-issue");
        assertThat(event.immediate()).isFalse();
        assertThat(event.targets())
                .containsExactly(new EscalationTarget("engineering-lead", "Claire Dupont", "engineering-lead"));
        assertThat(Duration.between(event.escalatedAt(), event.acknowledgeBy())).isEqualTo(Duration.ofHours(24));

        TopicProbe.publish(recurring(fifth, cluster, 5)); // the cluster grows: no second escalation
        assertThat(routingEvents.drain(r -> isEscalated(r) && fifth.toString().equals(r.key()), QUIET))
                .isEmpty();
    }

    @Test
    void shouldEscalateARequestToTheLeadOfTheTicketsTeamAndCloseItWhenTheTicketIsResolved() {
        UUID ticket = UUID.randomUUID();
        TopicProbe.publish(created(ticket));
        TopicProbe.publish(triaged(ticket, "billing", Priority.P3));
        await().atMost(TIMEOUT)
                .until(() -> given().auth()
                                .oauth2(TestTokens.agent())
                                .get("/api/v1/assignments/{id}", ticket)
                                .statusCode()
                        == 200);
        TopicProbe.publish(EventEnvelope.of(
                "intake-service",
                new TicketEscalationRequested(ticket, "No answer for two days", "c-42", Instant.now()),
                Instant.now()));

        TicketEscalated event = escalations(ticket, 1).get(0);
        assertThat(event.rule()).isEqualTo("customer-request");
        assertThat(event.teamId()).isEqualTo("billing");
        assertThat(event.targets()).containsExactly(new EscalationTarget("lead-billing", "Beatrice Lang", "team-lead"));
        assertThat(event.reason()).contains("requested by c-42: No answer for two days");
        assertThat(Duration.between(event.escalatedAt(), event.acknowledgeBy())).isEqualTo(Duration.ofMinutes(30));

        TopicProbe.publish(EventEnvelope.of(
                "intake-service",
                new TicketStatusChanged(
                        ticket,
                        TicketType.SUPPORT,
                        TicketStatus.ASSIGNED,
                        TicketStatus.RESOLVED,
                        "done",
                        "api",
                        Instant.now()),
                Instant.now()));
        await().atMost(TIMEOUT)
                .until(() -> "CLOSED"
                        .equals(given().auth()
                                .oauth2(TestTokens.agent())
                                .get("/api/v1/escalations/{id}", event.escalationId())
                                .jsonPath()
                                .getString("state")));
    }

    @Test
    void shouldAnswerBadFiltersAndUnknownEscalationsWithProblems() {
        given().auth()
                .oauth2(TestTokens.lead())
                .queryParam("state", "sleeping")
                .queryParam("ticket_id", "nope")
                .get("/api/v1/escalations")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.containsInAnyOrder("state", "ticket_id"));
        given().auth()
                .oauth2(TestTokens.lead())
                .post("/api/v1/escalations/{id}/acknowledge", UUID.randomUUID())
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().auth()
                .oauth2(TestTokens.lead())
                .get("/api/v1/escalations/not-a-uuid")
                .then()
                .statusCode(404);
    }

    // --- helpers

    private List<EscalationSweepService.Swept> sweepAt(Instant now) {
        return sweepBatch(now, 500);
    }

    private List<EscalationSweepService.Swept> sweepBatch(Instant now, int limit) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> sweep.sweepBatch(now, limit));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    /** An open level 1 of p1-on-call for the ticket, due at {@code acknowledgeBy}, as the matrix would store it. */
    private UUID insertOpen(UUID ticket, Instant acknowledgeBy) throws SQLException {
        UUID id = UUID.randomUUID();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO escalation (id, ticket_id, rule, level, level_name, state, reason, trigger_event,"
                                + " team_id, ticket_team_id, targets, target_ids, immediate, created_at, acknowledge_by)"
                                + " VALUES (?, ?, 'p1-on-call', 1, 'on-call-engineer', 'OPEN', 'test', 'ticket.triaged',"
                                + " 'eng-tier3', 'eng-tier1', '[{\"staff_id\":\"agent-eng-tier3-1\",\"name\":\"Hannah"
                                + " Becker\",\"role\":\"on-call\"}]', '{agent-eng-tier3-1}', true, ?, ?)")) {
            insert.setObject(1, id);
            insert.setObject(2, ticket);
            insert.setTimestamp(3, Timestamp.from(acknowledgeBy.minus(Duration.ofMinutes(15))));
            insert.setTimestamp(4, Timestamp.from(acknowledgeBy));
            insert.executeUpdate();
        }
        return id;
    }

    private List<TicketEscalated> escalations(UUID ticket, int count) {
        List<ConsumerRecord<String, String>> records = routingEvents.await(escalatedAbout(ticket), count, TIMEOUT);
        assertThat(records).as("ticket.escalated of %s", ticket).hasSize(count);
        return records.stream().map(r -> (TicketEscalated) decode(r)).toList();
    }

    private static java.util.function.Predicate<ConsumerRecord<String, String>> escalatedAbout(UUID ticket) {
        return r -> isEscalated(r) && ticket.toString().equals(r.key());
    }

    private static boolean isEscalated(ConsumerRecord<String, String> record) {
        return "ticket.escalated".equals(TopicProbe.header(record, CloudEventHeaders.TYPE));
    }

    private static io.ticketsuite.events.EventData decode(ConsumerRecord<String, String> record) {
        return EventCodec.decode(TopicProbe.headers(record), record.value()).data();
    }

    private static EventEnvelope<TicketTriaged> triaged(UUID ticket, String category, Priority priority) {
        return EventEnvelope.of(
                "triage-service",
                new TicketTriaged(
                        ticket, category, priority, 0.9, Map.of("matched", List.of(category)), "1.0.0", Instant.now()),
                Instant.now());
    }

    private static EventEnvelope<TicketCreated> created(UUID ticket) {
        return EventEnvelope.of(
                "intake-service",
                new TicketCreated(
                        ticket,
                        TicketType.SUPPORT,
                        Channel.EMAIL,
                        "Invoice question",
                        "Why was I charged twice?",
                        new Customer("c-42", "customer@example.com", CustomerTier.PROFESSIONAL, "en"),
                        List.of(),
                        null,
                        TicketStatus.NEW,
                        Instant.now()),
                Instant.now());
    }

    private static EventEnvelope<IssueRecurringDetected> recurring(UUID ticket, UUID cluster, int count) {
        return EventEnvelope.of(
                "triage-service",
                new IssueRecurringDetected(
                        ticket,
                        "export csv timeout",
                        List.of(ticket),
                        count,
                        Instant.now(),
                        cluster,
                        "technical",
                        List.of("export", "csv", "timeout")),
                Instant.now());
    }
}
