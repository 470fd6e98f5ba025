package io.ticketsuite.intake.rest;

import static io.restassured.RestAssured.given;
import static io.ticketsuite.intake.Api.as;
import static io.ticketsuite.intake.Api.asAgent;
import static io.ticketsuite.intake.Api.asChannel;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.ticketsuite.events.AuthorRole;
import io.ticketsuite.events.CloudEventHeaders;
import io.ticketsuite.events.EventCodec;
import io.ticketsuite.events.TicketCommentAdded;
import io.ticketsuite.events.TicketStatusChanged;
import io.ticketsuite.events.Topics;
import io.ticketsuite.testkit.TestTokens;
import io.ticketsuite.testkit.TopicProbe;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every endpoint × every role, and the ownership rules intake enforces: a customer creates only for themselves and
 * never an ESCALATION, sees only their own tickets (anything else is the 404 of an unknown id), never sees INTERNAL
 * comments, comments publicly on their own tickets only, may only reopen or close their own resolved ticket; who
 * acted comes from the token; creates and comments are rate-limited per principal.
 */
@QuarkusTest
class IntakeAuthorizationTest {
    private static final String PROBLEM = "application/problem+json";
    private static final String FORBIDDEN = "https://ticketsuite.io/problems/forbidden";
    private static final String NOT_FOUND = "https://ticketsuite.io/problems/not-found";
    private static final Duration WAIT = Duration.ofSeconds(20);

    /**
     * More requests than a customer may make at once (the kit's customer limits are a few dozen a minute); far below
     * what the channel account may.
     */
    private static final int BURST = 100;

    /** A customer of this test alone (rate limits are per principal). */
    record Customer(String id, String email, String token) {
        static Customer fresh() {
            String id = "c-" + UUID.randomUUID();
            String email = id + "@example.com";
            return new Customer(id, email, TestTokens.customer(id, email));
        }

        String subject() {
            return "cust-" + id;
        }

        RequestSpecification request() {
            return as(token);
        }
    }

