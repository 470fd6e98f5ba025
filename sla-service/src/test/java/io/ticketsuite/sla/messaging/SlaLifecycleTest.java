package io.ticketsuite.sla.messaging;

import static io.restassured.RestAssured.given;
import static io.ticketsuite.sla.SlaEvents.about;
import static io.ticketsuite.sla.SlaEvents.assigned;
import static io.ticketsuite.sla.SlaEvents.comment;
import static io.ticketsuite.sla.SlaEvents.created;
import static io.ticketsuite.sla.SlaEvents.publish;
import static io.ticketsuite.sla.SlaEvents.threshold;
import static io.ticketsuite.sla.SlaEvents.triaged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.ticketsuite.events.AuthorRole;
import io.ticketsuite.events.CloudEventHeaders;
import io.ticketsuite.events.EventCodec;
import io.ticketsuite.events.EventEnvelope;
import io.ticketsuite.events.Priority;
import io.ticketsuite.events.SlaBreached;
import io.ticketsuite.events.SlaClock;
import io.ticketsuite.events.SlaMet;
import io.ticketsuite.events.SlaStarted;
import io.ticketsuite.events.SlaWarning;
import io.ticketsuite.events.TicketCreated;
import io.ticketsuite.events.TicketReclassified;
import io.ticketsuite.events.TicketStatus;
import io.ticketsuite.events.TicketStatusChanged;
import io.ticketsuite.events.TicketTriaged;
import io.ticketsuite.events.TicketType;
import io.ticketsuite.events.Topics;
import io.ticketsuite.events.Visibility;
import io.ticketsuite.sla.MutableClock;
import io.ticketsuite.sla.SlaEvents;
import io.ticketsuite.testkit.TestInfrastructure;
import io.ticketsuite.testkit.TestTokens;
import io.ticketsuite.testkit.TopicProbe;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The clocks driven by real events over the real broker, with a test clock; assertions on sla-events. */
@QuarkusTest
@QuarkusTestResource(value = TestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "sla"))
class SlaLifecycleTest {
    static final Duration WAIT = Duration.ofSeconds(20);
    static final Duration QUIET = Duration.ofMillis(1500);

    @Inject
    MutableClock clock;

    @Inject
    MeterRegistry registry;

    private TopicProbe slaEvents;
    private UUID ticketId;
    private Instant createdAt;

