package io.ticketsuite.triage.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.junit.QuarkusTest;
import io.ticketsuite.testkit.TestTokens;
import org.junit.jupiter.api.Test;

/** GET /api/v1/rules shows the pack that decides. */
@QuarkusTest
class RuleResourceTest {

    @Test
    void shouldShowTheActivePackWithItsCategoriesAndTerms() {
        given().auth()
                .oauth2(TestTokens.agent())
                .get("/api/v1/rules")
                .then()
                .statusCode(200)
                .contentType("application/json")
                .body("version", equalTo(io.ticketsuite.triage.TicketSamples.PACK_VERSION))
                // the default pack, as shipped or loaded again by an admin (RulePackLifecycleTest rolls back to it)
                .body(
                        "source",
                        org.hamcrest.Matchers.anyOf(
                                equalTo("classpath:/rules/triage-rules.yaml"),
                                org.hamcrest.Matchers.startsWith("api:")))
                .body("fallback_category", equalTo("general"))
                .body(
                        "tie_precedence",
                        hasItems("security", "billing", "account", "integration", "technical", "feature", "general"))
                .body("min_confidence", equalTo(0.3f))
                .body("category_entries", greaterThan(100))
                .body(
                        "categories.name",
                        hasItems("security", "billing", "account", "integration", "technical", "feature"))
                .body("categories.find { it.name == 'billing' }.terms.invoice", equalTo(4.0f))
                .body("categories.find { it.name == 'billing' }.term_count", greaterThan(5))
                .body("categories.find { it.name == 'account' }.phrase_count", greaterThan(0));
    }

    @Test
    void shouldShowThePriorityRules() {
        given().auth()
                .oauth2(TestTokens.agent())
                .get("/api/v1/rules")
                .then()
                .statusCode(200)
                .body("priority.default_urgency", equalTo("MEDIUM"))
                .body("priority.matrix.HIGH.HIGH", equalTo("P1"))
                .body("priority.matrix.MEDIUM.MEDIUM", equalTo("P3"))
                .body("priority.matrix.LOW.LOW", equalTo("P4"))
                .body("priority.tiers.enterprise", equalTo(1))
                .body("priority.tiers.free", equalTo(-1))
                .body("priority.security_floor", equalTo("P2"))
                .body("priority.security_escalation", equalTo("P1"))
                .body("priority.security_signals", greaterThan(5));
    }
}
