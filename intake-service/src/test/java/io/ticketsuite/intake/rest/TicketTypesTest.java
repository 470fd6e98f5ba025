package io.ticketsuite.intake.rest;

import static io.ticketsuite.intake.Api.asAgent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.ticketsuite.events.CloudEventHeaders;
import io.ticketsuite.events.EscalationKind;
import io.ticketsuite.events.EventCodec;
import io.ticketsuite.events.TicketCreated;
import io.ticketsuite.events.TicketStatusChanged;
import io.ticketsuite.events.TicketUpdated;
import io.ticketsuite.events.Topics;
import io.ticketsuite.testkit.TopicProbe;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the three ticket types carry (issue 18): type-specific fields validated per type and travelling on
 * ticket.created, SUPPORT's work states, time logged, and the resolution required to resolve.
 */
@QuarkusTest
class TicketTypesTest {
    private static final String PROBLEM = "application/problem+json";
    private static final Duration WAIT = Duration.ofSeconds(20);

    /** Every type-specific field with a valid value, and the type it belongs to. */
    static final Map<String, String> SUPPORT_FIELDS = Map.of(
            "reproduction",
                    "{\"steps\": \"1. open the app 2. tap pay\", \"expected\": \"paid\", \"actual\": \"error\"}",
            "affected", "[\"app.example.com\", \"iOS app\"]",
            "error_messages", "[\"E42: payment declined\"]",
            "environment", "\"iOS 17, app 5.2\"");

    static final Map<String, String> ESCALATION_FIELDS = Map.of(
            "client", "\"Acme GmbH\"",
            "escalation_types", "[\"SCOPE_CREEP\", \"delivery_delay\"]",
            "action_taken", "\"called the PM\"",
            "evidence", "\"three missed dates\"",
            "relationship_impact", "\"renewal at risk\"",
            "suggested_next_steps", "\"exec call\"");

    private TopicProbe ticketEvents;

    @BeforeEach
    void subscribe() {
        ticketEvents = TopicProbe.from(Topics.TICKET_EVENTS);
    }

    @AfterEach
    void close() {
        ticketEvents.close();
    }

    static String body(String type, String channel, Map<String, String> extra) {
        StringBuilder fields = new StringBuilder();
        extra.forEach((name, value) ->
                fields.append(", \"").append(name).append("\": ").append(value));
        return """
                {"subject": "Payment fails in the app", "description": "Every payment ends in an error",
                 "type": "%s", "channel": "%s",
                 "customer": {"id": "c-types", "email": "ann@example.com", "tier": "PROFESSIONAL"}%s}""".formatted(type, channel, fields);
    }

    static ValidatableResponse create(String body) {
        return asAgent()
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/tickets")
                .then();
    }

    static List<Object[]> foreignFields() {
        List<Object[]> cases = new java.util.ArrayList<>();
        SUPPORT_FIELDS.forEach((field, value) -> {
            cases.add(new Object[] {"QUESTION", "web", field, value, "SUPPORT"});
            cases.add(new Object[] {"ESCALATION", "api", field, value, "SUPPORT"});
        });
        ESCALATION_FIELDS.forEach((field, value) -> {
            cases.add(new Object[] {"QUESTION", "web", field, value, "ESCALATION"});
            cases.add(new Object[] {"SUPPORT", "web", field, value, "ESCALATION"});
        });
        return cases;
    }

    @ParameterizedTest(name = "{2} on a {0}")
    @MethodSource("foreignFields")
    void shouldRefuseAFieldOfAnotherTypeNamingIt(
            String type, String channel, String field, String value, String owner) {
        create(body(type, channel, Map.of(field, value)))
                .statusCode(400)
                .contentType(PROBLEM)
                .body("errors", hasSize(1))
                .body("errors[0].field", equalTo(field))
                .body("errors[0].message", equalTo("is a " + owner + " field; not allowed on a " + type + " ticket"));
    }

