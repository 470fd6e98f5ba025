package io.ticketsuite.routing.messaging;

import static io.restassured.RestAssured.given;
import static io.ticketsuite.routing.TestEvents.created;
import static io.ticketsuite.routing.TestEvents.isAssignmentOf;
import static io.ticketsuite.routing.TestEvents.publish;
import static io.ticketsuite.routing.TestEvents.statusChanged;
import static io.ticketsuite.routing.TestEvents.triaged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.ticketsuite.events.CloudEventHeaders;
import io.ticketsuite.events.CustomerTier;
import io.ticketsuite.events.EventEnvelope;
import io.ticketsuite.events.Priority;
import io.ticketsuite.events.TicketAssigned;
import io.ticketsuite.events.TicketStatus;
import io.ticketsuite.events.TicketTriaged;
import io.ticketsuite.routing.TestEvents;
import io.ticketsuite.testkit.TestInfrastructure;
import io.ticketsuite.testkit.TestTokens;
import io.ticketsuite.testkit.TopicProbe;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The routing flow against the real broker and PostgreSQL: events in, assignment stored and announced. */
@QuarkusTest
@QuarkusTestResource(value = TestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "routing"))
class RoutingFlowTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Set<String> TIER1 = Set.of("agent-eng-tier1-1", "agent-eng-tier1-2", "agent-eng-tier1-3");

    @Inject
    DataSource dataSource;

    private TopicProbe routingEvents;

    @BeforeEach
    void openProbe() {
        routingEvents = TopicProbe.from("routing-events");
    }

    @AfterEach
    void closeProbe() {
        routingEvents.close();
    }

    private static JsonPath awaitAssignment(UUID ticket) {
        await().atMost(TIMEOUT)
                .until(() -> given().auth()
                                .oauth2(TestTokens.agent())
                                .get("/api/v1/assignments/{id}", ticket)
                                .statusCode()
                        == 200);
        return given().auth()
                .oauth2(TestTokens.agent())
                .get("/api/v1/assignments/{id}", ticket)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private ConsumerRecord<String, String> awaitAssignedEvent(UUID ticket) {
        List<ConsumerRecord<String, String>> records = routingEvents.await(r -> isAssignmentOf(r, ticket), 1, TIMEOUT);
        assertThat(records).as("ticket.assigned of %s", ticket).hasSize(1);
        return records.get(0);
    }

    @Test
    void shouldAssignACreatedAndTriagedTicketAndAnnounceIt() {
        UUID ticket = UUID.randomUUID();

        publish(created(ticket, CustomerTier.PROFESSIONAL, "en"));
        publish(triaged(ticket, "technical", Priority.P2));

        JsonPath assignment = awaitAssignment(ticket);
        assertThat(assignment.getString("team_id")).isEqualTo("eng-tier1");
        assertThat(assignment.getString("team_name")).isEqualTo("Engineering Tier 1");
        assertThat(assignment.getString("team_lead_id")).isEqualTo("lead-eng-tier1");
        assertThat(assignment.getString("agent_id")).isIn(TIER1);
        assertThat(assignment.getString("rule")).isEqualTo("technical");
        assertThat(assignment.getString("reason"))
                .isEqualTo(
                        "category technical → eng-tier1 (rule technical); agent chosen round-robin among en speakers");
        assertThat(assignment.getString("customer_tier")).isEqualTo("PROFESSIONAL");
        assertThat(assignment.getString("priority")).isEqualTo("P2");
        assertThat(assignment.getBoolean("open")).isTrue();

        ConsumerRecord<String, String> record = awaitAssignedEvent(ticket);
        assertThat(TopicProbe.header(record, CloudEventHeaders.SUBJECT)).isEqualTo(ticket.toString());
        assertThat(TopicProbe.header(record, CloudEventHeaders.SOURCE)).isEqualTo("routing-service");
        TicketAssigned event = (TicketAssigned) TestEvents.decode(record);
        assertThat(event.teamId()).isEqualTo("eng-tier1");
        assertThat(event.teamName()).isEqualTo("Engineering Tier 1");
        assertThat(event.teamLeadId()).isEqualTo("lead-eng-tier1");
        assertThat(event.agentId()).isEqualTo(assignment.getString("agent_id"));
        assertThat(event.agentName()).isEqualTo(assignment.getString("agent_name"));
        assertThat(event.rule()).isEqualTo("technical");
        assertThat(event.reason()).isEqualTo(assignment.getString("reason"));
    }

    @Test
    void shouldRouteEnterpriseBillingToTheAccountManagerWhoSpeaksTheCustomersLanguage() {
        UUID ticket = UUID.randomUUID();

        publish(created(ticket, CustomerTier.ENTERPRISE, "de-DE"));
        publish(triaged(ticket, "billing", Priority.P3));

        JsonPath assignment = awaitAssignment(ticket);
        assertThat(assignment.getString("team_id")).isEqualTo("account-management");
        assertThat(assignment.getString("agent_id")).isEqualTo("agent-account-management-2");
        assertThat(assignment.getString("reason"))
                .isEqualTo("category billing and tier ENTERPRISE → account-management (rule billing-enterprise);"
                        + " agent chosen round-robin among de speakers");
        assertThat(((TicketAssigned) TestEvents.decode(awaitAssignedEvent(ticket))).agentName())
                .isEqualTo("Jonas Weber");
    }

    @Test
    void shouldRouteSecurityToTheSecurityTeamImmediately() {
        UUID ticket = UUID.randomUUID();

        publish(created(ticket, CustomerTier.FREE, "en"));
        publish(triaged(ticket, "security", Priority.P1));

        JsonPath assignment = awaitAssignment(ticket);
        assertThat(assignment.getString("team_id")).isEqualTo("security");
        assertThat(assignment.getString("team_lead_id")).isEqualTo("lead-security");
        assertThat(assignment.getString("reason"))
                .startsWith("category security → security (rule security), immediately; agent chosen least loaded");
    }

    @Test
    void shouldRouteATicketTriagedBeforeItWasCreated() throws SQLException {
        UUID ticket = UUID.randomUUID();

        publish(triaged(ticket, "technical", Priority.P2));
        await().atMost(TIMEOUT).until(() -> "triaged-only".equals(state(ticket)));
        given().auth()
                .oauth2(TestTokens.agent())
                .get("/api/v1/assignments/{id}", ticket)
                .then()
                .statusCode(404);

        publish(created(ticket, CustomerTier.ENTERPRISE, "fr"));

        JsonPath assignment = awaitAssignment(ticket);
        assertThat(assignment.getString("team_id")).isEqualTo("eng-tier2");
        assertThat(assignment.getString("rule")).isEqualTo("technical-enterprise");
        assertThat(assignment.getString("agent_id")).isEqualTo("agent-eng-tier2-3");
        assertThat(assignment.getString("customer_tier")).isEqualTo("ENTERPRISE");
        assertThat(assignment.getString("language")).isEqualTo("fr");
        assertThat(state(ticket)).isEqualTo("assigned");
        awaitAssignedEvent(ticket);
    }

    @Test
    void shouldAssignOnceAndAnnounceOnceWhenEventsArriveTwice() {
        UUID ticket = UUID.randomUUID();
        var created = created(ticket, CustomerTier.STARTER, "es");
        EventEnvelope<TicketTriaged> triaged = triaged(ticket, "account", Priority.P3);

        publish(created);
        publish(triaged);
        publish(triaged);
        publish(created);
        // the same fact again under a new event id (a re-triage): the ticket is already routed
        publish(triaged(ticket, "feature", Priority.P4));

        JsonPath assignment = awaitAssignment(ticket);
        assertThat(assignment.getString("team_id")).isEqualTo("account");
        assertThat(assignment.getString("agent_id")).isEqualTo("agent-account-2");
        List<ConsumerRecord<String, String>> events =
                routingEvents.drain(r -> isAssignmentOf(r, ticket), Duration.ofSeconds(3));
        assertThat(events).hasSize(1);
        assertThat(given().auth()
                        .oauth2(TestTokens.agent())
                        .get("/api/v1/assignments/{id}", ticket)
                        .jsonPath()
                        .getString("team_id"))
                .isEqualTo("account");
    }

    @Test
    void shouldDeadLetterAPoisonRecordAndProcessTheNextOne() {
        UUID ticket = UUID.randomUUID();
        EventEnvelope<TicketTriaged> valid = triaged(ticket, "integration", Priority.P3);
        Map<String, String> headers = new java.util.HashMap<>(io.ticketsuite.events.EventCodec.headers(valid));
        headers.put(CloudEventHeaders.ID, UUID.randomUUID().toString());

        try (TopicProbe deadLetters = TopicProbe.from("routing-service-dlq")) {
            TopicProbe.publish("triage-events", ticket.toString(), "{\"ticket_id\": \"" + ticket + "\", ", headers);
            publish(created(ticket, CustomerTier.PROFESSIONAL, "en"));
            publish(valid);

            // every consumer of triage-events in this service (routing, escalations) dead-letters it once
            List<ConsumerRecord<String, String>> dead =
                    deadLetters.await(r -> ticket.toString().equals(r.key()), 1, TIMEOUT);
            assertThat(dead).isNotEmpty();
            assertThat(dead).allSatisfy(record -> {
                assertThat(TopicProbe.header(record, "dead-letter-reason")).contains("malformed JSON");
                assertThat(TopicProbe.header(record, "dead-letter-topic")).isEqualTo("triage-events");
            });
        }
        assertThat(awaitAssignment(ticket).getString("team_id")).isEqualTo("devrel");
    }

    @Test
    void shouldRouteEveryTicketExactlyOnceWhenItsEventsRaceFromBothTopics() {
        List<UUID> tickets = new ArrayList<>();
        List<EventEnvelope<?>> events = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            UUID ticket = UUID.randomUUID();
            tickets.add(ticket);
            if (i % 2 == 0) {
                events.add(created(ticket, CustomerTier.FREE, "it"));
                events.add(triaged(ticket, "general", Priority.P4));
            } else {
                events.add(triaged(ticket, "general", Priority.P4));
                events.add(created(ticket, CustomerTier.FREE, "it"));
            }
        }
        TestEvents.publishAll(events);

        for (UUID ticket : tickets) {
            assertThat(awaitAssignment(ticket).getString("team_id")).isEqualTo("eng-tier1");
        }
        Set<UUID> ids = new HashSet<>(tickets);
        List<ConsumerRecord<String, String>> assigned = routingEvents.drain(
                r -> r.key() != null && ids.contains(UUID.fromString(r.key())), Duration.ofSeconds(3));
        assertThat(assigned).hasSize(tickets.size());
        assertThat(assigned.stream().map(ConsumerRecord::key).distinct()).hasSize(tickets.size());
        // "general" goes least loaded: whatever the loads were before, 20 tickets even them out
        List<Integer> loads =
                TIER1.stream().map(agent -> load("eng-tier1", agent)).toList();
        assertThat(java.util.Collections.max(loads) - java.util.Collections.min(loads))
                .isLessThanOrEqualTo(1);
    }

    @Test
    void shouldRotateTier1AgentsRoundRobinWithTheCursorInTheDatabase() throws SQLException {
        List<String> agents = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            UUID ticket = UUID.randomUUID();
            publish(created(ticket, CustomerTier.STARTER, "ja"));
            publish(triaged(ticket, "technical", Priority.P3));
            JsonPath assignment = awaitAssignment(ticket);
            assertThat(assignment.getString("reason")).endsWith("agent chosen round-robin (no ja speaker in the team)");
            agents.add(assignment.getString("agent_id"));
        }

        assertThat(new HashSet<>(agents)).isEqualTo(TIER1);
        assertThat(cursor("eng-tier1")).isEqualTo(agents.get(2));
    }

    @Test
    void shouldCountAnOpenAssignmentAsLoadUntilTheTicketIsResolved() {
        UUID ticket = UUID.randomUUID();
        publish(created(ticket, CustomerTier.PROFESSIONAL, "en"));
        publish(triaged(ticket, "feature", Priority.P4));
        String agent = awaitAssignment(ticket).getString("agent_id");
        int load = load("product", agent);
        assertThat(load).isPositive();

        publish(statusChanged(ticket, TicketStatus.IN_PROGRESS, TicketStatus.RESOLVED));
        await().atMost(TIMEOUT).until(() -> !open(ticket));
        assertThat(load("product", agent)).isEqualTo(load - 1);
        assertThat(given().auth()
                        .oauth2(TestTokens.agent())
                        .get("/api/v1/assignments/{id}", ticket)
                        .jsonPath()
                        .getString("closed_at"))
                .isNotNull();

        // closed after resolved: still closed, the load not taken twice
        publish(statusChanged(ticket, TicketStatus.RESOLVED, TicketStatus.CLOSED));
        await().atMost(TIMEOUT).until(() -> "CLOSED".equals(RoutingTables.status(dataSource, ticket)));
        assertThat(load("product", agent)).isEqualTo(load - 1);

        publish(statusChanged(ticket, TicketStatus.CLOSED, TicketStatus.REOPENED));
        await().atMost(TIMEOUT).until(() -> open(ticket));
        assertThat(load("product", agent)).isEqualTo(load);

        // working on it keeps it open, and the load as it is
        publish(statusChanged(ticket, TicketStatus.REOPENED, TicketStatus.IN_PROGRESS));
        await().atMost(TIMEOUT).until(() -> "IN_PROGRESS".equals(RoutingTables.status(dataSource, ticket)));
        assertThat(load("product", agent)).isEqualTo(load);
        assertThat(open(ticket)).isTrue();
    }

    @Test
    void shouldCountATicketResolvedBeforeItWasRoutedOnlyOnceItReopens() {
        UUID ticket = UUID.randomUUID();
        publish(created(ticket, CustomerTier.PROFESSIONAL, "en"));
        // the customer solved it before triage was done
        publish(statusChanged(ticket, TicketStatus.NEW, TicketStatus.RESOLVED));
        await().atMost(TIMEOUT).until(() -> "RESOLVED".equals(RoutingTables.status(dataSource, ticket)));
        publish(triaged(ticket, "feature", Priority.P4));

        JsonPath assignment = awaitAssignment(ticket);
        assertThat(assignment.getBoolean("open")).isFalse();
        assertThat(assignment.getString("closed_at")).isNotNull();
        String agent = assignment.getString("agent_id");
        int load = load("product", agent);

        publish(statusChanged(ticket, TicketStatus.RESOLVED, TicketStatus.REOPENED));
        await().atMost(TIMEOUT).until(() -> open(ticket));
        assertThat(load("product", agent)).isEqualTo(load + 1);
    }

    @Test
    void shouldMeasureAssignmentsByTeamAndRuleAndTheirLatency() {
        UUID ticket = UUID.randomUUID();
        publish(created(ticket, CustomerTier.PROFESSIONAL, "en"));
        publish(triaged(ticket, "integration", Priority.P2));
        awaitAssignment(ticket);

        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics)
                .containsPattern(
                        "ts_routing_assignments_total\\{[^}]*rule=\"integration\",team=\"devrel\"[^}]*} [1-9]");
        assertThat(metrics)
                .containsPattern("ts_routing_assignment_latency_seconds_count\\{[^}]*team=\"devrel\"[^}]*} [1-9]");
    }

    /** Whether the ticket's assignment is open, from the API. */
    private static boolean open(UUID ticket) {
        return given().auth()
                .oauth2(TestTokens.agent())
                .get("/api/v1/assignments/{id}", ticket)
                .jsonPath()
                .getBoolean("open");
    }

    private static int load(String team, String agent) {
        List<Map<String, Object>> agents = given().auth()
                .oauth2(TestTokens.agent())
                .get("/api/v1/teams")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("find { it.id == '" + team + "' }.agents");
        return agents.stream()
                .filter(a -> agent.equals(a.get("id")))
                .mapToInt(a -> ((Number) a.get("open_assignments")).intValue())
                .findFirst()
                .orElseThrow();
    }

    private String state(UUID ticket) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT created_seen, triaged_seen, assigned FROM routing_ticket WHERE ticket_id = ?")) {
            statement.setObject(1, ticket);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return "unknown";
                }
                if (row.getBoolean(3)) {
                    return "assigned";
                }
                return row.getBoolean(1) ? "created-only" : row.getBoolean(2) ? "triaged-only" : "empty";
            }
        }
    }

    private String cursor(String team) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement =
                        connection.prepareStatement("SELECT last_agent_id FROM routing_cursor WHERE team_id = ?")) {
            statement.setString(1, team);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        }
    }
}
