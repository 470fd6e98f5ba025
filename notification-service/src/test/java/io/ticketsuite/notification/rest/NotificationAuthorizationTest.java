package io.ticketsuite.notification.rest;

import static io.restassured.RestAssured.given;
import static io.ticketsuite.notification.TestEvents.created;
import static io.ticketsuite.notification.TestEvents.inbox;
import static io.ticketsuite.notification.TestEvents.publish;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.ticketsuite.events.Channel;
import io.ticketsuite.events.Customer;
import io.ticketsuite.events.CustomerTier;
import io.ticketsuite.events.Priority;
import io.ticketsuite.events.SlaBreached;
import io.ticketsuite.events.SlaClock;
import io.ticketsuite.events.SlaWarning;
import io.ticketsuite.events.TicketAssigned;
import io.ticketsuite.events.TicketCreated;
import io.ticketsuite.events.TicketStatus;
import io.ticketsuite.events.TicketType;
import io.ticketsuite.testkit.TestInfrastructure;
import io.ticketsuite.testkit.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code POST /api/v1/tickets/{id}/satisfaction} × every role: only a customer may answer, and only for their own
 * ticket (another customer's is a 404, their own unresolved ticket a 409); staff, channel systems and tokens without
 * a suite role get 403; no token or a bad one 401.
 *
 * <p>{@code GET /api/v1/notifications} × every role: the caller's own inbox by default; another recipient's inbox
 * (customer A → customer B, an agent → a manager) is admin only; channel systems and tokens without a suite role get
 * 403; no token or a bad one 401. Customer and staff inboxes never mix, whatever the keys look like.
 */
@QuarkusTest
@QuarkusTestResource(
        value = TestInfrastructure.class,
        initArgs = @ResourceArg(name = "service", value = "notification"))
class NotificationAuthorizationTest {
    private static final String PATH = "/api/v1/notifications";
    private static final Duration WAIT = Duration.ofSeconds(40);
    private static final String ANN = "ann@example.com";
    private static final String BEN = "ben@example.com";
    private static final String AGENT = "agent-account-management-1";
    private static final String LEAD = "lead-account-management";
    private static final String MANAGER = "mgr-support";

    /** Tickets whose notifications the inboxes hold (published once per test JVM). */
    private record Fixture(UUID ann, UUID ben, UUID manager, UUID idOnly, String idOnlyCustomer) {}

    private static Fixture fixture;

    private static synchronized Fixture fixture() {
        if (fixture != null) {
            return fixture;
        }
        UUID ann = UUID.randomUUID();
        UUID ben = UUID.randomUUID();
        UUID manager = UUID.randomUUID();
        UUID idOnly = UUID.randomUUID();
        String idOnlyCustomer = "c-" + UUID.randomUUID().toString().substring(0, 8);
        publish(created(ann, TicketType.SUPPORT, ANN, "Ann's invoice"));
        publish(created(ben, TicketType.SUPPORT, BEN, "Ben's login"));
        publish(new TicketCreated(
                idOnly,
                TicketType.SUPPORT,
                Channel.API,
                "A customer without an e-mail address",
                null,
                new Customer(idOnlyCustomer, null, CustomerTier.ENTERPRISE, "en"),
                List.of(),
                null,
                TicketStatus.NEW,
                Instant.now().truncatedTo(ChronoUnit.MILLIS)));
        publish(new TicketAssigned(
                ann,
                "account-management",
                "Account Management",
                AGENT,
                "Agent One",
                LEAD,
                "account-management",
                "category account",
                Instant.now()));
        publish(new SlaWarning(
                ann,
                SlaClock.RESPONSE,
                75,
                Priority.P2,
                Instant.now().plusSeconds(600),
                AGENT,
                "account-management",
                LEAD,
                Instant.now()));
        // a team without a manager of its own: the default manager is told
        publish(new SlaBreached(
                manager,
                SlaClock.RESPONSE,
                100,
                Priority.P2,
                Instant.now(),
                "agent-x",
                "team-" + UUID.randomUUID().toString().substring(0, 8),
                "lead-x",
                Instant.now()));
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(inbox(ANN, ann)).hasSize(1);
            assertThat(inbox(BEN, ben)).hasSize(1);
            assertThat(inbox(idOnlyCustomer, idOnly)).hasSize(1);
            assertThat(inbox(AGENT, ann)).hasSize(1);
            assertThat(inbox(MANAGER, manager)).hasSize(1);
            assertThat(inbox(LEAD, ann)).hasSize(1);
        });
        fixture = new Fixture(ann, ben, manager, idOnly, idOnlyCustomer);
        return fixture;
    }

    private static final String SATISFACTION = "/api/v1/tickets/{id}/satisfaction";

    private static io.restassured.response.ValidatableResponse rate(String token, UUID ticket) {
        RequestSpecification request = given().contentType("application/json").body("{\"score\": 5}");
        if (token != null) {
            request = request.auth().oauth2(token);
        }
        return request.post(SATISFACTION, ticket.toString()).then();
    }

    @Test
    void shouldRefuseSatisfactionAnswersWithoutAValidTokenAs401Problems() {
        UUID ticket = UUID.randomUUID();
        for (String token :
                new String[] {null, "not-a-jwt", TestTokens.expired(), TestTokens.forged(), TestTokens.wrongAudience()
                }) {
            rate(token, ticket)
                    .statusCode(401)
                    .contentType("application/problem+json")
                    .header("WWW-Authenticate", "Bearer")
                    .body("type", equalTo("https://ticketsuite.io/problems/unauthorized"));
        }
    }

    @Test
    void shouldLetOnlyCustomersAnswerSatisfaction() {
        Fixture f = fixture();
        for (String token : new String[] {
            TestTokens.agent(), TestTokens.lead(), TestTokens.admin(), TestTokens.channel(), TestTokens.noRole()
        }) {
            rate(token, f.ann())
                    .statusCode(403)
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://ticketsuite.io/problems/forbidden"));
        }
        // Ben (c-43) on Ann's ticket: not his, so it does not exist for him
        rate(TestTokens.customer2(), f.ann())
                .statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404));
        // Ann on her own ticket: allowed, but it is not resolved yet
        rate(TestTokens.customer(), f.ann())
                .statusCode(409)
                .contentType("application/problem+json")
                .body("type", equalTo("https://ticketsuite.io/problems/not-resolved"));
    }

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token).queryParam("size", 200);
    }

    private static JsonPath read(String token, String recipient) {
        RequestSpecification request = as(token);
        if (recipient != null) {
            request = request.queryParam("recipient", recipient);
        }
        return request.get(PATH).then().statusCode(200).extract().jsonPath();
    }

    private static void refused(String token, String recipient) {
        as(token)
                .queryParam("recipient", recipient)
                .get(PATH)
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("https://ticketsuite.io/problems/forbidden"))
                .body("status", equalTo(403));
    }

    private static List<String> tickets(JsonPath page) {
        return page.getList("items.ticket_id");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", MANAGER})
    void shouldRefuseCallsWithoutAValidTokenAs401Problems(String recipient) {
        for (String token :
                new String[] {null, "not-a-jwt", TestTokens.expired(), TestTokens.forged(), TestTokens.wrongAudience()
                }) {
            RequestSpecification request = given();
            if (token != null) {
                request = request.auth().oauth2(token);
            }
            if (!recipient.isEmpty()) {
                request = request.queryParam("recipient", recipient);
            }
            request.get(PATH)
                    .then()
                    .statusCode(401)
                    .contentType("application/problem+json")
                    .header("WWW-Authenticate", "Bearer")
                    .body("type", equalTo("https://ticketsuite.io/problems/unauthorized"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", MANAGER, ANN})
    void shouldRefuseChannelsAndTokensWithoutASuiteRoleAs403Problems(String recipient) {
        for (String token : new String[] {TestTokens.channel(), TestTokens.noRole()}) {
            RequestSpecification request = given().auth().oauth2(token);
            if (!recipient.isEmpty()) {
                request = request.queryParam("recipient", recipient);
            }
            request.get(PATH)
                    .then()
                    .statusCode(403)
                    .contentType("application/problem+json")
                    .body("type", equalTo("https://ticketsuite.io/problems/forbidden"));
        }
    }

    @Test
    void shouldGiveACustomerTheirOwnInboxOnly() {
        Fixture f = fixture();

        JsonPath ann = read(TestTokens.customer(), null);
        assertThat(tickets(ann))
                .contains(f.ann().toString())
                .doesNotContain(f.ben().toString());
        assertThat(ann.getList("items.recipient", String.class)).containsOnly(ANN);
        assertThat(ann.getList("items.recipient_role", String.class)).containsOnly("CUSTOMER");

        JsonPath ben = read(TestTokens.customer2(), null);
        assertThat(tickets(ben))
                .contains(f.ben().toString())
                .doesNotContain(f.ann().toString());
        assertThat(ben.getList("items.recipient", String.class)).containsOnly(BEN);
    }

    @Test
    void shouldLetACustomerNameTheirOwnAddressOrIdButNobodyElse() {
        Fixture f = fixture();
        assertThat(tickets(read(TestTokens.customer(), "ANN@Example.com")))
                .contains(f.ann().toString());
        assertThat(read(TestTokens.customer(), "c-42").getList("items.recipient", String.class))
                .allMatch("c-42"::equals);

        refused(TestTokens.customer2(), ANN); // c-43 on c-42's inbox
        refused(TestTokens.customer2(), "c-42");
        refused(TestTokens.customer(), BEN);
        refused(TestTokens.customer(), MANAGER);
        refused(TestTokens.customer(), AGENT);
    }

    @Test
    void shouldFindACustomersMessagesAddressedToTheirCustomerId() {
        Fixture f = fixture();
        String token = TestTokens.token(
                "cust-" + f.idOnlyCustomer(), List.of("customer"), Map.of("customer_id", f.idOnlyCustomer()));
        assertThat(tickets(read(token, null))).containsExactly(f.idOnly().toString());
        // another customer with an e-mail address does not see it
        assertThat(tickets(read(TestTokens.customer(), null)))
                .doesNotContain(f.idOnly().toString());
    }

    @Test
    void shouldRefuseACustomerTokenThatNamesNoCustomer() {
        String token = TestTokens.token("cust-anonymous", List.of("customer"), Map.of());
        as(token)
                .get(PATH)
                .then()
                .statusCode(403)
                .contentType("application/problem+json")
                .body("type", equalTo("https://ticketsuite.io/problems/forbidden"));
    }

    @Test
    void shouldGiveStaffTheirOwnInboxOnly() {
        Fixture f = fixture();

        JsonPath agent = read(TestTokens.agent(), null);
        assertThat(agent.getList("items", Map.class))
                .anySatisfy(n -> assertThat(n)
                        .containsEntry("ticket_id", f.ann().toString())
                        .containsEntry("kind", "ticket-assigned"));
        assertThat(agent.getList("items.recipient", String.class)).containsOnly(AGENT);
        assertThat(tickets(read(TestTokens.agent(), AGENT))).contains(f.ann().toString());

        JsonPath manager = read(TestTokens.staff(MANAGER, "lead"), null);
        assertThat(tickets(manager)).contains(f.manager().toString());
        assertThat(manager.getList("items.recipient", String.class)).containsOnly(MANAGER);

        JsonPath lead = read(TestTokens.lead(), null);
        assertThat(lead.getList("items", Map.class))
                .anySatisfy(n -> assertThat(n)
                        .containsEntry("ticket_id", f.ann().toString())
                        .containsEntry("kind", "sla-warning-team-lead"));
        assertThat(lead.getList("items.recipient", String.class)).containsOnly(LEAD);
    }

    @Test
    void shouldRefuseStaffOtherInboxesUnlessAdmin() {
        fixture();
        refused(TestTokens.agent(), MANAGER); // an agent on mgr-support's inbox
        refused(TestTokens.agent(), ANN);
        refused(TestTokens.agent(), LEAD);
        refused(TestTokens.lead(), MANAGER);
        refused(TestTokens.lead(), AGENT);
        refused(TestTokens.lead(), ANN);
        refused(TestTokens.staff(MANAGER, "lead"), AGENT);
    }

    @Test
    void shouldLetAnAdminReadAnyInbox() {
        Fixture f = fixture();
        assertThat(tickets(read(TestTokens.admin(), MANAGER)))
                .contains(f.manager().toString());
        assertThat(tickets(read(TestTokens.admin(), ANN)))
                .contains(f.ann().toString())
                .doesNotContain(f.ben().toString());
        assertThat(tickets(read(TestTokens.admin(), AGENT))).contains(f.ann().toString());
        assertThat(tickets(read(TestTokens.admin(), f.idOnlyCustomer())))
                .containsExactly(f.idOnly().toString());

        JsonPath own = read(TestTokens.admin(), null);
        assertThat(own.getList("items.recipient", String.class)).allMatch("admin-1"::equals);
        assertThat(tickets(own)).doesNotContain(f.ann().toString(), f.manager().toString());
    }

    @Test
    void shouldNeverMixCustomerAndStaffInboxesWhateverTheKeys() {
        Fixture f = fixture();
        // a staff id that looks like Ann's address does not open Ann's (customer) inbox
        JsonPath staffAnn = read(TestTokens.staff(ANN, "agent"), null);
        assertThat(tickets(staffAnn)).doesNotContain(f.ann().toString());
        assertThat(staffAnn.getList("items.recipient_role", String.class)).doesNotContain("CUSTOMER");
        // a customer whose id is a manager's staff id does not open the manager's inbox
        String customerNamedLikeAManager =
                TestTokens.token("cust-odd", List.of("customer"), Map.of("customer_id", MANAGER));
        JsonPath odd = read(customerNamedLikeAManager, null);
        assertThat(tickets(odd)).doesNotContain(f.manager().toString());
        assertThat(odd.getList("items.recipient_role", String.class)).allMatch("CUSTOMER"::equals);
        assertThat(tickets(read(customerNamedLikeAManager, MANAGER)))
                .doesNotContain(f.manager().toString());
    }
}
