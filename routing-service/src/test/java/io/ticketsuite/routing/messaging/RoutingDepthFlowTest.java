package io.ticketsuite.routing.messaging;

import static io.restassured.RestAssured.given;
import static io.ticketsuite.routing.TestEvents.created;
import static io.ticketsuite.routing.TestEvents.isReassignmentOf;
import static io.ticketsuite.routing.TestEvents.publish;
import static io.ticketsuite.routing.TestEvents.reclassified;
import static io.ticketsuite.routing.TestEvents.statusChanged;
import static io.ticketsuite.routing.TestEvents.triaged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.ticketsuite.events.CustomerTier;
import io.ticketsuite.events.Priority;
import io.ticketsuite.events.TicketReassigned;
import io.ticketsuite.events.TicketStatus;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Routing depth against the real broker and PostgreSQL: safety, a lead's reassignment, tier escalation,
 * re-routing on reclassification, continuity, VIP and an agent going offline, each announced on routing-events.
 */
@QuarkusTest
@QuarkusTestResource(value = TestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "routing"))
class RoutingDepthFlowTest {
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

    private static String lead() {
        return TestTokens.staff("lead-eng-tier1", "lead");
    }

    private static JsonPath assignment(UUID ticket) {
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

    private static UUID routed(String customer, CustomerTier tier, String category) {
        UUID ticket = UUID.randomUUID();
        publish(created(ticket, customer, tier, "en"));
        publish(triaged(ticket, category, Priority.P3));
        assignment(ticket);
        return ticket;
    }

    private TicketReassigned reassignedEvent(UUID ticket, int nth) {
        List<ConsumerRecord<String, String>> records =
                routingEvents.await(r -> isReassignmentOf(r, ticket), nth, TIMEOUT);
        assertThat(records).as("ticket.reassigned of %s", ticket).hasSizeGreaterThanOrEqualTo(nth);
        return (TicketReassigned) TestEvents.decode(records.get(nth - 1));
    }

    private static JsonPath post(String token, String path, UUID ticket, Map<String, Object> body, int status) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(body)
                .post(path, ticket)
                .then()
                .statusCode(status)
                .extract()
                .jsonPath();
    }

    private static void setStatus(String token, String agent, String status, int expected) {
        given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body(Map.of("status", status))
                .put("/api/v1/agents/{id}/status", agent)
                .then()
                .statusCode(expected);
    }

    @Test
    void shouldRouteSafetyToClinicalSafetyImmediatelyToACrisisSupportAgent() {
        UUID ticket = UUID.randomUUID();
        publish(created(ticket, CustomerTier.FREE, "en"));
        publish(triaged(ticket, "safety", Priority.P1));

        JsonPath a = assignment(ticket);
        assertThat(a.getString("team_id")).isEqualTo("clinical-safety");
        assertThat(a.getString("team_lead_id")).isEqualTo("lead-clinical-safety");
        assertThat(a.getString("agent_id")).isIn("agent-clinical-safety-1", "agent-clinical-safety-2");
        assertThat(a.getString("reason"))
                .startsWith("category safety → clinical-safety (rule safety), immediately; agent chosen least loaded")
                .contains("skills [crisis-support] required: matched by [agent-clinical-safety-1, "
                        + "agent-clinical-safety-2]");
    }