    @Test
    void shouldKeepEverySupportFieldAndAnnounceItOnTicketCreated() {
        String id = create(body("SUPPORT", "web", SUPPORT_FIELDS))
                .statusCode(201)
                .body("support.reproduction.steps", equalTo("1. open the app 2. tap pay"))
                .body("support.reproduction.expected", equalTo("paid"))
                .body("support.reproduction.actual", equalTo("error"))
                .body("support.affected", contains("app.example.com", "iOS app"))
                .body("support.error_messages", contains("E42: payment declined"))
                .body("support.environment", equalTo("iOS 17, app 5.2"))
                .body("escalation", nullValue())
                .extract()
                .path("id");
        asAgent().get("/api/v1/tickets/" + id).then().body("support.environment", equalTo("iOS 17, app 5.2"));

        TicketCreated created = (TicketCreated) decode(ticketEvents
                .await(r -> id.equals(r.key()) && isType(r, "ticket.created"), 1, WAIT)
                .get(0));
        assertThat(created.support().reproduction().steps()).isEqualTo("1. open the app 2. tap pay");
        assertThat(created.support().reproduction().actual()).isEqualTo("error");
        assertThat(created.support().affected()).containsExactly("app.example.com", "iOS app");
        assertThat(created.support().errorMessages()).containsExactly("E42: payment declined");
        assertThat(created.support().environment()).isEqualTo("iOS 17, app 5.2");
        assertThat(created.escalation()).isNull();
        assertThat(created.followsUp()).isNull();
    }

    @Test
    void shouldKeepEveryEscalationFieldAndAnnounceItOnTicketCreated() {
        String id = create(body("ESCALATION", "api", ESCALATION_FIELDS))
                .statusCode(201)
                .body("escalation.client", equalTo("Acme GmbH"))
                .body("escalation.escalation_types", contains("SCOPE_CREEP", "DELIVERY_DELAY"))
                .body("escalation.action_taken", equalTo("called the PM"))
                .body("escalation.evidence", equalTo("three missed dates"))
                .body("escalation.relationship_impact", equalTo("renewal at risk"))
                .body("escalation.suggested_next_steps", equalTo("exec call"))
                .body("support", nullValue())
                .extract()
                .path("id");

        TicketCreated created = (TicketCreated) decode(ticketEvents
                .await(r -> id.equals(r.key()) && isType(r, "ticket.created"), 1, WAIT)
                .get(0));
        assertThat(created.escalation().client()).isEqualTo("Acme GmbH");
        assertThat(created.escalation().escalationTypes())
                .containsExactly(EscalationKind.SCOPE_CREEP, EscalationKind.DELIVERY_DELAY);
        assertThat(created.escalation().actionTaken()).isEqualTo("called the PM");
        assertThat(created.escalation().evidence()).isEqualTo("three missed dates");
        assertThat(created.escalation().relationshipImpact()).isEqualTo("renewal at risk");
        assertThat(created.escalation().suggestedNextSteps()).isEqualTo("exec call");
        assertThat(created.support()).isNull();
    }

    @Test
    void shouldRequireAClientAndANonEmptySetOfKindsWithEscalationDetails() {
        create(body("ESCALATION", "api", Map.of("evidence", "\"x\"")))
                .statusCode(400)
                .body("errors.field", containsInAnyOrder("client", "escalation_types"));
        create(body("ESCALATION", "api", Map.of("client", "\"Acme\"", "escalation_types", "[]")))
                .statusCode(400)
                .body("errors[0].field", equalTo("escalation_types"))
                .body("errors[0].message", containsString("SCOPE_CREEP"));
        create(body(
                        "ESCALATION",
                        "api",
                        Map.of("client", "\"Acme\"", "escalation_types", "[\"QUALITY_PROBLEM\", \"quality_problem\"]")))
                .statusCode(400)
                .body("errors[0].field", equalTo("escalation_types"))
                .body("errors[0].message", containsString("set"));
        create(body("ESCALATION", "api", Map.of("client", "\"Acme\"", "escalation_types", "[\"TOO_EXPENSIVE\"]")))
                .statusCode(400)
                .contentType(PROBLEM);
        create(body(
                        "ESCALATION",
                        "api",
                        Map.of(
                                "client",
                                "\"Acme\"",
                                "escalation_types",
                                "[\"SCOPE_CREEP\", \"DELIVERY_DELAY\", \"QUALITY_PROBLEM\", \"SERVICE_COMPLAINT\","
                                        + " \"COMMUNICATION_PROBLEM\"]")))
                .statusCode(201)
                .body("escalation.escalation_types", hasSize(5));
        // an ESCALATION without details stays possible (the details are optional as a whole)
        create(body("ESCALATION", "api", Map.of())).statusCode(201).body("escalation", nullValue());
    }

