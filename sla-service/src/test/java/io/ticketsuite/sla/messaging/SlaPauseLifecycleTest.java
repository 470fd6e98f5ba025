package io.ticketsuite.sla.messaging;

import static io.restassured.RestAssured.given;
import static io.ticketsuite.sla.SlaEvents.about;
import static io.ticketsuite.sla.SlaEvents.created;
import static io.ticketsuite.sla.SlaEvents.publish;
import static io.ticketsuite.sla.SlaEvents.threshold;
import static io.ticketsuite.sla.SlaEvents.triaged;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.ticketsuite.events.CustomerTier;
import io.ticketsuite.events.Priority;
import io.ticketsuite.events.SlaClock;
import io.ticketsuite.events.SlaPaused;
import io.ticketsuite.events.SlaResumed;
import io.ticketsuite.events.SlaStarted;
import io.ticketsuite.events.SlaWarning;
import io.ticketsuite.events.TicketStatus;
import io.ticketsuite.events.TicketStatusChanged;
import io.ticketsuite.events.TicketType;
import io.ticketsuite.events.Topics;
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
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pauses and the preview over the real broker and database, with a test clock. */
@QuarkusTest
@QuarkusTestResource(value = TestInfrastructure.class, initArgs = @ResourceArg(name = "service", value = "sla"))
class SlaPauseLifecycleTest {
    static final Duration WAIT = Duration.ofSeconds(20);
    static final Duration QUIET = Duration.ofMillis(1500);

    @Inject
    MutableClock clock;

    private TopicProbe slaEvents;
    private UUID ticketId;

    @BeforeEach
    void newTicket() {
        slaEvents = TopicProbe.from(Topics.SLA_EVENTS);
        ticketId = UUID.randomUUID();
    }

    @AfterEach
    void closeProbe() {
        slaEvents.close();
    }

    private <T> T awaitOne(String ceType) {
        List<ConsumerRecord<String, String>> records = slaEvents.await(about(ticketId, ceType), 1, WAIT);
        assertThat(records).as(ceType + " for " + ticketId).isNotEmpty();
        return SlaEvents.data(records.get(0));
    }

    private List<String> resolutionThresholds(Duration within) {
        return SlaEvents.thresholds(slaEvents.drain(about(ticketId), within)).stream()
                .filter(t -> t.startsWith(SlaClock.RESOLUTION.name()))
                .toList();
    }

    private void status(TicketStatus from, TicketStatus to, Instant at) {
        publish(new TicketStatusChanged(ticketId, TicketType.SUPPORT, from, to, null, "agent-1", at), at);
    }

