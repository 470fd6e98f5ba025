package io.ticketsuite.triage.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.ticketsuite.testkit.TestTokens;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The contract of POST /api/v1/classify, including every problem+json refusal. */
@QuarkusTest
class ClassifyResourceTest {
    private static final String PROBLEM = "application/problem+json";
    private static final String PROBLEMS = "https://ticketsuite.io/problems/";

    @Inject
    DataSource dataSource;

    @Test
    void shouldClassifyABillingTicketWithItsExplanation() {
        given().auth()
                .oauth2(TestTokens.agent())
                .contentType(ContentType.JSON)
                .body("""
                        {"subject": "Charged twice on my invoice",
                         "description": "My card was charged twice this month, please refund one payment.",
                         "customer": {"tier": "Professional"}}""")
                .post("/api/v1/classify")
                .then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .body("category", equalTo("billing"))
                .body("priority", equalTo("P3"))
                .body("confidence", allOf(greaterThan(0.5f), lessThanOrEqualTo(1f)))
                .body("explanation.rule_pack_version", equalTo(io.ticketsuite.triage.TicketSamples.PACK_VERSION))
                .body("explanation.scores.billing", greaterThan(0f))
                .body("explanation.matched_terms.term", hasItem("invoice"))
                .body("explanation.matched_terms.field", hasItem("subject"))
                .body("explanation.category_rule", containsString("billing"))
                .body("explanation.priority.customer_tier", equalTo("PROFESSIONAL"))
                .body("explanation.priority.rule", containsString("P3"));
    }

    @Test
    void shouldClassifyWithoutACustomerAndFromTheDescriptionAlone() {
        given().auth()
                .oauth2(TestTokens.agent())
                .contentType(ContentType.JSON)
                .body("{\"description\": \"The app crashes with an error every time I open the settings page.\"}")
                .post("/api/v1/classify")
                .then()
                .statusCode(200)
                .body("category", equalTo("technical"))
                .body("explanation.priority.tier_adjustment", equalTo(0));
    }

    @Test
    void shouldRaiseThePriorityForEnterpriseAndLowerItForFreeCustomers() {
        String text = "\"subject\": \"Export fails with an error\", \"description\": \"The CSV export is broken.\"";
        String enterprise = priority("{" + text + ", \"customer\": {\"tier\": \"enterprise\"}}");
        String free = priority("{" + text + ", \"customer\": {\"tier\": \"FREE\"}}");
        assertThat(enterprise).isEqualTo("P2");
        assertThat(free).isEqualTo("P4");
    }

    @Test
    void shouldForceAHighPriorityForASecurityIncident() {
        given().auth()
                .oauth2(TestTokens.agent())
                .contentType(ContentType.JSON)
                .body("""
                        {"subject": "Security breach", "description": "Our admin account was hacked and customer
                         data exposed.", "customer": {"tier": "starter"}}""".replace("\n", ""))
                .post("/api/v1/classify")
                .then()
                .statusCode(200)
                .body("category", equalTo("security"))
                .body("priority", equalTo("P1"))
                .body("explanation.priority.security_signals.signal", hasItem("breach"));
    }

    @Test
    void shouldNotStoreAnything() throws Exception {
        long before = decisions();
        given().auth()
                .oauth2(TestTokens.agent())
                .contentType(ContentType.JSON)
                .body("{\"subject\": \"Refund please\"}")
                .post("/api/v1/classify")
                .then()
                .statusCode(200)
                .body("category", equalTo("billing"));
        assertThat(decisions()).isEqualTo(before);
    }

    @Test
    void shouldRefuseAnEmptyBody() {
        given().auth()
                .oauth2(TestTokens.agent())
                .contentType(ContentType.JSON)
                .post("/api/v1/classify")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("type", equalTo(PROBLEMS + "validation"))
                .body("status", equalTo(400))
                .body("errors.field", hasItem("body"))
                .body("instance", equalTo("/api/v1/classify"));
    }

    @Test
    void shouldRefuseABodyWithNeitherSubjectNorDescription() {
        given().auth()
                .oauth2(TestTokens.agent())
                .contentType(ContentType.JSON)
                .body("{\"subject\": \"  \", \"customer\": {\"tier\": \"FREE\"}}")
                .post("/api/v1/classify")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("type", equalTo(PROBLEMS + "validation"))
                .body("errors.field", containsInAnyOrder("subject", "description"));
    }

    @Test
    void shouldRefuseMalformedJson() {
        given().auth()
                .oauth2(TestTokens.agent())
                .contentType(ContentType.JSON)
                .body("{\"subject\": \"Refund\", ")
                .post("/api/v1/classify")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("type", equalTo(PROBLEMS + "malformed-json"))
                .body("detail", containsString("not valid JSON"));
    }

    @Test
    void shouldRefuseAJsonValueThatIsNotAnObject() {
        given().auth()
                .oauth2(TestTokens.agent())
                .contentType(ContentType.JSON)
                .body("[\"Refund\"]")
                .post("/api/v1/classify")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("type", equalTo(PROBLEMS + "malformed-json"));
    }