    /** One call of every endpoint on a ticket; {@code ticket} is the id used in the path. */
    record Call(String name, Function<String, Function<RequestSpecification, Response>> call) {
        Response on(RequestSpecification request, String ticket) {
            return call.apply(ticket).apply(request);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static List<Call> calls() {
        return List.of(
                new Call(
                        "create",
                        t -> r -> r.contentType(ContentType.JSON)
                                .body(TicketResourceTest.ticket("c-42"))
                                .post("/api/v1/tickets")),
                new Call("get", t -> r -> r.get("/api/v1/tickets/" + t)),
                new Call("list", t -> r -> r.get("/api/v1/tickets")),
                new Call(
                        "status",
                        t -> r -> r.contentType(ContentType.JSON)
                                .body("{\"status\": \"ASSIGNED\"}")
                                .post("/api/v1/tickets/" + t + "/status")),
                new Call(
                        "comment",
                        t -> r -> r.contentType(ContentType.JSON)
                                .body("{\"body\": \"hello\", \"visibility\": \"public\"}")
                                .post("/api/v1/tickets/" + t + "/comments")),
                new Call("comments", t -> r -> r.get("/api/v1/tickets/" + t + "/comments")),
                new Call("escalations", t -> r -> r.get("/api/v1/tickets/" + t + "/escalations")),
                new Call(
                        "escalate",
                        t -> r -> r.contentType(ContentType.JSON)
                                .body("{\"reason\": \"nobody answers\"}")
                                .post("/api/v1/tickets/" + t + "/escalate")),
                new Call(
                        "time",
                        t -> r -> r.contentType(ContentType.JSON)
                                .body("{\"minutes\": 30, \"note\": \"debugging\"}")
                                .post("/api/v1/tickets/" + t + "/time")));
    }

    /** Calls a customer may make on their own tickets (time and the escalation log are staff only). */
    static List<Call> customerCalls() {
        return readsAndChanges().stream()
                .filter(c -> !STAFF_ONLY.contains(c.name()))
                .toList();
    }

    static final java.util.Set<String> STAFF_ONLY = java.util.Set.of("time", "escalations");

    static List<Call> readsAndChanges() {
        return calls().stream().filter(c -> !c.name().equals("create")).toList();
    }

    // --- who may call at all -----------------------------------------------------------------------------------

    @ParameterizedTest
    @MethodSource("calls")
    void shouldRefuseCallsWithoutAValidTokenAs401Problems(Call call) {
        String ticket = UUID.randomUUID().toString();
        for (String token :
                new String[] {null, "not-a-jwt", TestTokens.expired(), TestTokens.forged(), TestTokens.wrongAudience()
                }) {
            RequestSpecification request = token == null ? given() : as(token);
            call.on(request, ticket)
                    .then()
                    .statusCode(401)
                    .contentType(PROBLEM)
                    .header("WWW-Authenticate", "Bearer")
                    .body("type", equalTo("https://ticketsuite.io/problems/unauthorized"));
        }
    }

    @ParameterizedTest
    @MethodSource("calls")
    void shouldRefuseATokenWithoutARoleAs403Problems(Call call) {
        String ticket = createFor("c-42");
        call.on(as(TestTokens.noRole()), ticket)
                .then()
                .statusCode(403)
                .contentType(PROBLEM)
                .body("type", equalTo(FORBIDDEN));
    }

    @ParameterizedTest
    @MethodSource("readsAndChanges")
    void shouldLetAChannelOnlyCreate(Call call) {
        String ticket = createFor("c-42");
        call.on(asChannel(), ticket).then().statusCode(403).contentType(PROBLEM).body("type", equalTo(FORBIDDEN));
    }

    @ParameterizedTest
    @ValueSource(strings = {"agent", "lead", "admin"})
    void shouldLetStaffDoEverything(String role) {
        String id = staff(role)
                .contentType(ContentType.JSON)
                .body(TicketResourceTest.ticket("c-" + UUID.randomUUID()))
                .post("/api/v1/tickets")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        String escalation = escalationFor("c-42", staff(role));
        staff(role).get("/api/v1/tickets/" + id).then().statusCode(200);
        staff(role).get("/api/v1/tickets/" + escalation).then().statusCode(200);
        staff(role)
                .get("/api/v1/tickets?type=ESCALATION&customer=c-42")
                .then()
                .statusCode(200)
                .body("items.id", hasItem(escalation));
        status(staff(role), id, "ASSIGNED").statusCode(200).body("status", equalTo("ASSIGNED"));
        comment(staff(role), id, "internal").statusCode(201).body("author.role", equalTo("AGENT"));
        comment(staff(role), id, "public").statusCode(201);
        staff(role)
                .get("/api/v1/tickets/" + id + "/comments")
                .then()
                .statusCode(200)
                .body("visibility", containsInAnyOrder("INTERNAL", "PUBLIC"));
        staff(role)
                .contentType(ContentType.JSON)
                .body("{\"minutes\": 45, \"note\": \"reproduced\"}")
                .post("/api/v1/tickets/" + id + "/time")
                .then()
                .statusCode(201)
                .body("ticket_total_minutes", equalTo(45));
        staff(role)
                .get("/api/v1/tickets/" + escalation + "/escalations")
                .then()
                .statusCode(200)
                .body("$", empty());
        staff(role)
                .contentType(ContentType.JSON)
                .body("{\"reason\": \"customer threatens to leave\"}")
                .post("/api/v1/tickets/" + escalation + "/escalate")
                .then()
                .statusCode(202)
                .body("ticket_id", equalTo(escalation));
    }

    @Test
    void shouldLetACustomerEscalateTheirOwnTicketButNotLogTime() {
        Customer ann = Customer.fresh();
        String id = createFor(ann.id());
        try (TopicProbe events = TopicProbe.from(Topics.TICKET_EVENTS)) {
            ann.request()
                    .contentType(ContentType.JSON)
                    .body("{\"reason\": \"three days without an answer\", \"requested_by\": \"mallory\"}")
                    .post("/api/v1/tickets/" + id + "/escalate")
                    .then()
                    .statusCode(202)
                    .body("requested_by", equalTo(ann.subject()))
                    .body("reason", equalTo("three days without an answer"));
            ConsumerRecord<String, String> record = events.await(
                            r -> id.equals(r.key())
                                    && "ticket.escalation-requested"
                                            .equals(TopicProbe.header(r, CloudEventHeaders.TYPE)),
                            1,
                            WAIT)
                    .get(0);
            io.ticketsuite.events.TicketEscalationRequested requested =
                    (io.ticketsuite.events.TicketEscalationRequested)
                            EventCodec.decode(TopicProbe.headers(record), record.value())
                                    .data();
            assertThat(requested.requestedBy()).isEqualTo(ann.subject());
            assertThat(requested.reason()).isEqualTo("three days without an answer");
        }
        ann.request()
                .contentType(ContentType.JSON)
                .body("{\"reason\": \" \"}")
                .post("/api/v1/tickets/" + id + "/escalate")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("errors.field", hasItem(containsString("reason")));
        ann.request()
                .contentType(ContentType.JSON)
                .body("{\"minutes\": 30}")
                .post("/api/v1/tickets/" + id + "/time")
                .then()
                .statusCode(403)
                .contentType(PROBLEM)
                .body("type", equalTo(FORBIDDEN));
        // who was paged about their ticket is for staff
        ann.request()
                .get("/api/v1/tickets/" + id + "/escalations")
                .then()
                .statusCode(403)
                .contentType(PROBLEM)
                .body("type", equalTo(FORBIDDEN));
    }

    // --- channels ------------------------------------------------------------------------------------------------

    /** The channel endpoints are for channel systems only: every other role is refused. */
    @ParameterizedTest
    @ValueSource(strings = {"none", "customer", "agent", "lead", "admin"})
    void shouldLetOnlyChannelsDeliverEmailAndAlerts(String role) {
        String token = switch (role) {
            case "none" -> TestTokens.noRole();
            case "customer" -> TestTokens.customer("c-" + UUID.randomUUID(), "x@example.com");
            default -> TestTokens.staff("staff-" + role, role);
        };
        byte[] mail = ("From: someone@example.com\r\nSubject: hi\r\nMessage-ID: <" + UUID.randomUUID()
                        + "@example.com>\r\n\r\nhello\r\n")
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        as(token)
                .contentType("message/rfc822")
                .body(mail)
                .post("/api/v1/channels/email")
                .then()
                .statusCode(403)
                .contentType(PROBLEM)
                .body("type", equalTo(FORBIDDEN));
        given().contentType("message/rfc822")
                .body(mail)
                .post("/api/v1/channels/email")
                .then()
                .statusCode(401)
                .contentType(PROBLEM);
        asChannel()
                .contentType("message/rfc822")
                .body(mail)
                .post("/api/v1/channels/email")
                .then()
                .statusCode(201);
        String alerts = "{\"alerts\": []}";
        for (String path : new String[] {"alertmanager", "grafana"}) {
            as(token)
                    .contentType(ContentType.JSON)
                    .body(alerts)
                    .post("/api/v1/channels/" + path)
                    .then()
                    .statusCode(403)
                    .contentType(PROBLEM)
                    .body("type", equalTo(FORBIDDEN));
            given().contentType(ContentType.JSON)
                    .body(alerts)
                    .post("/api/v1/channels/" + path)
                    .then()
                    .statusCode(401)
                    .contentType(PROBLEM);
            asChannel()
                    .contentType(ContentType.JSON)
                    .body(alerts)
                    .post("/api/v1/channels/" + path)
                    .then()
                    .statusCode(200);
        }
    }

    // --- creating -------------------------------------------------------------------------------------------------

    @Test
    void shouldCreateACustomersTicketForThemselvesWhateverTheBodySays() {
        Customer ann = Customer.fresh();
        String body = TicketResourceTest.ticket("c-someone-else")
                .replace("\"language\": \"en\"", "\"language\": \"pt-BR\"")
                .replace("ann@example.com", "mallory@example.com");

        String id = ann.request()
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/tickets")
                .then()
                .statusCode(201)
                .body("customer.id", equalTo(ann.id()))
                .body("customer.email", equalTo(ann.email()))
                // the body claims ENTERPRISE; a customer's tier comes from the token, FREE without a tier claim
                .body("customer.tier", equalTo("FREE"))
                .body("customer.language", equalTo("pt-BR"))
                .extract()
                .path("id");

        asAgent().get("/api/v1/tickets/" + id).then().body("customer.id", equalTo(ann.id()));
        asAgent().get("/api/v1/tickets?customer=c-someone-else").then().body("items.id", not(hasItem(id)));
    }

    @Test
    void shouldTakeACustomersTierFromTheTokensTierClaim() {
        String id = "c-" + UUID.randomUUID();
        String token = TestTokens.token(
                "cust-" + id,
                List.of("customer"),
                Map.of("customer_id", id, "email", "vip@example.com", "tier", "ENTERPRISE"));
        String body = """
                {"subject": "Export fails", "type": "support", "channel": "web"}""";

        as(token)
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/tickets")
                .then()
                .statusCode(201)
                .body("customer.id", equalTo(id))
                .body("customer.email", equalTo("vip@example.com"))
                .body("customer.tier", equalTo("ENTERPRISE"));
    }

    @Test
    void shouldRefuseACustomerTokenWithoutACustomerId() {
        String token = TestTokens.token("cust-anon-" + UUID.randomUUID(), List.of("customer"), Map.of());
        String ticket = createFor("c-42");
        for (Call call : calls()) {
            call.on(as(token), ticket)
                    .then()
                    .statusCode(403)
                    .contentType(PROBLEM)
                    .body("type", equalTo(FORBIDDEN));
        }
    }

    @Test
    void shouldRefuseAnEscalationFromACustomerOrAChannel() {
        String escalation = TicketResourceTest.ticket("c-42")
                .replace("\"support\"", "\"ESCALATION\"")
                .replace("\"email\",", "\"api\",");
        for (RequestSpecification request :
                new RequestSpecification[] {Customer.fresh().request(), asChannel()}) {
            request.contentType(ContentType.JSON)
                    .body(escalation)
                    .post("/api/v1/tickets")
                    .then()
                    .statusCode(403)
                    .contentType(PROBLEM)
                    .body("type", equalTo(FORBIDDEN));
        }
        asAgent()
                .contentType(ContentType.JSON)
                .body(escalation)
                .post("/api/v1/tickets")
                .then()
                .statusCode(201);
    }

    @Test
    void shouldLetAChannelCreateForAnyCustomer() {
        for (String customer : new String[] {"c-42", "c-43", "c-" + UUID.randomUUID()}) {
            asChannel()
                    .contentType(ContentType.JSON)
                    .body(TicketResourceTest.ticket(customer))
                    .post("/api/v1/tickets")
                    .then()
                    .statusCode(201)
                    .body("customer.id", equalTo(customer))
                    .body("customer.tier", equalTo("ENTERPRISE"));
        }
    }

    @Test
    void shouldNotReplayAnotherCustomersTicketForTheirIdempotencyKey() {
        Customer ann = Customer.fresh();
        Customer ben = Customer.fresh();
        String key = "k-" + UUID.randomUUID();
        String body = TicketResourceTest.ticket("ignored");
        ann.request()
                .contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body(body)
                .post("/api/v1/tickets")
                .then()
                .statusCode(201);

        // the same key and body from another customer is another request (its customer comes from the token)
        ben.request()
                .contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body(body)
                .post("/api/v1/tickets")
                .then()
                .statusCode(422)
                .contentType(PROBLEM)
                .body("type", equalTo("https://ticketsuite.io/problems/idempotency-key-reused"));
    }

    // --- reading (BOLA) -------------------------------------------------------------------------------------------

    @Test
    void shouldShowACustomerTheirOwnTicketAndNoOneElses() {
        String ofAnn = createFor("c-42");
        String ofBen = createFor("c-43");

        as(TestTokens.customer())
                .get("/api/v1/tickets/" + ofAnn)
                .then()
                .statusCode(200)
                .body("customer.email", equalTo("ann@example.com"));
        as(TestTokens.customer2()).get("/api/v1/tickets/" + ofBen).then().statusCode(200);
        assertUnknownTo(as(TestTokens.customer2()), ofAnn);
        assertUnknownTo(as(TestTokens.customer()), ofBen);
    }

    @ParameterizedTest
    @MethodSource("customerCalls")
    void shouldAnswerAnotherCustomersTicketAsUnknown(Call call) {
        Customer ann = Customer.fresh();
        Customer ben = Customer.fresh();
        String ofAnn = createFor(ann.id());

        Response asBen = call.on(ben.request(), ofAnn);
        Response unknown = call.on(ben.request(), UUID.randomUUID().toString());

        if (call.name().equals("list")) {
            asBen.then().statusCode(200).body("items.id", not(hasItem(ofAnn)));
            return;
        }
        asBen.then().statusCode(404).contentType(PROBLEM).body("type", equalTo(NOT_FOUND));
        // the same problem as an unknown id: nothing tells that the ticket exists
        assertThat(asBen.jsonPath().getString("title"))
                .isEqualTo(unknown.jsonPath().getString("title"));
        assertThat(asBen.jsonPath().getString("detail")).isEqualTo("ticket " + ofAnn + " does not exist");
        // and nothing changed
        asAgent().get("/api/v1/tickets/" + ofAnn).then().body("status", equalTo("NEW"));
        asAgent().get("/api/v1/tickets/" + ofAnn + "/comments").then().body("$", empty());
    }

    @ParameterizedTest
    @MethodSource("customerCalls")
    void shouldAnswerACustomersOwnEscalationAsUnknown(Call call) {
        Customer ann = Customer.fresh();
        String escalation = escalationFor(ann.id(), asAgent());

        Response response = call.on(ann.request(), escalation);

        if (call.name().equals("list")) {
            response.then()
                    .statusCode(200)
                    .body("items.id", not(hasItem(escalation)))
                    .body("total", equalTo(0));
            return;
        }
        response.then()
                .statusCode(404)
                .contentType(PROBLEM)
                .body("type", equalTo(NOT_FOUND))
                .body("detail", equalTo("ticket " + escalation + " does not exist"));
    }

    @Test
    void shouldListOnlyACustomersOwnTicketsWithoutEscalations() {
        Customer ann = Customer.fresh();
        Customer ben = Customer.fresh();
        String support = createFor(ann.id());
        String question =
                create(asChannel(), TicketResourceTest.ticket(ann.id()).replace("\"support\"", "\"question\""));
        String escalation = escalationFor(ann.id(), asAgent());
        String ofBen = createFor(ben.id());

        ann.request()
                .get("/api/v1/tickets")
                .then()
                .statusCode(200)
                .body("items.id", containsInAnyOrder(question, support))
                .body("items.customer.id", everyItem(equalTo(ann.id())))
                .body("total", equalTo(2));
        ann.request()
                .get("/api/v1/tickets?type=ESCALATION")
                .then()
                .statusCode(200)
                .body("items", empty())
                .body("total", equalTo(0));
        ann.request()
                .get("/api/v1/tickets?customer=" + ben.id())
                .then()
                .statusCode(200)
                .body("items", empty())
                .body("total", equalTo(0));
        ann.request()
                .get("/api/v1/tickets?customer=" + ann.id() + "&type=question")
                .then()
                .body("items.id", contains(question));
        // c-43 asks for c-42's tickets: an empty page, not c-42's tickets
        as(TestTokens.customer2())
                .get("/api/v1/tickets?customer=c-42")
                .then()
                .statusCode(200)
                .body("items", empty());
        as(TestTokens.customer2())
                .get("/api/v1/tickets?type=ESCALATION")
                .then()
                .statusCode(200)
                .body("items", empty());
        asAgent()
                .get("/api/v1/tickets?customer=" + ann.id())
                .then()
                .body("items.id", containsInAnyOrder(escalation, question, support));
        asAgent().get("/api/v1/tickets?customer=" + ben.id()).then().body("items.id", contains(ofBen));
    }

    // --- comments -------------------------------------------------------------------------------------------------

    @Test
    void shouldHideInternalCommentsFromTheCustomer() {
        Customer ann = Customer.fresh();
        String id = createFor(ann.id());
        comment(asAgent(), id, "public").statusCode(201);
        comment(asAgent(), id, "internal").statusCode(201);
        comment(ann.request(), id, "public").statusCode(201);

        ann.request()
                .get("/api/v1/tickets/" + id + "/comments")
                .then()
                .statusCode(200)
                .body("visibility", contains("PUBLIC", "PUBLIC"))
                .body("author.role", contains("AGENT", "CUSTOMER"));
        asAgent()
                .get("/api/v1/tickets/" + id + "/comments")
                .then()
                .body("visibility", contains("PUBLIC", "INTERNAL", "PUBLIC"));
    }

    @Test
    void shouldRefuseAnInternalCommentFromACustomer() {
        Customer ann = Customer.fresh();
        String id = createFor(ann.id());

        comment(ann.request(), id, "internal")
                .statusCode(403)
                .contentType(PROBLEM)
                .body("type", equalTo(FORBIDDEN));
        asAgent().get("/api/v1/tickets/" + id + "/comments").then().body("$", empty());
    }

    @Test
    void shouldTakeTheCommentsAuthorFromTheTokenNotTheBody() {
        Customer ann = Customer.fresh();
        String id = createFor(ann.id());
        try (TopicProbe events = TopicProbe.from(Topics.TICKET_EVENTS)) {
            ann.request()
                    .contentType(ContentType.JSON)
                    .body("{\"body\": \"Please hurry\", \"author\": {\"id\": \"agent-account-management-1\","
                            + " \"role\": \"agent\"}, \"visibility\": \"public\"}")
                    .post("/api/v1/tickets/" + id + "/comments")
                    .then()
                    .statusCode(201)
                    .body("author.id", equalTo(ann.subject()))
                    .body("author.role", equalTo("CUSTOMER"));

            // the event the SLA clock reads says CUSTOMER: a customer cannot meet the response clock
            ConsumerRecord<String, String> record = events.await(
                            r -> id.equals(r.key())
                                    && "ticket.comment-added".equals(TopicProbe.header(r, CloudEventHeaders.TYPE)),
                            1,
                            WAIT)
                    .get(0);
            TicketCommentAdded added =
                    (TicketCommentAdded) EventCodec.decode(TopicProbe.headers(record), record.value())
                            .data();
            assertThat(added.authorRole()).isEqualTo(AuthorRole.CUSTOMER);
            assertThat(added.authorId()).isEqualTo(ann.subject());
        }
    }

    // --- status ---------------------------------------------------------------------------------------------------

    @Test
    void shouldLetACustomerOnlyReopenOrConfirmTheirOwnResolvedTicketAndReopenTheirClosedOne() {
        Customer ann = Customer.fresh();
        String id = createFor(ann.id());

        status(ann.request(), id, "CLOSED").statusCode(403).contentType(PROBLEM).body("type", equalTo(FORBIDDEN));
        status(asAgent(), id, "ASSIGNED").statusCode(200);
        status(ann.request(), id, "IN_PROGRESS").statusCode(403).body("type", equalTo(FORBIDDEN));
        status(ann.request(), id, "RESOLVED").statusCode(403).body("type", equalTo(FORBIDDEN));
        status(asAgent(), id, "RESOLVED").statusCode(200);

        try (TopicProbe events = TopicProbe.from(Topics.TICKET_EVENTS)) {
            status(ann.request(), id, "REOPENED").statusCode(200).body("status", equalTo("REOPENED"));
            TicketStatusChanged reopened = statusChange(events, id, "REOPENED");
            assertThat(reopened.changedBy()).isEqualTo(ann.subject());
            assertThat(reopened.changedByRole()).isEqualTo("CUSTOMER");
        }
        status(ann.request(), id, "RESOLVED").statusCode(403);
        status(asAgent(), id, "RESOLVED").statusCode(200);
        // the customer's confirmation closes at once
        status(ann.request(), id, "CLOSED").statusCode(200).body("status", equalTo("CLOSED"));
        // a closed ticket can only be reopened (within the reopen window), by its customer or staff
        status(ann.request(), id, "IN_PROGRESS").statusCode(403);
        status(asAgent(), id, "IN_PROGRESS").statusCode(409);
        status(ann.request(), id, "REOPENED").statusCode(200).body("status", equalTo("REOPENED"));
    }

    @Test
    void shouldRecordTheStaffMemberWhoChangedAStatus() {
        String id = createFor("c-" + UUID.randomUUID());
        try (TopicProbe events = TopicProbe.from(Topics.TICKET_EVENTS)) {
            status(as(TestTokens.lead()), id, "ASSIGNED").statusCode(200);
            TicketStatusChanged assigned = statusChange(events, id, "ASSIGNED");
            assertThat(assigned.changedBy()).isEqualTo("lead-account-management");
            assertThat(assigned.changedByRole()).isEqualTo("LEAD");
        }
    }

    // --- rate limits ----------------------------------------------------------------------------------------------

    @Test
    void shouldRefuseABurstOfCreatesFromOneCustomerWithRetryAfter() {
        Customer ann = Customer.fresh();
        Response refused = null;
        int created = 0;
        while (refused == null && created < BURST) {
            Response response = ann.request()
                    .contentType(ContentType.JSON)
                    .body(TicketResourceTest.ticket(ann.id()))
                    .post("/api/v1/tickets");
            if (response.statusCode() == 201) {
                created++;
            } else {
                refused = response;
            }
        }

        assertThat(refused)
                .as("a burst of %d creates from one customer is refused", BURST)
                .isNotNull();
        assertThat(created).isPositive();
        refused.then()
                .statusCode(429)
                .contentType(PROBLEM)
                .body("type", equalTo("https://ticketsuite.io/problems/too-many-requests"));
        assertThat(Long.parseLong(refused.header("Retry-After"))).isPositive();
        asAgent().get("/api/v1/tickets?customer=" + ann.id()).then().body("total", equalTo(created));
        // limits are per principal: another customer and the channel still create
        Customer ben = Customer.fresh();
        ben.request()
                .contentType(ContentType.JSON)
                .body(TicketResourceTest.ticket(ben.id()))
                .post("/api/v1/tickets")
                .then()
                .statusCode(201);
        createFor(ann.id());
    }

    @Test
    void shouldRefuseABurstOfCommentsFromOneCustomerWithRetryAfter() {
        Customer ann = Customer.fresh();
        String id = createFor(ann.id());
        Response refused = null;
        int comments = 0;
        while (refused == null && comments < BURST) {
            Response response = ann.request()
                    .contentType(ContentType.JSON)
                    .body("{\"body\": \"hello?\", \"visibility\": \"public\"}")
                    .post("/api/v1/tickets/" + id + "/comments");
            if (response.statusCode() == 201) {
                comments++;
            } else {
                refused = response;
            }
        }

        assertThat(refused)
                .as("a burst of %d comments from one customer is refused", BURST)
                .isNotNull();
        assertThat(comments).isPositive();
        asAgent().get("/api/v1/tickets/" + id + "/comments").then().body("$", hasSize(comments));
        refused.then()
                .statusCode(429)
                .contentType(PROBLEM)
                .body("type", equalTo("https://ticketsuite.io/problems/too-many-requests"));
        assertThat(Long.parseLong(refused.header("Retry-After"))).isPositive();
        comment(asAgent(), id, "public").statusCode(201);
    }

    // --- helpers --------------------------------------------------------------------------------------------------

    private static RequestSpecification staff(String role) {
        return switch (role) {
            case "agent" -> as(TestTokens.agent());
            case "lead" -> as(TestTokens.lead());
            default -> as(TestTokens.admin());
        };
    }

    /** A SUPPORT ticket of {@code customer}, created by the channel account. */
    private static String createFor(String customer) {
        return create(asChannel(), TicketResourceTest.ticket(customer));
    }

    /** An ESCALATION about {@code customer}, created by staff through the API channel. */
    private static String escalationFor(String customer, RequestSpecification staff) {
        return create(
                staff,
                TicketResourceTest.ticket(customer)
                        .replace("\"support\"", "\"ESCALATION\"")
                        .replace("\"email\",", "\"api\","));
    }

    private static String create(RequestSpecification request, String body) {
        return request.contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/tickets")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static ValidatableResponse status(RequestSpecification request, String id, String status) {
        return request.contentType(ContentType.JSON)
                .body("{\"status\": \"" + status + "\", \"reason\": \"test\""
                        + (status.equalsIgnoreCase("RESOLVED")
                                ? ", \"resolution\": {\"category\": \"fixed\", \"summary\": \"done\", \"lessons_learned\": \"test\"}"
                                : "")
                        + "}")
                .post("/api/v1/tickets/" + id + "/status")
                .then();
    }

    private static ValidatableResponse comment(RequestSpecification request, String id, String visibility) {
        return request.contentType(ContentType.JSON)
                .body("{\"body\": \"a " + visibility + " comment\", \"visibility\": \"" + visibility + "\"}")
                .post("/api/v1/tickets/" + id + "/comments")
                .then();
    }

    private static void assertUnknownTo(RequestSpecification request, String id) {
        request.get("/api/v1/tickets/" + id)
                .then()
                .statusCode(404)
                .contentType(PROBLEM)
                .body("type", equalTo(NOT_FOUND))
                .body("detail", equalTo("ticket " + id + " does not exist"));
    }

    private static TicketStatusChanged statusChange(TopicProbe events, String id, String to) {
        return events
                .await(
                        r -> id.equals(r.key())
                                && "ticket.status-changed".equals(TopicProbe.header(r, CloudEventHeaders.TYPE))
                                && decode(r).to().name().equals(to),
                        1,
                        WAIT)
                .stream()
                .map(IntakeAuthorizationTest::decode)
                .filter(e -> e.to().name().equals(to))
                .findFirst()
                .orElseThrow();
    }

    private static TicketStatusChanged decode(ConsumerRecord<String, String> record) {
        return (TicketStatusChanged)
                EventCodec.decode(TopicProbe.headers(record), record.value()).data();
    }
}