    @Test
    void shouldMoveTheDueInstantByExactlyThePausedTimeAndFireThresholdsAtTheNewInstants() {
        Instant createdAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        publish(created(ticketId, createdAt), createdAt); // ENTERPRISE: 24/7, P2 resolution 8 h
        publish(triaged(ticketId, Priority.P2, createdAt), createdAt);
        SlaStarted started = awaitOne("sla.started");
        assertThat(started.resolutionDueAt()).isEqualTo(createdAt.plus(Duration.ofHours(8)));

        Instant pausedAt = createdAt.plus(Duration.ofHours(1));
        clock.advance(Duration.ofHours(1));
        status(TicketStatus.IN_PROGRESS, TicketStatus.WAITING_FOR_CUSTOMER, pausedAt);
        SlaPaused paused = awaitOne("sla.paused");
        assertThat(paused)
                .isEqualTo(new SlaPaused(ticketId, "WAITING_FOR_CUSTOMER", pausedAt, List.of(SlaClock.RESOLUTION)));

        clock.advance(Duration.ofHours(3)); // 4 h: 50 % of the unpaused clock, but the clock is paused
        assertThat(resolutionThresholds(QUIET)).isEmpty();

        Instant resumedAt = createdAt.plus(Duration.ofHours(4));
        status(TicketStatus.WAITING_FOR_CUSTOMER, TicketStatus.IN_PROGRESS, resumedAt);
        SlaResumed resumed = awaitOne("sla.resumed");
        Instant due = createdAt.plus(Duration.ofHours(11)); // 8 h + the 3 h paused
        assertThat(resumed.resumedAt()).isEqualTo(resumedAt);
        assertThat(resumed.resolutionDueAt()).isEqualTo(due);
        assertThat(resumed.clocks()).containsExactly(SlaClock.RESOLUTION);
        assertThat(resumed.pausedSeconds()).isEqualTo(3 * 3600L);

        JsonPath view = given().auth()
                .oauth2(TestTokens.agent())
                .get("/api/v1/sla/{id}", ticketId)
                .then()
                .statusCode(200)
                .body("calendar", equalTo("24/7"))
                .body("time_zone", equalTo("UTC"))
                .body("clocks[1].clock", equalTo("RESOLUTION"))
                .body("clocks[1].state", equalTo("RUNNING"))
                .body("clocks[1].due_at", equalTo(due.toString()))
                .body("clocks[1].paused_seconds", equalTo(3 * 3600))
                .body("clocks[1].pauses[0].paused_at", equalTo(pausedAt.toString()))
                .body("clocks[1].pauses[0].resumed_at", equalTo(resumedAt.toString()))
                .body("clocks[1].pauses[0].paused_time", equalTo("PT3H"))
                .body("timeline.event", hasItems("started", "paused", "resumed"))
                .extract()
                .jsonPath();
        List<Map<String, Object>> thresholds = view.getList("clocks[1].thresholds");
        assertThat(thresholds)
                .extracting(t -> t.get("percent"), t -> t.get("fire_at"))
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                50, createdAt.plus(Duration.ofHours(7)).toString()),
                        org.assertj.core.groups.Tuple.tuple(
                                75, createdAt.plus(Duration.ofHours(9)).toString()),
                        org.assertj.core.groups.Tuple.tuple(100, due.toString()),
                        org.assertj.core.groups.Tuple.tuple(
                                125, createdAt.plus(Duration.ofHours(13)).toString()));

        clock.advance(Duration.ofHours(3).minusSeconds(1)); // just before the new 50 % instant (7 h)
        assertThat(resolutionThresholds(QUIET)).isEmpty();
        clock.advance(Duration.ofSeconds(2));
        List<ConsumerRecord<String, String>> warnings = slaEvents.await(
                about(ticketId, "sla.warning")
                        .and(r -> SlaEvents.<SlaWarning>data(r).clock() == SlaClock.RESOLUTION),
                1,
                WAIT);
        assertThat(warnings).hasSize(1);
        SlaWarning warning = SlaEvents.data(warnings.get(0));
        assertThat(warning.thresholdPercent()).isEqualTo(50);
        assertThat(warning.dueAt()).isEqualTo(due);
        assertThat(resolutionThresholds(QUIET)).containsExactly("RESOLUTION/50");
    }

    @Test
    void shouldPreviewExactlyWhatARealTicketGets() {
        Instant createdAt = Instant.parse("2025-03-14T16:00:00Z"); // a Friday afternoon, FREE: business hours
        publish(created(ticketId, createdAt, CustomerTier.FREE), createdAt);
        publish(triaged(ticketId, Priority.P3, createdAt), createdAt);
        SlaStarted started = awaitOne("sla.started");
        assertThat(started.responseDueAt()).isEqualTo(Instant.parse("2025-03-17T12:00:00Z"));
        assertThat(started.resolutionDueAt()).isEqualTo(Instant.parse("2025-03-18T16:00:00Z"));

        JsonPath real = given().auth()
                .oauth2(TestTokens.agent())
                .get("/api/v1/sla/{id}", ticketId)
                .then()
                .statusCode(200)
                .body("calendar", equalTo("business-hours"))
                .extract()
                .jsonPath();
        JsonPath preview = given().auth()
                .oauth2(TestTokens.lead())
                .contentType("application/json")
                .body(Map.of("tier", "FREE", "priority", "P3", "created_at", createdAt.toString()))
                .post("/api/v1/sla/preview")
                .then()
                .statusCode(200)
                .body("calendar.name", equalTo("business-hours"))
                .body("calendar.time_zone", equalTo("UTC"))
                .body("calendar.working_day", equalTo("PT8H"))
                .extract()
                .jsonPath();

        for (int i = 0; i < 2; i++) {
            String clockPath = "clocks[" + i + "]";
            assertThat(preview.getString(clockPath + ".clock")).isEqualTo(real.getString(clockPath + ".clock"));
            assertThat(preview.getString(clockPath + ".target")).isEqualTo(real.getString(clockPath + ".target"));
            assertThat(preview.getString(clockPath + ".due_at")).isEqualTo(real.getString(clockPath + ".due_at"));
            assertThat(preview.getList(clockPath + ".thresholds.fire_at", String.class))
                    .isEqualTo(real.getList(clockPath + ".thresholds.fire_at", String.class));
        }
        assertThat(preview.getString("clocks[1].due_at")).isEqualTo("2025-03-18T16:00:00Z");
    }

    @Test
    void shouldHonourAWaitingStatusReachedBeforeTheClocksStarted() {
        Instant createdAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        publish(created(ticketId, createdAt), createdAt); // ENTERPRISE: 24/7, P2 resolution 8 h
        Instant waiting = createdAt.plus(Duration.ofMinutes(30));
        clock.advance(Duration.ofMinutes(30));
        status(TicketStatus.NEW, TicketStatus.WAITING_FOR_THIRD_PARTY, waiting);
        // consumed in the consumer's next batch (the service gathers records for up to 250 ms)
        await().atMost(WAIT)
                .untilAsserted(() -> given().auth()
                        .oauth2(TestTokens.agent())
                        .get("/api/v1/sla/{id}", ticketId)
                        .then()
                        .body("waiting_for", equalTo("ticket.triaged")));

        publish(triaged(ticketId, Priority.P2, createdAt), createdAt); // triage arrives after the status
        SlaStarted started = awaitOne("sla.started");
        assertThat(started.reason()).isEqualTo(SlaStarted.CREATED);
        SlaPaused paused = awaitOne("sla.paused");
        assertThat(paused)
                .isEqualTo(new SlaPaused(ticketId, "WAITING_FOR_THIRD_PARTY", waiting, List.of(SlaClock.RESOLUTION)));
        given().auth()
                .oauth2(TestTokens.agent())
                .get("/api/v1/sla/{id}", ticketId)
                .then()
                .body("clocks[1].state", equalTo("PAUSED"))
                .body("clocks[1].paused_at", equalTo(waiting.toString()))
                .body("clocks[0].state", equalTo("RUNNING"));

        clock.advance(Duration.ofHours(4)); // 4.5 h after creation: 50 % of the unpaused resolution clock
        assertThat(resolutionThresholds(QUIET)).isEmpty();

        Instant resumedAt = createdAt.plus(Duration.ofHours(2).plusMinutes(30));
        status(TicketStatus.WAITING_FOR_THIRD_PARTY, TicketStatus.SCHEDULED, resumedAt);
        SlaResumed resumed = awaitOne("sla.resumed");
        assertThat(resumed.resolutionDueAt()).isEqualTo(createdAt.plus(Duration.ofHours(10)));
        assertThat(resumed.clocks()).containsExactly(SlaClock.RESOLUTION);
        // 50 % is now at 6 h (4 h + 2 h paused): not yet at 4.5 h
        assertThat(resolutionThresholds(QUIET)).isEmpty();
        clock.advance(Duration.ofHours(1).plusMinutes(31));
        assertThat(SlaEvents.thresholds(slaEvents.await(about(ticketId, "sla.warning"), 3, WAIT)))
                .contains(threshold(SlaClock.RESOLUTION, 50));
    }
}