    @Test
    void shouldRefuseAnUnknownTierNamingTheAllowedOnes() {
        given().auth()
                .oauth2(TestTokens.agent())
                .contentType(ContentType.JSON)
                .body("{\"subject\": \"Refund\", \"customer\": {\"tier\": \"platinum\"}}")
                .post("/api/v1/classify")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("type", equalTo(PROBLEMS + "validation"))
                .body("errors[0].field", equalTo("customer.tier"))
                .body("errors[0].message", containsString("ENTERPRISE"));
    }

    @Test
    void shouldRefuseAnOversizedBody() {
        String description = "x".repeat(300_000);
        given().auth()
                .oauth2(TestTokens.agent())
                .contentType(ContentType.JSON)
                .body("{\"subject\": \"Refund\", \"description\": \"" + description + "\"}")
                .post("/api/v1/classify")
                .then()
                .statusCode(413)
                .contentType(PROBLEM)
                .body("type", equalTo(PROBLEMS + "payload-too-large"))
                .body("status", equalTo(413))
                .body("detail", containsString("262144"));
    }

    @Test
    void shouldAcceptABodyJustUnderTheLimit() {
        String description = "refund ".repeat(4_000);
        given().auth()
                .oauth2(TestTokens.agent())
                .contentType(ContentType.JSON)
                .body("{\"subject\": \"Refund\", \"description\": \"" + description + "\"}")
                .post("/api/v1/classify")
                .then()
                .statusCode(200)
                .body("category", equalTo("billing"))
                .body("confidence", greaterThanOrEqualTo(0.5f));
    }

    @Test
    void shouldRefuseAnotherContentType() {
        given().auth()
                .oauth2(TestTokens.agent())
                .contentType(ContentType.TEXT)
                .body("Refund please")
                .post("/api/v1/classify")
                .then()
                .statusCode(415)
                .contentType(PROBLEM)
                .body("type", equalTo(PROBLEMS + "unsupported-media-type"));
    }

    @Test
    void shouldRefuseAnotherMethod() {
        given().auth()
                .oauth2(TestTokens.agent())
                .get("/api/v1/classify")
                .then()
                .statusCode(405)
                .contentType(PROBLEM)
                .body("type", equalTo(PROBLEMS + "method-not-allowed"));
    }

    @Test
    void shouldRefuseANulCharacterInATextAsAValidationProblem() {
        given().auth()
                .oauth2(TestTokens.agent())
                .contentType(ContentType.JSON)
                .body("{\"subject\": \"Refund\\u0000please\", \"description\": \"Charged twice.\"}")
                .post("/api/v1/classify")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("type", equalTo(PROBLEMS + "validation"))
                .body("errors.field", hasItem("subject"));
        given().auth()
                .oauth2(TestTokens.agent())
                .contentType(ContentType.JSON)
                .body("{\"description\": \"Charged\0twice\"}")
                .post("/api/v1/classify")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("type", equalTo(PROBLEMS + "validation"))
                .body("errors.field", hasItem("description"));
    }

    /**
     * A burst from one principal is absorbed up to its bucket's capacity, then refused with a 429 problem and
     * Retry-After; another principal of the same role is not affected. The burst comes from an agent of its own
     * (the kit's default for agents: a burst of 600, refilled over a minute), so other tests' budgets are untouched.
     */
    @Test
    void shouldRefuseABurstFromOnePrincipalWith429AndRetryAfter() {
        String burster = TestTokens.staff("agent-burst-" + UUID.randomUUID(), "agent");
        int accepted = 0;
        Response refused = null;
        while (refused == null && accepted < 5_000) {
            Response response = classifyAs(burster);
            if (response.statusCode() == 429) {
                refused = response;
            } else {
                assertThat(response.statusCode()).isEqualTo(200);
                accepted++;
            }
        }

        assertThat(refused)
                .as("no 429 after %d previews from one principal", accepted)
                .isNotNull();
        assertThat(accepted).isGreaterThanOrEqualTo(600);
        refused.then()
                .contentType(PROBLEM)
                .body("type", equalTo(PROBLEMS + "too-many-requests"))
                .body("status", equalTo(429))
                .body("detail", containsString("classify"));
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 60L);

        classifyAs(TestTokens.staff("agent-burst-" + UUID.randomUUID(), "agent"))
                .then()
                .statusCode(200);
    }

    private static Response classifyAs(String token) {
        return given().auth()
                .oauth2(token)
                .contentType(ContentType.JSON)
                .body("{\"subject\": \"Refund please\"}")
                .post("/api/v1/classify");
    }

    private static String priority(String body) {
        return given().auth()
                .oauth2(TestTokens.agent())
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/classify")
                .then()
                .statusCode(200)
                .body("category", equalTo("technical"))
                .extract()
                .path("priority");
    }

    private long decisions() throws Exception {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT count(*) FROM triage_decision")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
