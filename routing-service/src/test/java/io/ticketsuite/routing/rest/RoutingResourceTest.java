package io.ticketsuite.routing.rest;

import static io.restassured.RestAssured.given;
import static io.ticketsuite.routing.TestEvents.created;
import static io.ticketsuite.routing.TestEvents.publish;
import static io.ticketsuite.routing.TestEvents.triaged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.ticketsuite.events.CustomerTier;
import io.ticketsuite.events.Priority;
import io.ticketsuite.testkit.TestInfrastructure;
import io.ticketsuite.testkit.TestTokens;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The REST API: assignments, teams with load, rules, and problem+json errors. */
@QuarkusTest
@QuarkusTestResource(value = TestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "routing"))
class RoutingResourceTest {

    @Test
    void shouldAnswerNotFoundAsProblemJsonForATicketNotAssignedYet() {
        UUID ticket = UUID.randomUUID();

        given().auth()
                .oauth2(TestTokens.agent())
                .get("/api/v1/assignments/{id}", ticket)
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("https://ticketsuite.io/problems/not-found"))
                .body("status", equalTo(404))
                .body("detail", equalTo("assignment of ticket " + ticket + " does not exist"))
                .body("instance", equalTo("/api/v1/assignments/" + ticket));
    }

    @Test
    void shouldAnswerNotFoundAsProblemJsonForAMalformedTicketId() {
        given().auth()
                .oauth2(TestTokens.agent())
                .get("/api/v1/assignments/not-a-uuid")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("type", equalTo("https://ticketsuite.io/problems/not-found"))
                .body("detail", containsString("not-a-uuid"));
    }

    @Test
    void shouldReturnTheAssignmentWithTeamAgentLeadRuleAndReason() {
        UUID ticket = UUID.randomUUID();
        publish(created(ticket, CustomerTier.STARTER, "fr"));
        publish(triaged(ticket, "billing", Priority.P3));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> given().auth()
                                .oauth2(TestTokens.agent())
                                .get("/api/v1/assignments/{id}", ticket)
                                .statusCode()
                        == 200);
        given().auth()
                .oauth2(TestTokens.agent())
                .get("/api/v1/assignments/{id}", ticket)
                .then()
                .statusCode(200)
                .contentType("application/json")
                .body("ticket_id", equalTo(ticket.toString()))
                .body("team_id", equalTo("billing"))
                .body("team_name", equalTo("Billing"))
                .body("team_lead_id", equalTo("lead-billing"))
                .body("agent_id", equalTo("agent-billing-2"))
                .body("agent_name", equalTo("Louis Martin"))
                .body("rule", equalTo("billing"))
                .body(
                        "reason",
                        equalTo(
                                "category billing → billing (rule billing); agent chosen round-robin among fr speakers"))
                .body("category", equalTo("billing"))
                .body("customer_tier", equalTo("STARTER"))
                .body("language", equalTo("fr"))
                .body("open", equalTo(true))
                .body("assigned_at", notNullValue())
                .body("triaged_at", notNullValue());
    }

    @Test
    void shouldListEveryTeamWithItsLeadAgentsAndLoad() {
        JsonPath teams = given().auth()
                .oauth2(TestTokens.agent())
                .get("/api/v1/teams")
                .then()
                .statusCode(200)
                .body(
                        "id",
                        hasItems(
                                "billing",
                                "account-management",
                                "eng-tier1",
                                "eng-tier2",
                                "eng-tier3",
                                "account",
                                "product",
                                "devrel",
                                "security",
                                "clinical-safety"))
                .body("", hasSize(10))
                .extract()
                .jsonPath();

        Map<String, Object> billing = teams.getMap("find { it.id == 'billing' }");
        assertThat(billing).containsEntry("name", "Billing");
        assertThat(teams.getString("find { it.id == 'billing' }.lead.id")).isEqualTo("lead-billing");
        assertThat(teams.getBoolean("find { it.id == 'billing' }.lead.agent")).isFalse();
        assertThat(teams.getBoolean("find { it.id == 'security' }.lead.agent")).isTrue();
        assertThat(teams.getString("find { it.id == 'clinical-safety' }.lead.id"))
                .isEqualTo("lead-clinical-safety");
        assertThat(teams.getString("find { it.id == 'eng-tier2' }.tier")).isEqualTo("T2");
        assertThat(teams.getString("find { it.id == 'billing' }.tier")).isNull();
        List<Map<String, Object>> agents = teams.getList("find { it.id == 'billing' }.agents");
        assertThat(agents).hasSizeBetween(2, 4);
        assertThat(agents).allSatisfy(agent -> {
            assertThat(agent)
                    .containsKeys("languages", "skills", "seniority", "capacity", "open_assignments", "status");
            assertThat(((Number) agent.get("open_assignments")).intValue()).isNotNegative();
        });
        assertThat(teams.getList("agents.flatten().seniority", String.class)).containsOnly("JUNIOR", "SENIOR", "LEAD");
        assertThat(teams.getList("findAll { it.agents.size() < 2 || it.agents.size() > 4 }"))
                .isEmpty();
    }

    @Test
    void shouldListTheRulesInEvaluationOrder() {
        given().auth()
                .oauth2(TestTokens.agent())
                .get("/api/v1/routing-rules")
                .then()
                .statusCode(200)
                .body("", hasSize(10))
                .body("[0].id", equalTo("safety"))
                .body("[0].team_id", equalTo("clinical-safety"))
                .body("[0].immediate", equalTo(true))
                .body("[1].id", equalTo("billing-enterprise"))
                .body("[1].categories", equalTo(List.of("billing")))
                .body("[1].tiers", equalTo(List.of("ENTERPRISE")))
                .body("[1].team_id", equalTo("account-management"))
                .body("[1].strategy", equalTo("ROUND_ROBIN"))
                .body("[3].immediate", equalTo(true))
                .body("[9].id", equalTo("default"))
                .body("[9].strategy", equalTo("LEAST_LOADED"))
                .body("[9].order", equalTo(10));
    }

    @Test
    void shouldDocumentTheApiAndReportReady() {
        given().get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .body(containsString("/api/v1/assignments/{ticketId}"))
                .body(containsString("/api/v1/teams"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }
}