    @Test
    void shouldLetALeadReassignToAnAgentOrATeamAndAnnounceIt() throws SQLException {
        UUID ticket = routed("c-reassign-" + UUID.randomUUID(), CustomerTier.PROFESSIONAL, "technical");
        String from = assignment(ticket).getString("agent_id");
        String to =
                TIER1.stream().filter(a -> !a.equals(from)).sorted().findFirst().orElseThrow();
        int fromLoad = load(from);
        int toLoad = load(to);

        JsonPath moved = post(
                lead(),
                "/api/v1/assignments/{id}/reassign",
                ticket,
                Map.of("agent_id", to, "reason", "Chloé knows this customer"),
                200);
        assertThat(moved.getString("agent_id")).isEqualTo(to);
        assertThat(moved.getString("rule")).isEqualTo("reassignment");
        assertThat(moved.getInt("reassignments")).isEqualTo(1);
        assertThat(moved.getString("reason"))
                .isEqualTo("reassigned to " + to + " by lead-eng-tier1: Chloé knows" + " this customer");
        TicketReassigned event = reassignedEvent(ticket, 1);
        assertThat(event.fromAgentId()).isEqualTo(from);
        assertThat(event.toAgentId()).isEqualTo(to);
        assertThat(event.teamId()).isEqualTo("eng-tier1");
        assertThat(event.fromTeamId()).isEqualTo("eng-tier1");
        assertThat(event.tier()).isEqualTo("T1");
        assertThat(event.reassignedBy()).isEqualTo("lead-eng-tier1");
        assertThat(event.reason()).isEqualTo(moved.getString("reason"));
        assertThat(load(from)).isEqualTo(fromLoad - 1);
        assertThat(load(to)).isEqualTo(toLoad + 1);

        JsonPath product = post(
                TestTokens.admin(),
                "/api/v1/assignments/{id}/reassign",
                ticket,
                Map.of("team_id", "product", "reason", "a feature request, not a bug"),
                200);
        assertThat(product.getString("team_id")).isEqualTo("product");
        assertThat(product.getString("agent_id")).startsWith("agent-product-");
        assertThat(product.getString("reason"))
                .startsWith("reassigned to team product by admin-1: a feature request, not a bug; agent chosen least"
                        + " loaded");
        TicketReassigned second = reassignedEvent(ticket, 2);
        assertThat(second.fromTeamId()).isEqualTo("eng-tier1");
        assertThat(second.teamId()).isEqualTo("product");
        assertThat(second.tier()).isNull();
        assertThat(second.reassignedBy()).isEqualTo("admin-1");
        assertThat(load(to)).isEqualTo(toLoad);
        assertCountersMatchOpenAssignments();

        // who may, and what is refused
        post(
                TestTokens.agent(),
                "/api/v1/assignments/{id}/reassign",
                ticket,
                Map.of("team_id", "billing", "reason", "x"),
                403);
        post(lead(), "/api/v1/assignments/{id}/reassign", ticket, Map.of("reason", "somewhere"), 400)
                .getList("errors.field")
                .contains("agent_id");
        post(lead(), "/api/v1/assignments/{id}/reassign", ticket, Map.of("agent_id", "nobody", "reason", "x"), 400);
        post(lead(), "/api/v1/assignments/{id}/reassign", ticket, Map.of("team_id", "billing"), 400);
        post(
                lead(),
                "/api/v1/assignments/{id}/reassign",
                ticket,
                Map.of("agent_id", product.getString("agent_id"), "reason", "again"),
                409);
        post(
                lead(),
                "/api/v1/assignments/{id}/reassign",
                UUID.randomUUID(),
                Map.of("team_id", "billing", "reason", "x"),
                404);
    }