    @Test
    void shouldValidateTheSupportFieldsThemselves() {
        create(body("SUPPORT", "web", Map.of("reproduction", "{\"expected\": \"paid\"}")))
                .statusCode(400)
                .body("errors[0].field", containsString("steps"));
        create(body("SUPPORT", "web", Map.of("affected", "[\"\"]")))
                .statusCode(400)
                .body("errors[0].field", containsString("affected"));
        create(body("SUPPORT", "web", Map.of("environment", "\"" + "x".repeat(2001) + "\"")))
                .statusCode(400)
                .body("errors[0].field", equalTo("environment"));
    }

    @Test
    void shouldWalkASupportTicketThroughScheduledAndAwaitingReviewToAResolution() {
        String id = create(body("SUPPORT", "web", SUPPORT_FIELDS))
                .statusCode(201)
                .extract()
                .path("id");
        status(id, "{\"status\": \"ASSIGNED\"}").statusCode(200);
        status(id, "{\"status\": \"SCHEDULED\"}")
                .statusCode(400)
                .body("errors.field", containsInAnyOrder("scheduled_for", "estimate_minutes"));
        status(id, "{\"status\": \"SCHEDULED\", \"scheduled_for\": \"2026-12-03\", \"estimate_minutes\": 90}")
                .statusCode(200)
                .body("status", equalTo("SCHEDULED"))
                .body("scheduled_for", equalTo("2026-12-03"))
                .body("estimate_minutes", equalTo(90));
        status(id, "{\"status\": \"AWAITING_REVIEW\"}").statusCode(409).body("allowed", hasItem("IN_PROGRESS"));
        status(id, "{\"status\": \"IN_PROGRESS\"}").statusCode(200);
        status(id, "{\"status\": \"AWAITING_REVIEW\"}").statusCode(200);
        status(id, "{\"status\": \"RESOLVED\"}")
                .statusCode(400)
                .contentType(PROBLEM)
                .body("errors[0].field", equalTo("resolution"));
        status(id, "{\"status\": \"RESOLVED\", \"resolution\": {\"category\": \"magic\", \"summary\": \" \"}}")
                .statusCode(400)
                .body("errors.field", containsInAnyOrder("resolution.category", "resolution.summary"));
        status(
                        id,
                        "{\"status\": \"RESOLVED\", \"resolution\": {\"category\": \"Fixed\", \"summary\": \"patched the"
                                + " payment gateway\"}}")
                .statusCode(200)
                .body("status", equalTo("RESOLVED"))
                .body("resolution.category", equalTo("fixed"))
                .body("resolution.summary", equalTo("patched the payment gateway"));

        List<ConsumerRecord<String, String>> records = ticketEvents.await(r -> id.equals(r.key()), 7, WAIT);
        List<String> moves = records.stream()
                .filter(r -> isType(r, "ticket.status-changed"))
                .map(r -> ((TicketStatusChanged) decode(r)).to().name())
                .toList();
        assertThat(moves).containsExactly("ASSIGNED", "SCHEDULED", "IN_PROGRESS", "AWAITING_REVIEW", "RESOLVED");
        TicketStatusChanged resolved = (TicketStatusChanged) decode(records.stream()
                .filter(r -> isType(r, "ticket.status-changed") && r.value().contains("\"to\":\"RESOLVED\""))
                .findFirst()
                .orElseThrow());
        assertThat(resolved.resolution().category()).isEqualTo("fixed");
        assertThat(resolved.resolution().summary()).isEqualTo("patched the payment gateway");
        TicketUpdated plan = (TicketUpdated) decode(records.stream()
                .filter(r -> isType(r, "ticket.updated"))
                .findFirst()
                .orElseThrow());
        assertThat(plan.changes()).containsEntry("scheduled_for", "2026-12-03").containsEntry("estimate_minutes", "90");
    }

