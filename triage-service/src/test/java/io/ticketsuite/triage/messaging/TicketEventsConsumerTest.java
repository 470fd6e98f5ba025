package io.ticketsuite.triage.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.ticketsuite.events.CloudEventHeaders;
import io.ticketsuite.events.CustomerTier;
import io.ticketsuite.events.EventCodec;
import io.ticketsuite.events.EventEnvelope;
import io.ticketsuite.events.Priority;
import io.ticketsuite.events.TicketCreated;
import io.ticketsuite.events.TicketStatus;
import io.ticketsuite.events.TicketStatusChanged;
import io.ticketsuite.events.TicketTriaged;
import io.ticketsuite.events.TicketType;
import io.ticketsuite.events.TicketUpdated;
import io.ticketsuite.events.Topics;
import io.ticketsuite.testkit.TestTokens;
import io.ticketsuite.testkit.TopicProbe;
import io.ticketsuite.triage.TicketSamples;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** From ticket.created on ticket-events to ticket.triaged on triage-events, on a real broker and database. */
@QuarkusTest
class TicketEventsConsumerTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration QUIET = Duration.ofSeconds(2);
    private static final String PROBLEM = "application/problem+json";
    private static final String DLQ = Topics.deadLetterTopic("triage-service");

    @Inject
    DataSource dataSource;

    @Inject
    MeterRegistry registry;

    private TopicProbe triageEvents;
    private TopicProbe deadLetters;

    @BeforeEach
    void subscribe() {
        triageEvents = TopicProbe.from(Topics.TRIAGE_EVENTS);
        deadLetters = TopicProbe.from(DLQ);
    }

    @AfterEach
    void close() {
        triageEvents.close();
        deadLetters.close();
    }

    @Test
    void shouldAnnounceTheDecisionOfATicketCreatedKeyedByTicketIdWithCloudEventsHeaders() {
        UUID ticketId = UUID.randomUUID();
        given().auth()
                .oauth2(TestTokens.agent())
                .get("/api/v1/triage/" + ticketId)
                .then()
                .statusCode(404)
                .contentType(PROBLEM)
                .body("status", equalTo(404))
                .body("type", equalTo("https://ticketsuite.io/problems/not-found"));
        EventEnvelope<TicketCreated> created = TicketSamples.envelope(TicketSamples.billing(ticketId));

        TicketSamples.publish(created);

        List<ConsumerRecord<String, String>> records = triageEvents.await(triaged(ticketId), 1, WAIT);
        assertThat(records).hasSize(1);
        ConsumerRecord<String, String> record = records.get(0);
        assertThat(record.key()).isEqualTo(ticketId.toString());
        assertThat(TopicProbe.header(record, CloudEventHeaders.SPEC_VERSION)).isEqualTo("1.0");
        assertThat(TopicProbe.header(record, CloudEventHeaders.TYPE)).isEqualTo("ticket.triaged");
        assertThat(TopicProbe.header(record, CloudEventHeaders.SOURCE)).isEqualTo("triage-service");
        assertThat(TopicProbe.header(record, CloudEventHeaders.SUBJECT)).isEqualTo(ticketId.toString());
        assertThat(TopicProbe.header(record, CloudEventHeaders.CONTENT_TYPE)).isEqualTo("application/json");
        assertThat(UUID.fromString(TopicProbe.header(record, CloudEventHeaders.ID)))
                .isNotNull();
        assertThat(Instant.parse(TopicProbe.header(record, CloudEventHeaders.TIME)))
                .isNotNull();

        TicketTriaged triaged = decode(record);
        assertThat(triaged.ticketId()).isEqualTo(ticketId);
        assertThat(triaged.category()).isEqualTo("billing");
        assertThat(triaged.priority()).isEqualTo(Priority.P3);
        assertThat(triaged.confidence()).isBetween(0.5, 1.0);
        assertThat(triaged.rulePackVersion()).isEqualTo(io.ticketsuite.triage.TicketSamples.PACK_VERSION);
        assertThat(triaged.triagedAt()).isNotNull();
        assertThat(triaged.explanation())
                .containsEntry("rule_pack_version", io.ticketsuite.triage.TicketSamples.PACK_VERSION)
                .containsKeys("scores", "matched_terms", "negated_terms", "category_rule", "priority");
        assertThat(triaged.explanation().get("matched_terms").toString()).contains("charge", "invoice", "refund");

        given().auth()
                .oauth2(TestTokens.agent())
                .get("/api/v1/triage/" + ticketId)
                .then()
                .statusCode(200)
                .contentType("application/json")
                .body("ticket_id", equalTo(ticketId.toString()))
                .body("category", equalTo("billing"))
                .body("priority", equalTo("P3"))
                .body("confidence", equalTo((float) triaged.confidence()))
                .body("rule_pack_version", equalTo(io.ticketsuite.triage.TicketSamples.PACK_VERSION))
                .body("customer_tier", equalTo("PROFESSIONAL"))
                .body("source_event_id", equalTo(created.id().toString()))
                .body("decided_at", notNullValue())
                .body("explanation.rule_pack_version", equalTo(io.ticketsuite.triage.TicketSamples.PACK_VERSION))
                .body("explanation.matched_terms.category", hasItem("billing"))
                .body("explanation.priority.priority", equalTo("P3"))
                .body("explanation.scores.billing", greaterThan(0f));
    }

    @Test
    void shouldUseTheCustomerTierOfTheTicketForThePriority() {
        UUID enterprise = UUID.randomUUID();
        UUID free = UUID.randomUUID();
        String subject = "The dashboard shows an error";
        String body = "Since the last release the dashboard page fails to load with an error.";

        TicketSamples.publish(
                TicketSamples.envelope(TicketSamples.created(enterprise, subject, body, CustomerTier.ENTERPRISE)));
        TicketSamples.publish(TicketSamples.envelope(TicketSamples.created(free, subject, body, CustomerTier.FREE)));

        TicketTriaged forEnterprise =
                decode(triageEvents.await(triaged(enterprise), 1, WAIT).get(0));
        TicketTriaged forFree =
                decode(triageEvents.await(triaged(free), 1, WAIT).get(0));
        assertThat(forEnterprise.category()).isEqualTo("technical");
        assertThat(forFree.category()).isEqualTo("technical");
        assertThat(forEnterprise.priority()).isEqualTo(Priority.P2);
        assertThat(forFree.priority()).isEqualTo(Priority.P4);
    }

    @Test
    void shouldTakeAMonitoringAlertsUrgencyAndImpactTagsIntoThePriority() {
        UUID plain = UUID.randomUUID();
        UUID alert = UUID.randomUUID();
        String subject = "Checkout error rate above 5%";
        String body = "5xx ratio 7% for 10 min";
        TicketCreated untagged = TicketSamples.created(plain, subject, body, CustomerTier.ENTERPRISE);
        TicketCreated base = TicketSamples.created(alert, subject, body, CustomerTier.ENTERPRISE);
        TicketCreated tagged = new TicketCreated(
                base.ticketId(),
                base.type(),
                io.ticketsuite.events.Channel.MONITORING,
                base.subject(),
                base.description(),
                base.customer(),
                List.of("alert", "urgency:high", "impact:high", "severity=critical"),
                null,
                base.status(),
                base.createdAt());

        TicketSamples.publish(TicketSamples.envelope(untagged));
        TicketSamples.publish(TicketSamples.envelope(tagged));

        TicketTriaged withoutTags =
                decode(triageEvents.await(triaged(plain), 1, WAIT).get(0));
        TicketTriaged withTags =
                decode(triageEvents.await(triaged(alert), 1, WAIT).get(0));
        assertThat(withoutTags.priority()).isNotEqualTo(Priority.P1);
        assertThat(withTags.priority()).isEqualTo(Priority.P1);
    }

    @Test
    void shouldDecideAndAnnounceOnceWhenTheSameEventIsDeliveredTwice() throws Exception {
        UUID ticketId = UUID.randomUUID();
        EventEnvelope<TicketCreated> created = TicketSamples.envelope(TicketSamples.billing(ticketId));
        double duplicatesBefore = consumed("duplicate");

        TicketSamples.publish(created);
        TicketSamples.publish(created);

        assertThat(triageEvents.await(triaged(ticketId), 1, WAIT)).hasSize(1);
        await().atMost(WAIT).until(() -> consumed("duplicate") >= duplicatesBefore + 1);
        assertThat(triageEvents.drain(triaged(ticketId), QUIET)).hasSize(1);
        assertThat(count("SELECT count(*) FROM triage_decision WHERE ticket_id = ?", ticketId))
                .isEqualTo(1);
        // announced once: the drain above; the outbox deletes rows as it sends them, so it is no witness
    }

    @Test
    void shouldKeepTheFirstDecisionWhenTheTicketIsCreatedAgainUnderAnotherEventId() throws Exception {
        UUID ticketId = UUID.randomUUID();
        EventEnvelope<TicketCreated> first = TicketSamples.envelope(TicketSamples.billing(ticketId));
        EventEnvelope<TicketCreated> second = TicketSamples.envelope(TicketSamples.created(
                ticketId,
                "Security breach: our account was hacked",
                "Someone got unauthorized access and our data was exposed.",
                CustomerTier.ENTERPRISE));

        TicketSamples.publish(first);
        assertThat(triageEvents.await(triaged(ticketId), 1, WAIT)).hasSize(1);
        TicketSamples.publish(second);

        await().atMost(WAIT)
                .until(() -> count("SELECT count(*) FROM processed_event WHERE event_id = ?", second.id()) == 1);
        List<ConsumerRecord<String, String>> records = triageEvents.drain(triaged(ticketId), QUIET);
        assertThat(records).hasSize(1);
        assertThat(decode(records.get(0)).category()).isEqualTo("billing");
        assertThat(count("SELECT count(*) FROM triage_decision WHERE ticket_id = ?", ticketId))
                .isEqualTo(1);
        given().auth()
                .oauth2(TestTokens.agent())
                .get("/api/v1/triage/" + ticketId)
                .then()
                .statusCode(200)
                .body("category", equalTo("billing"))
                .body("source_event_id", equalTo(first.id().toString()));
    }

    @Test
    void shouldDeadLetterPoisonRecordsWithTheirReasonAndGoOnWithTheNextRecord() {
        UUID ticketId = UUID.randomUUID();
        String key = ticketId.toString();
        EventEnvelope<TicketCreated> valid = TicketSamples.envelope(TicketSamples.billing(ticketId));
        String json = EventCodec.toJson(valid.data());

        TicketSamples.publishRaw(key, "{\"ticket_id\": \"" + key + "\", \"subject\": ", freshHeaders(valid, null));
        TicketSamples.publishRaw(key, json, freshHeaders(valid, "ticket.teleported"));
        TicketSamples.publishRaw(key, json.replaceFirst("\"subject\":\"[^\"]*\",", ""), freshHeaders(valid, null));
        TicketSamples.publish(valid);

        List<ConsumerRecord<String, String>> dead = deadLetters.await(r -> key.equals(r.key()), 3, WAIT);
        assertThat(dead).hasSize(3);
        assertThat(dead.stream().map(r -> TopicProbe.header(r, "dead-letter-reason")))
                .satisfiesExactly(
                        reason -> assertThat(reason).contains("malformed JSON"),
                        reason -> assertThat(reason).contains("unknown event type 'ticket.teleported'"),
                        reason -> assertThat(reason).contains("missing required field 'subject'"));
        assertThat(dead)
                .allSatisfy(r ->
                        assertThat(TopicProbe.header(r, "dead-letter-topic")).isEqualTo(Topics.TICKET_EVENTS));
        List<ConsumerRecord<String, String>> triaged = triageEvents.await(triaged(ticketId), 1, WAIT);
        assertThat(triaged).hasSize(1);
        assertThat(decode(triaged.get(0)).category()).isEqualTo("billing");
    }

    @Test
    void shouldIgnoreTheOtherEventTypesOfTicketEventsWithoutDeadLetteringThem() {
        UUID ticketId = UUID.randomUUID();
        String key = ticketId.toString();
        double ignoredBefore = ignored("ticket.updated");

        TicketSamples.publish(
                TicketSamples.envelope(new TicketUpdated(ticketId, Map.of("tags", "vip"), Instant.now())));
        TicketSamples.publish(TicketSamples.envelope(new TicketStatusChanged(
                ticketId,
                TicketType.SUPPORT,
                TicketStatus.NEW,
                TicketStatus.TRIAGED,
                "accepted",
                "agent-1",
                Instant.now())));
        TicketSamples.publish(TicketSamples.envelope(TicketSamples.billing(ticketId)));

        assertThat(triageEvents.await(triaged(ticketId), 1, WAIT)).hasSize(1);
        assertThat(ignored("ticket.updated")).isGreaterThanOrEqualTo(ignoredBefore + 1);
        assertThat(deadLetters.drain(r -> key.equals(r.key()), QUIET)).isEmpty();
    }

    @Test
    void shouldCountDecisionsByCategoryAndPriorityAndTimeClassifications() {
        UUID ticketId = UUID.randomUUID();
        TicketSamples.publish(TicketSamples.envelope(TicketSamples.billing(ticketId)));
        triageEvents.await(triaged(ticketId), 1, WAIT);

        await().atMost(WAIT).untilAsserted(() -> {
            Counter decisions = registry.find("ts.triage.decisions")
                    .tag("category", "billing")
                    .tag("priority", "P3")
                    .counter();
            assertThat(decisions).isNotNull();
            assertThat(decisions.count()).isGreaterThanOrEqualTo(1);
        });
        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics)
                .containsPattern("ts_triage_decisions_total\\{[^}]*category=\"billing\"[^}]*priority=\"P3\"")
                .containsPattern("ts_triage_classification_seconds_count\\{[^}]*source=\"event\"[^}]*} [1-9]");
    }

    private static Predicate<ConsumerRecord<String, String>> triaged(UUID ticketId) {
        return r -> ticketId.toString().equals(r.key())
                && "ticket.triaged".equals(TopicProbe.header(r, CloudEventHeaders.TYPE));
    }

    private static TicketTriaged decode(ConsumerRecord<String, String> record) {
        return (TicketTriaged)
                EventCodec.decode(TopicProbe.headers(record), record.value()).data();
    }

    /** The headers of the event under a new event id (so the inbox does not take it for a duplicate). */
    private static Map<String, String> freshHeaders(EventEnvelope<?> event, String type) {
        Map<String, String> headers = new HashMap<>(EventCodec.headers(event));
        headers.put(CloudEventHeaders.ID, UUID.randomUUID().toString());
        if (type != null) {
            headers.put(CloudEventHeaders.TYPE, type);
        }
        return headers;
    }

    private double consumed(String outcome) {
        Counter counter = registry.find("ts.events.consumed")
                .tag("consumer", TicketEventsConsumer.CONSUMER)
                .tag("type", "ticket.created")
                .tag("outcome", outcome)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private double ignored(String type) {
        Counter counter = registry.find("ts.events.consumed")
                .tag("consumer", TicketEventsConsumer.CONSUMER)
                .tag("type", type)
                .tag("outcome", "ignored")
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private long count(String sql, Object parameter) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, parameter);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