    @Test
    void shouldEscalateFromTier1ToTier3WithTheReasonAndRefuseBeyond() {
        UUID ticket = routed("c-tier-" + UUID.randomUUID(), CustomerTier.STARTER, "technical");
        assertThat(assignment(ticket).getString("tier")).isEqualTo("T1");
        String agent = TestTokens.staff("agent-eng-tier1-1", "agent");

        post(agent, "/api/v1/assignments/{id}/escalate-tier", ticket, Map.of(), 400);
        JsonPath t2 = post(
                agent,
                "/api/v1/assignments/{id}/escalate-tier",
                ticket,
                Map.of("reason", "Reproduced; needs a database fix"),
                200);
        assertThat(t2.getString("team_id")).isEqualTo("eng-tier2");
        assertThat(t2.getString("tier")).isEqualTo("T2");
        assertThat(t2.getString("agent_id")).startsWith("agent-eng-tier2-");
        assertThat(t2.getString("rule")).isEqualTo("tier-escalation");
        assertThat(t2.getString("reason"))
                .startsWith("tier escalation T1 → T2 (eng-tier1 → eng-tier2) by agent-eng-tier1-1: Reproduced; needs"
                        + " a database fix; agent chosen least loaded");
        TicketReassigned event = reassignedEvent(ticket, 1);
        assertThat(event.tier()).isEqualTo("T2");
        assertThat(event.teamId()).isEqualTo("eng-tier2");
        assertThat(event.fromTeamId()).isEqualTo("eng-tier1");
        assertThat(event.toAgentId()).isEqualTo(t2.getString("agent_id"));
        assertThat(event.reassignedBy()).isEqualTo("agent-eng-tier1-1");
        assertThat(event.reason()).contains("Reproduced; needs a database fix");

        JsonPath t3 =
                post(lead(), "/api/v1/assignments/{id}/escalate-tier", ticket, Map.of("reason", "data loss risk"), 200);
        assertThat(t3.getString("team_id")).isEqualTo("eng-tier3");
        assertThat(reassignedEvent(ticket, 2).tier()).isEqualTo("T3");

        post(lead(), "/api/v1/assignments/{id}/escalate-tier", ticket, Map.of("reason", "more"), 409)
                .getString("detail")
                .contains("Tier 3");
        given().auth()
                .oauth2(lead())
                .contentType(ContentType.JSON)
                .body(Map.of("reason", "more"))
                .post("/api/v1/assignments/{id}/escalate-tier", ticket)
                .then()
                .statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("already at Tier 3"));