    @Test
    void shouldResolveAnEscalationOnlyWithLessonsLearned() {
        String id = create(body("ESCALATION", "api", ESCALATION_FIELDS))
                .statusCode(201)
                .extract()
                .path("id");
        status(id, "{\"status\": \"ASSIGNED\"}").statusCode(200);
        status(id, "{\"status\": \"SCHEDULED\", \"scheduled_for\": \"2026-12-03\", \"estimate_minutes\": 90}")
                .statusCode(409);
        status(id, "{\"status\": \"RESOLVED\", \"resolution\": {\"category\": \"fixed\", \"summary\": \"new plan\"}}")
                .statusCode(400)
                .body("errors", hasSize(1))
                .body("errors[0].field", equalTo("resolution.lessons_learned"));
        status(
                        id,
                        "{\"status\": \"RESOLVED\", \"resolution\": {\"category\": \"fixed\", \"summary\": \"new plan\","
                                + " \"lessons_learned\": \"agree scope in writing\"}}")
                .statusCode(200)
                .body("resolution.lessons_learned", equalTo("agree scope in writing"));
        TicketStatusChanged resolved = (TicketStatusChanged) decode(ticketEvents
                .await(
                        r -> id.equals(r.key())
                                && isType(r, "ticket.status-changed")
                                && r.value().contains("\"to\":\"RESOLVED\""),
                        1,
                        WAIT)
                .get(0));
        assertThat(resolved.resolution().lessonsLearned()).isEqualTo("agree scope in writing");
    }

    @Test
    void shouldAnswerAQuestionWithAResolutionOnItsShortLifecycle() {
        String id = create(body("QUESTION", "chat", Map.of()))
                .statusCode(201)
                .extract()
                .path("id");
        status(id, "{\"status\": \"ACCEPTED\"}").statusCode(200);
        status(id, "{\"status\": \"SCHEDULED\", \"scheduled_for\": \"2026-12-03\", \"estimate_minutes\": 5}")
                .statusCode(409);
        status(id, "{\"status\": \"RESOLVED\", \"resolution\": {\"category\": \"answered\", \"summary\": \"see FAQ\"}}")
                .statusCode(200)
                .body("resolution.category", equalTo("answered"))
                .body("resolution.lessons_learned", nullValue());
    }

    @Test
    void shouldAddLoggedTimeToTheTicketAndAnnounceIt() {
        String id = create(body("SUPPORT", "web", Map.of()))
                .statusCode(201)
                .extract()
                .path("id");
        time(id, "{\"minutes\": 30, \"note\": \"reproduced\", \"date\": \"2026-11-28\"}")
                .statusCode(201)
                .body("minutes", equalTo(30))
                .body("date", equalTo("2026-11-28"))
                .body("logged_by", equalTo("agent-account-management-1"))
                .body("ticket_total_minutes", equalTo(30));
        time(id, "{\"minutes\": 45}")
                .statusCode(201)
                .body("ticket_total_minutes", equalTo(75))
                .body("date", notNullValue());
        time(id, "{\"minutes\": 0}").statusCode(400).body("errors[0].field", equalTo("minutes"));
        time(id, "{\"minutes\": 1441}").statusCode(400).body("errors[0].field", equalTo("minutes"));
        time(id, "{\"note\": \"no minutes\"}").statusCode(400).body("errors[0].field", equalTo("minutes"));
        time(UUID.randomUUID().toString(), "{\"minutes\": 5}").statusCode(404);
        asAgent().get("/api/v1/tickets/" + id).then().body("time_logged_minutes", equalTo(75));

        List<ConsumerRecord<String, String>> updates =
                ticketEvents.await(r -> id.equals(r.key()) && isType(r, "ticket.updated"), 2, WAIT);
        assertThat(((TicketUpdated) decode(updates.get(0))).changes())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "time_logged_added", "30",
                        "time_logged_minutes", "30",
                        "time_logged_by", "agent-account-management-1"));
        assertThat(((TicketUpdated) decode(updates.get(1))).changes())
                .containsEntry("time_logged_added", "45")
                .containsEntry("time_logged_minutes", "75");
    }

    private static ValidatableResponse status(String id, String body) {
        return asAgent()
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/tickets/" + id + "/status")
                .then();
    }

    private static ValidatableResponse time(String id, String body) {
        return asAgent()
                .contentType(ContentType.JSON)
                .body(body)
                .post("/api/v1/tickets/" + id + "/time")
                .then();
    }

    static boolean isType(ConsumerRecord<String, String> record, String type) {
        return type.equals(TopicProbe.header(record, CloudEventHeaders.TYPE));
    }

    static Object decode(ConsumerRecord<String, String> record) {
        return EventCodec.decode(TopicProbe.headers(record), record.value()).data();
    }
}