    @BeforeEach
    void newTicket() {
        slaEvents = TopicProbe.from(Topics.SLA_EVENTS);
        ticketId = UUID.randomUUID();
        createdAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    @AfterEach
    void closeProbe() {
        slaEvents.close();
    }

    private ConsumerRecord<String, String> awaitOne(String ceType) {
        List<ConsumerRecord<String, String>> records = slaEvents.await(about(ticketId, ceType), 1, WAIT);
        assertThat(records).as(ceType + " for " + ticketId).isNotEmpty();
        return records.get(0);
    }

    private void startP1Clocks() {
        publish(created(ticketId, createdAt), createdAt);
        publish(triaged(ticketId, Priority.P1, createdAt), createdAt);
        awaitOne("sla.started");
    }

    @Test
    void shouldStartBothClocksWithTheDueInstantsOfThePriority() {
        publish(created(ticketId, createdAt), createdAt);
        publish(triaged(ticketId, Priority.P1, createdAt.plusSeconds(2)), createdAt);

        ConsumerRecord<String, String> record = awaitOne("sla.started");

        assertThat(record.key()).isEqualTo(ticketId.toString());
        assertThat(TopicProbe.header(record, CloudEventHeaders.SOURCE)).isEqualTo("sla-service");
        SlaStarted started = SlaEvents.data(record);
        assertThat(started)
                .isEqualTo(new SlaStarted(
                        ticketId,
                        Priority.P1,
                        createdAt,
                        createdAt.plus(Duration.ofMinutes(15)),
                        createdAt.plus(Duration.ofHours(4)),
                        SlaStarted.CREATED,
                        List.of(SlaClock.RESPONSE, SlaClock.RESOLUTION),
                        null,
                        1));
        given().auth()
                .oauth2(TestTokens.agent())
                .get("/api/v1/sla/{id}", ticketId)
                .then()
                .statusCode(200)
                .body("priority", equalTo("P1"))
                .body("clocks", hasSize(2))
                .body("clocks[0].clock", equalTo("RESPONSE"))
                .body("clocks[0].state", equalTo("RUNNING"))
                .body("clocks[0].target", equalTo("PT15M"))
                .body(
                        "clocks[0].due_at",
                        equalTo(createdAt.plus(Duration.ofMinutes(15)).toString()))
                .body("clocks[1].clock", equalTo("RESOLUTION"))
                .body("clocks[1].target_seconds", equalTo(4 * 3600))
                .body("clocks[1].thresholds", hasSize(4));
    }

    @Test
    void shouldStartOnceTheCreationArrivesAfterTriageAndAssignmentAndAddressThresholdsToTheAssignee() {
        publish(assigned(ticketId, createdAt), createdAt);
        publish(triaged(ticketId, Priority.P2, createdAt), createdAt);
        await().atMost(WAIT)
                .untilAsserted(() -> given().auth()
                        .oauth2(TestTokens.agent())
                        .get("/api/v1/sla/{id}", ticketId)
                        .then()
                        .statusCode(200)
                        .body("priority", equalTo("P2"))
                        .body("team_lead_id", equalTo("lead-3"))
                        .body("waiting_for", equalTo("ticket.created"))
                        .body("clocks", hasSize(0)));

        publish(created(ticketId, createdAt), createdAt);
        SlaStarted started = SlaEvents.data(awaitOne("sla.started"));
        assertThat(started.startedAt()).isEqualTo(createdAt);
        assertThat(started.responseDueAt()).isEqualTo(createdAt.plus(Duration.ofHours(1)));

        clock.advance(Duration.ofMinutes(31)); // past 50 % of the 1 h response target
        SlaWarning warning = SlaEvents.data(awaitOne("sla.warning"));
        assertThat(warning)
                .isEqualTo(new SlaWarning(
                        ticketId,
                        SlaClock.RESPONSE,
                        50,
                        Priority.P2,
                        createdAt.plus(Duration.ofHours(1)),
                        "agent-7",
                        "billing",
                        "lead-3",
                        warning.firedAt()));
    }

    @Test
    void shouldFireEachThresholdOfEachClockExactlyOnce() {
        startP1Clocks(); // response 15 min, resolution 4 h

        clock.advance(Duration.ofMinutes(8)); // 53 %
        awaitThresholds(List.of(threshold(SlaClock.RESPONSE, 50)));
        clock.advance(Duration.ofMinutes(4)); // 80 %
        awaitThresholds(List.of(threshold(SlaClock.RESPONSE, 50), threshold(SlaClock.RESPONSE, 75)));
        clock.advance(Duration.ofMinutes(4)); // 106 %
        SlaBreached breached = SlaEvents.data(awaitOne("sla.breached"));
        assertThat(breached.clock()).isEqualTo(SlaClock.RESPONSE);
        assertThat(breached.thresholdPercent()).isEqualTo(100);
        clock.advance(Duration.ofMinutes(3)); // 126 %
        awaitOne("sla.escalated");
        given().auth()
                .oauth2(TestTokens.agent())
                .get("/api/v1/sla/{id}", ticketId)
                .then()
                .body("clocks[0].state", equalTo("BREACHED"))
                .body("clocks[0].thresholds.state", equalTo(List.of("FIRED", "FIRED", "FIRED", "FIRED")));

        clock.advance(Duration.ofHours(5)); // resolution: 2 h, 3 h, 4 h, 5 h all passed at once

        List<String> all = List.of(
                threshold(SlaClock.RESPONSE, 50), threshold(SlaClock.RESPONSE, 75),
                threshold(SlaClock.RESPONSE, 100), threshold(SlaClock.RESPONSE, 125),
                threshold(SlaClock.RESOLUTION, 50), threshold(SlaClock.RESOLUTION, 75),
                threshold(SlaClock.RESOLUTION, 100), threshold(SlaClock.RESOLUTION, 125));
        awaitThresholds(all);
        assertThat(SlaEvents.thresholds(slaEvents.drain(about(ticketId), QUIET)))
                .containsExactlyInAnyOrderElementsOf(all);
    }

    @Test
    void shouldMeetTheResponseClockWithAPublicAgentCommentButNotAnInternalNoteOrACustomerComment() {
        startP1Clocks();
        Instant note = createdAt.plusSeconds(60);
        Instant customer = createdAt.plusSeconds(90);
        Instant reply = createdAt.plusSeconds(120);

        publish(comment(ticketId, AuthorRole.AGENT, Visibility.INTERNAL, note), note);
        publish(comment(ticketId, AuthorRole.CUSTOMER, Visibility.PUBLIC, customer), customer);
        publish(comment(ticketId, AuthorRole.AGENT, Visibility.PUBLIC, reply), reply);

        SlaMet met = SlaEvents.data(awaitOne("sla.met"));
        assertThat(met)
                .isEqualTo(
                        new SlaMet(ticketId, SlaClock.RESPONSE, createdAt.plus(Duration.ofMinutes(15)), reply, true));
        given().auth()
                .oauth2(TestTokens.agent())
                .get("/api/v1/sla/{id}", ticketId)
                .then()
                .body("clocks[0].state", equalTo("MET"))
                .body("clocks[0].met_at", equalTo(reply.toString()))
                .body("clocks[0].within_target", equalTo(true))
                .body(
                        "clocks[0].thresholds.state",
                        equalTo(List.of("CANCELLED", "CANCELLED", "CANCELLED", "CANCELLED")))
                .body("clocks[1].state", equalTo("RUNNING"));

        clock.advance(Duration.ofMinutes(20)); // past 125 % of the response target: nothing may fire for it
        assertThat(SlaEvents.thresholds(slaEvents.drain(about(ticketId), QUIET)))
                .isEmpty();
    }

    @Test
    void shouldNotMeetTheResponseClockWithOnlyAnInternalNote() {
        startP1Clocks();
        publish(comment(ticketId, AuthorRole.AGENT, Visibility.INTERNAL, createdAt.plusSeconds(5)), createdAt);
        publish(comment(ticketId, AuthorRole.CUSTOMER, Visibility.PUBLIC, createdAt.plusSeconds(6)), createdAt);

        clock.advance(Duration.ofMinutes(8));

        awaitThresholds(List.of(threshold(SlaClock.RESPONSE, 50)));
        assertThat(slaEvents.drain(about(ticketId, "sla.met"), QUIET)).isEmpty();
    }

    @Test
    void shouldMeetTheResolutionClockWhenResolvedAndRestartItWhenReopened() {
        startP1Clocks();
        Instant resolved = createdAt.plusSeconds(600);
        publish(status(TicketStatus.IN_PROGRESS, TicketStatus.RESOLVED, resolved), resolved);

        List<ConsumerRecord<String, String>> met = slaEvents.await(about(ticketId, "sla.met"), 2, WAIT);
        assertThat(met.stream().map(r -> (SlaMet) SlaEvents.data(r)).toList())
                .extracting(SlaMet::clock, SlaMet::metAt, SlaMet::withinTarget)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(SlaClock.RESPONSE, resolved, true),
                        org.assertj.core.groups.Tuple.tuple(SlaClock.RESOLUTION, resolved, true));

        Instant reopened = clock.instant().truncatedTo(ChronoUnit.MICROS);
        publish(status(TicketStatus.RESOLVED, TicketStatus.REOPENED, reopened), reopened);
        List<ConsumerRecord<String, String>> starts = slaEvents.await(about(ticketId, "sla.started"), 2, WAIT);
        assertThat(starts.stream().map(r -> (SlaStarted) SlaEvents.data(r)).toList())
                .extracting(SlaStarted::reason, SlaStarted::clocks, SlaStarted::cycle)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                SlaStarted.CREATED, List.of(SlaClock.RESPONSE, SlaClock.RESOLUTION), 1),
                        org.assertj.core.groups.Tuple.tuple(SlaStarted.REOPENED, List.of(SlaClock.RESOLUTION), 2));
        assertThat(slaEvents.drain(about(ticketId, "sla.resumed"), QUIET))
                .as("a restart is not a resume")
                .isEmpty();
        given().auth()
                .oauth2(TestTokens.agent())
                .get("/api/v1/sla/{id}", ticketId)
                .then()
                .body("timeline.findAll { it.event == 'met' && it.clock == 'RESOLUTION' }.cycle", contains(1))
                .body("timeline.findAll { it.event == 'restarted' }.cycle", contains(2))
                .body("clocks[1].state", equalTo("RUNNING"))
                .body("clocks[1].cycle", equalTo(2))
                .body("clocks[1].started_at", equalTo(reopened.toString()))
                .body(
                        "clocks[1].due_at",
                        equalTo(reopened.plus(Duration.ofHours(4)).toString()));

        clock.advance(Duration.ofHours(2).plusMinutes(1));
        awaitThresholds(List.of(threshold(SlaClock.RESOLUTION, 50)));
    }

    @Test
    void shouldRecomputeTheDueInstantsWhenThePriorityChanges() {
        publish(created(ticketId, createdAt), createdAt);
        publish(triaged(ticketId, Priority.P4, createdAt), createdAt);
        awaitOne("sla.started");

        publish(
                new TicketReclassified(ticketId, "billing", "security", Priority.P4, Priority.P1, "breach", createdAt),
                createdAt);

        await().atMost(WAIT)
                .untilAsserted(() -> given().auth()
                        .oauth2(TestTokens.agent())
                        .get("/api/v1/sla/{id}", ticketId)
                        .then()
                        .body("priority", equalTo("P1"))
                        .body(
                                "clocks[0].due_at",
                                equalTo(createdAt.plus(Duration.ofMinutes(15)).toString()))
                        .body(
                                "clocks[1].due_at",
                                equalTo(createdAt.plus(Duration.ofHours(4)).toString()))
                        .body(
                                "clocks[0].thresholds.fire_at[0]",
                                equalTo(createdAt.plus(Duration.ofSeconds(450)).toString())));
        clock.advance(Duration.ofMinutes(8)); // 50 % of P1's 15 min, long before 50 % of P4's day
        awaitThresholds(List.of(threshold(SlaClock.RESPONSE, 50)));
    }

    @Test
    void shouldFollowAReclassificationOnceAnnounceTheNewDueInstantsAndFireAnOverdueThresholdOnce() {
        publish(created(ticketId, createdAt), createdAt);
        publish(triaged(ticketId, Priority.P4, createdAt), createdAt); // response 1 d, resolution 5 d (24/7)
        awaitOne("sla.started");
        clock.advance(Duration.ofMinutes(8)); // P4: nothing due; P1: 50 % of 15 min (7.5 min) has passed
        Instant at = createdAt.plus(Duration.ofMinutes(8));
        EventEnvelope<TicketReclassified> reclassification = EventEnvelope.of(
                "test",
                new TicketReclassified(
                        ticketId, "billing", "security", Priority.P4, Priority.P1, "breach evidence", at, "agent-9"),
                at);
        publish(reclassification);
        publish(reclassification); // redelivered

        List<ConsumerRecord<String, String>> starts = slaEvents.await(about(ticketId, "sla.started"), 2, WAIT);
        SlaStarted replanned = SlaEvents.data(starts.get(1));
        assertThat(replanned)
                .isEqualTo(new SlaStarted(
                        ticketId,
                        Priority.P1,
                        createdAt,
                        createdAt.plus(Duration.ofMinutes(15)),
                        createdAt.plus(Duration.ofHours(4)),
                        SlaStarted.REPRIORITISED,
                        List.of(SlaClock.RESPONSE, SlaClock.RESOLUTION),
                        Priority.P4,
                        1));
        awaitThresholds(List.of(threshold(SlaClock.RESPONSE, 50))); // overdue at the re-plan: fired at once

        // the same priority again (a category-only correction) changes nothing
        Instant later = at.plusSeconds(30);
        publish(
                new TicketReclassified(
                        ticketId, "security", "account", Priority.P1, Priority.P1, "wrong team", later, "agent-9"),
                later);
        List<ConsumerRecord<String, String>> rest = slaEvents.drain(about(ticketId), QUIET);
        assertThat(rest)
                .as("one re-plan, the overdue threshold once")
                .filteredOn(about(ticketId, "sla.started"))
                .hasSize(2);
        assertThat(SlaEvents.thresholds(rest)).containsExactly(threshold(SlaClock.RESPONSE, 50));
        given().auth()
                .oauth2(TestTokens.agent())
                .get("/api/v1/sla/{id}", ticketId)
                .then()
                .body("priority", equalTo("P1"))
                .body(
                        "clocks[0].due_at",
                        equalTo(createdAt.plus(Duration.ofMinutes(15)).toString()))
                .body("clocks[0].thresholds[0].state", equalTo("FIRED"))
                .body("timeline.findAll { it.event == 'recomputed' }.clock", contains("RESPONSE", "RESOLUTION"))
                .body(
                        "timeline.find { it.event == 'recomputed' }.detail",
                        containsString("P4 → P1 (reclassified by agent-9: breach evidence)"));
        assertThat(count("ts.sla.clocks.recomputed", "clock", "RESOLUTION", "priority", "P1"))
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void shouldKeepOneClockPairWhenEventsAreDeliveredTwiceOrRepeated() {
        EventEnvelope<TicketCreated> creation = EventEnvelope.of("test", created(ticketId, createdAt), createdAt);
        EventEnvelope<TicketTriaged> triage =
                EventEnvelope.of("test", triaged(ticketId, Priority.P1, createdAt), createdAt);
        publish(creation);
        publish(triage);
        publish(creation);
        publish(triage);
        publish(triaged(ticketId, Priority.P1, createdAt.plusSeconds(1)), createdAt); // same fact, new event

        awaitOne("sla.started");
        assertThat(slaEvents.drain(about(ticketId, "sla.started"), QUIET)).hasSize(1);
        given().auth()
                .oauth2(TestTokens.agent())
                .get("/api/v1/sla/{id}", ticketId)
                .then()
                .body("clocks", hasSize(2))
                .body("clocks[0].thresholds", hasSize(4))
                .body("clocks[1].thresholds", hasSize(4));
        clock.advance(Duration.ofMinutes(8));
        awaitThresholds(List.of(threshold(SlaClock.RESPONSE, 50)));
        assertThat(SlaEvents.thresholds(slaEvents.drain(about(ticketId), QUIET)))
                .containsExactly(threshold(SlaClock.RESPONSE, 50));
    }

    @Test
    void shouldDeadLetterAPoisonRecordWithItsReasonAndProcessTheNextOne() {
        try (TopicProbe dlq = TopicProbe.from(Topics.deadLetterTopic("sla-service"))) {
            EventEnvelope<TicketCreated> envelope = EventEnvelope.of("test", created(ticketId, createdAt), createdAt);
            TopicProbe.publish(Topics.TICKET_EVENTS, ticketId.toString(), "{not json", EventCodec.headers(envelope));
            publish(created(ticketId, createdAt), createdAt); // same key, so same partition, right behind it
            publish(triaged(ticketId, Priority.P3, createdAt), createdAt);

            SlaStarted started = SlaEvents.data(awaitOne("sla.started"));
            assertThat(started.priority()).isEqualTo(Priority.P3);
            List<ConsumerRecord<String, String>> dead =
                    dlq.await(r -> ticketId.toString().equals(r.key()), 1, WAIT);
            assertThat(dead).hasSize(1);
            assertThat(dead.get(0).value()).isEqualTo("{not json");
            assertThat(TopicProbe.header(dead.get(0), "dead-letter-reason"))
                    .contains("ticket.created")
                    .contains("malformed JSON");
            assertThat(TopicProbe.header(dead.get(0), "dead-letter-topic")).isEqualTo(Topics.TICKET_EVENTS);
        }
    }

    @Test
    void shouldCountClocksStartedThresholdsFiredBreachesAndTargetsMetOrMissed() {
        double started = count("ts.sla.clocks.started", "clock", "RESPONSE", "priority", "P2", "reason", "created");
        double fired = count("ts.sla.thresholds.fired", "clock", "RESPONSE", "percent", "100");
        double breaches = count("ts.sla.breaches", "clock", "RESPONSE", "priority", "P2");
        double missed = count("ts.sla.met", "clock", "RESPONSE", "within_target", "false");
        double kept = count("ts.sla.met", "clock", "RESOLUTION", "within_target", "true");
        publish(created(ticketId, createdAt), createdAt);
        publish(triaged(ticketId, Priority.P2, createdAt), createdAt);
        awaitOne("sla.started");

        clock.advance(Duration.ofMinutes(61)); // past the 1 h response target
        awaitOne("sla.breached");
        Instant reply = createdAt.plus(Duration.ofMinutes(61));
        publish(comment(ticketId, AuthorRole.AGENT, Visibility.PUBLIC, reply), reply);
        Instant resolved = createdAt.plus(Duration.ofMinutes(62));
        publish(status(TicketStatus.IN_PROGRESS, TicketStatus.RESOLVED, resolved), resolved);
        slaEvents.await(about(ticketId, "sla.met"), 2, WAIT);

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(count("ts.sla.clocks.started", "clock", "RESPONSE", "priority", "P2", "reason", "created"))
                    .isEqualTo(started + 1);
            assertThat(count("ts.sla.thresholds.fired", "clock", "RESPONSE", "percent", "100"))
                    .isGreaterThanOrEqualTo(fired + 1);
            assertThat(count("ts.sla.breaches", "clock", "RESPONSE", "priority", "P2"))
                    .isGreaterThanOrEqualTo(breaches + 1);
            assertThat(count("ts.sla.met", "clock", "RESPONSE", "within_target", "false"))
                    .isEqualTo(missed + 1);
            assertThat(count("ts.sla.met", "clock", "RESOLUTION", "within_target", "true"))
                    .isEqualTo(kept + 1);
        });
        given().get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("ts_sla_clocks_started_total"))
                .body(containsString("ts_sla_thresholds_fired_total"))
                .body(containsString("ts_sla_breaches_total"))
                .body(containsString("ts_sla_met_total"));
    }

    private double count(String name, String... tags) {
        Counter counter = registry.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    private TicketStatusChanged status(TicketStatus from, TicketStatus to, Instant at) {
        return new TicketStatusChanged(ticketId, TicketType.SUPPORT, from, to, null, "agent-1", at);
    }

    /** Waits until exactly these thresholds of the ticket were published (more would fail the assertion). */
    private void awaitThresholds(List<String> expected) {
        List<ConsumerRecord<String, String>> records =
                slaEvents.await(r -> about(ticketId).test(r) && isThreshold(r), expected.size(), WAIT);
        assertThat(SlaEvents.thresholds(records)).containsExactlyInAnyOrderElementsOf(expected);
    }

    private static boolean isThreshold(ConsumerRecord<String, String> record) {
        String type = TopicProbe.header(record, CloudEventHeaders.TYPE);
        return "sla.warning".equals(type) || "sla.breached".equals(type) || "sla.escalated".equals(type);
    }
}