        UUID billing = routed("c-tier-" + UUID.randomUUID(), CustomerTier.STARTER, "billing");
        given().auth()
                .oauth2(agent)
                .contentType(ContentType.JSON)
                .body(Map.of("reason", "hard"))
                .post("/api/v1/assignments/{id}/escalate-tier", billing)
                .then()
                .statusCode(409)
                .body("detail", containsString("not a tiered team"));
        post(TestTokens.customer(), "/api/v1/assignments/{id}/escalate-tier", ticket, Map.of("reason", "x"), 403);
    }

    @Test
    void shouldReRouteAReclassifiedTicketNobodyWorksOnAndSayWhy() {
        UUID ticket = routed("c-reclass-" + UUID.randomUUID(), CustomerTier.PROFESSIONAL, "technical");
        String from = assignment(ticket).getString("agent_id");

        publish(reclassified(ticket, "technical", "security", Priority.P3, Priority.P1, "customer reports a leak"));

        TicketReassigned event = reassignedEvent(ticket, 1);
        assertThat(event.fromTeamId()).isEqualTo("eng-tier1");
        assertThat(event.fromAgentId()).isEqualTo(from);
        assertThat(event.teamId()).isEqualTo("security");
        assertThat(event.reassignedBy()).isEqualTo("routing-service");
        assertThat(event.reason())
                .startsWith(
                        "reclassified technical/P3 → security/P1 by agent-eng-tier1-2 (customer reports a leak), not yet"
                                + " being worked:"
                                + " category security → security (rule security), immediately; agent chosen least loaded");
        JsonPath a = assignment(ticket);
        assertThat(a.getString("team_id")).isEqualTo("security");
        assertThat(a.getString("rule")).isEqualTo("security");
        assertThat(a.getString("category")).isEqualTo("security");
        assertThat(a.getString("priority")).isEqualTo("P1");
    }

    @Test
    void shouldKeepAReclassifiedTicketThatIsBeingWorkedAndSaySo() throws SQLException {
        UUID ticket = routed("c-worked-" + UUID.randomUUID(), CustomerTier.PROFESSIONAL, "technical");
        String agent = assignment(ticket).getString("agent_id");
        publish(statusChanged(ticket, TicketStatus.ASSIGNED, TicketStatus.IN_PROGRESS));
        await().atMost(TIMEOUT).until(() -> "IN_PROGRESS".equals(RoutingTables.status(dataSource, ticket)));

        publish(reclassified(ticket, "technical", "billing", Priority.P3, Priority.P3, "it is about an invoice"));

        await().atMost(TIMEOUT)
                .until(() -> assignment(ticket).getString("reason").contains("being worked"));
        JsonPath a = assignment(ticket);
        assertThat(a.getString("team_id")).isEqualTo("eng-tier1");
        assertThat(a.getString("agent_id")).isEqualTo(agent);
        assertThat(a.getString("category")).isEqualTo("billing");
        assertThat(a.getString("reason"))
                .endsWith(
                        "; reclassified technical/P3 → billing/P3 by agent-eng-tier1-2 (it is about an invoice): kept with "
                                + agent + " because the ticket is IN_PROGRESS (being worked)");
        assertThat(routingEvents.drain(r -> isReassignmentOf(r, ticket), Duration.ofSeconds(2)))
                .isEmpty();
    }

    @Test
    void shouldGiveAReturningCustomerTheirPreviousAgentUnlessTheyAreAway() {
        String customer = "c-returning-" + UUID.randomUUID();
        UUID first = routed(customer, CustomerTier.STARTER, "account");
        String previous = assignment(first).getString("agent_id");

        UUID second = routed(customer, CustomerTier.STARTER, "account");
        JsonPath again = assignment(second);
        assertThat(again.getString("agent_id")).isEqualTo(previous);
        assertThat(again.getString("reason"))
                .startsWith("category account → account (rule account); agent chosen by continuity: " + previous
                        + " last helped this customer");

        setStatus(TestTokens.staff(previous, "agent"), previous, "away", 200);
        try {
            UUID third = routed(customer, CustomerTier.STARTER, "account");
            JsonPath other = assignment(third);
            assertThat(other.getString("agent_id")).isNotEqualTo(previous);
            assertThat(other.getString("reason"))
                    .contains("continuity passed over: " + previous + " last helped this customer but is away")
                    .endsWith("passed over: " + previous + " (away)");
        } finally {
            setStatus(TestTokens.lead(), previous, "available", 200);
        }
    }

    @Test
    void shouldGiveAVipCustomersTicketToASeniorAgent() {
        String customer = "c-vip-" + UUID.randomUUID();
        given().auth()
                .oauth2(TestTokens.admin())
                .contentType(ContentType.JSON)
                .body(Map.of("note", "strategic account"))
                .put("/api/v1/vip-customers/{id}", customer)
                .then()
                .statusCode(200)
                .body("flagged_by", equalTo("admin-1"));
        try {
            for (int i = 0; i < 2; i++) {
                UUID ticket = UUID.randomUUID();
                publish(created(ticket, customer + "-" + i, CustomerTier.FREE, "en"));
                publish(triaged(ticket, "general", Priority.P4));
                assertThat(assignment(ticket).getString("agent_id")).isIn(TIER1);
            }
            UUID ticket = routed(customer, CustomerTier.FREE, "technical");
            JsonPath a = assignment(ticket);
            assertThat(a.getString("agent_id")).isEqualTo("agent-eng-tier1-3");
            assertThat(a.getString("reason"))
                    .contains("VIP customer: senior agents only")
                    .contains("agent-eng-tier1-1 (not senior (VIP customer))");
        } finally {
            given().auth()
                    .oauth2(TestTokens.admin())
                    .delete("/api/v1/vip-customers/{id}", customer)
                    .then()
                    .statusCode(204);
        }
    }

    @Test
    void shouldHandAnOfflineAgentsUnstartedTicketsToColleaguesAndKeepTheWorkedOnes() throws SQLException {
        String customer = "c-offline-" + UUID.randomUUID();
        UUID unstarted = routed(customer, CustomerTier.PROFESSIONAL, "integration");
        String agent = assignment(unstarted).getString("agent_id");
        UUID worked = routed(customer, CustomerTier.PROFESSIONAL, "integration");
        assertThat(assignment(worked).getString("agent_id")).isEqualTo(agent);
        publish(statusChanged(worked, TicketStatus.ASSIGNED, TicketStatus.IN_PROGRESS));
        await().atMost(TIMEOUT).until(() -> "IN_PROGRESS".equals(RoutingTables.status(dataSource, worked)));

        setStatus(TestTokens.staff("agent-devrel-9", "agent"), agent, "offline", 403);
        try {
            JsonPath response = given().auth()
                    .oauth2(TestTokens.staff(agent, "agent"))
                    .contentType(ContentType.JSON)
                    .body(Map.of("status", "OFFLINE"))
                    .put("/api/v1/agents/{id}/status", agent)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertThat(response.getString("agent.status")).isEqualTo("OFFLINE");
            assertThat(response.getList("rebalanced_tickets", String.class)).contains(unstarted.toString());
            assertThat(response.getList("rebalanced_tickets", String.class)).doesNotContain(worked.toString());

            TicketReassigned event = reassignedEvent(unstarted, 1);
            assertThat(event.fromAgentId()).isEqualTo(agent);
            assertThat(event.toAgentId()).startsWith("agent-devrel-").isNotEqualTo(agent);
            assertThat(event.teamId()).isEqualTo("devrel");
            assertThat(event.reassignedBy()).isEqualTo("routing-service");
            assertThat(event.reason()).startsWith(agent + " went offline (set by " + agent + ")");
            assertThat(event.reason()).contains("passed over: " + agent + " (going offline)");
            assertThat(assignment(worked).getString("agent_id")).isEqualTo(agent);
            assertCountersMatchOpenAssignments();

            // offline agents get no new tickets
            UUID next = routed("c-offline-other-" + UUID.randomUUID(), CustomerTier.PROFESSIONAL, "integration");
            assertThat(assignment(next).getString("agent_id")).isNotEqualTo(agent);
        } finally {
            setStatus(TestTokens.lead(), agent, "available", 200);
        }
    }

    @Test
    void shouldFindThePreviousAgentAndAnAgentsOpenTicketsThroughIndexes() throws SQLException {
        // what routing reads per decision besides the team's agents: neither may scan the assignment history
        assertThat(plan("SELECT agent_id FROM assignment WHERE customer_id = 'c-1' AND agent_id IS NOT NULL"
                        + " AND assigned_at >= now() - interval '30 days' ORDER BY assigned_at DESC LIMIT 1"))
                .contains("assignment_customer_idx")
                .doesNotContain("Seq Scan on assignment");
        assertThat(plan("SELECT ticket_id FROM assignment WHERE agent_id = 'agent-devrel-1' AND open"))
                .contains("assignment_open_agent_idx")
                .doesNotContain("Seq Scan on assignment");
    }

    private String plan(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                java.sql.Statement statement = connection.createStatement()) {
            // on a small test table the planner would scan anyway; without a usable index it still has to
            statement.execute("SET enable_seqscan = off");
            StringBuilder plan = new StringBuilder();
            try (ResultSet rows = statement.executeQuery("EXPLAIN " + sql)) {
                while (rows.next()) {
                    plan.append(rows.getString(1)).append('\n');
                }
            } finally {
                statement.execute("RESET enable_seqscan");
            }
            return plan.toString();
        }
    }

    private static int load(String agent) {
        List<Map<String, Object>> agents = given().auth()
                .oauth2(TestTokens.agent())
                .get("/api/v1/teams")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("agents.flatten()");
        return agents.stream()
                .filter(a -> agent.equals(a.get("id")))
                .mapToInt(a -> ((Number) a.get("open_assignments")).intValue())
                .findFirst()
                .orElseThrow();
    }

    /** The maintained counters equal a count of the open assignments (no drift through assign, move, close). */
    private void assertCountersMatchOpenAssignments() throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT id, open_assignments,"
                        + " (SELECT count(*) FROM assignment a WHERE a.agent_id = agent.id AND a.open) FROM agent");
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                assertThat(rows.getInt(2))
                        .as("load counter of %s", rows.getString(1))
                        .isEqualTo(rows.getInt(3));
            }
        }
    }
}
