package io.ticketsuite.sla;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketsuite.events.CustomerTier;
import io.ticketsuite.events.EventData;
import io.ticketsuite.events.Priority;
import io.ticketsuite.events.SlaClock;
import io.ticketsuite.events.SlaMet;
import io.ticketsuite.events.SlaPaused;
import io.ticketsuite.events.SlaResumed;
import io.ticketsuite.events.TicketStatus;
import io.ticketsuite.events.TicketType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Pauses: over nights and weekends, with a priority change midway, and a resolution while paused. */
class TicketSlaPauseTest {
    static final Instant FRIDAY_1600 = Instant.parse("2025-03-14T16:00:00Z");

    private final SlaPolicy policy = SlaPolicyTest.defaultPolicy();
    private final UUID ticketId = UUID.randomUUID();
    private final SlaTicket ticket = new SlaTicket(ticketId, FRIDAY_1600);
    private final List<SlaClockRun> clocks = new ArrayList<>();
    private final List<SlaThreshold> thresholds = new ArrayList<>();
    private final List<SlaPause> pauses = new ArrayList<>();
    private final List<SlaClockEvent> history = new ArrayList<>();
    private final List<EventData> published = new ArrayList<>();

    private void apply(Consumer<TicketSla> change) {
        TicketSla sla = new TicketSla(
                ticket,
                clocks,
                thresholds.stream().filter(SlaThreshold::pending).toList(),
                // as SlaService reads them: only for a ticket marked as having pauses
                ticket.hasPauses ? pauses : List.of(),
                policy,
                Instant.now());
        change.accept(sla);
        for (Object created : sla.newEntities()) {
            if (created instanceof SlaClockRun run) {
                clocks.add(run);
            } else if (created instanceof SlaPause pause) {
                pauses.add(pause);
            } else if (created instanceof SlaClockEvent step) {
                history.add(step);
            } else {
                thresholds.add((SlaThreshold) created);
            }
        }
        published.addAll(sla.events());
    }

    private void start(CustomerTier tier, Priority priority, Instant at) {
        apply(sla -> sla.created(at, TicketType.SUPPORT, tier, TicketStatus.NEW));
        apply(sla -> sla.prioritised(priority));
    }

    private SlaClockRun clock(SlaClock clock) {
        return clocks.stream().filter(c -> c.clock == clock).findFirst().orElseThrow();
    }

    private SlaThreshold threshold(SlaClock clock, int percent) {
        return thresholds.stream()
                .filter(t -> t.clock == clock && t.percent == percent)
                .findFirst()
                .orElseThrow();
    }

    private <T> List<T> published(Class<T> type) {
        return published.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void shouldMoveTheResolutionDueInstantAndPendingThresholdsByThePausedTimeAroundTheClock() {
        Instant created = Instant.parse("2025-03-14T09:00:00Z");
        start(CustomerTier.ENTERPRISE, Priority.P2, created); // response 1 h, resolution 8 h, 24/7
        threshold(SlaClock.RESOLUTION, 50).firedAt = created.plus(Duration.ofHours(4)); // fired at 4 h

        apply(sla -> sla.statusChanged(TicketStatus.WAITING_FOR_CUSTOMER, created.plus(Duration.ofHours(5))));

        assertThat(published(SlaPaused.class))
                .containsExactly(new SlaPaused(
                        ticketId,
                        "WAITING_FOR_CUSTOMER",
                        created.plus(Duration.ofHours(5)),
                        List.of(SlaClock.RESOLUTION)));
        assertThat(threshold(SlaClock.RESOLUTION, 75).heldSince).isEqualTo(created.plus(Duration.ofHours(5)));
        assertThat(threshold(SlaClock.RESPONSE, 100).heldSince).isNull(); // response is not paused

        apply(sla -> sla.statusChanged(TicketStatus.IN_PROGRESS, created.plus(Duration.ofHours(7))));

        SlaClockRun resolution = clock(SlaClock.RESOLUTION);
        assertThat(resolution.dueAt).isEqualTo(created.plus(Duration.ofHours(10)));
        assertThat(resolution.paused()).isEqualTo(Duration.ofHours(2));
        assertThat(resolution.pausedAt).isNull();
        assertThat(clock(SlaClock.RESPONSE).dueAt).isEqualTo(created.plus(Duration.ofHours(1)));
        assertThat(threshold(SlaClock.RESOLUTION, 50).fireAt).isEqualTo(created.plus(Duration.ofHours(4)));
        assertThat(threshold(SlaClock.RESOLUTION, 75).fireAt).isEqualTo(created.plus(Duration.ofHours(8)));
        assertThat(threshold(SlaClock.RESOLUTION, 75).heldSince).isNull();
        assertThat(threshold(SlaClock.RESOLUTION, 125).fireAt).isEqualTo(created.plus(Duration.ofHours(12)));
        assertThat(published(SlaResumed.class))
                .containsExactly(new SlaResumed(
                        ticketId,
                        created.plus(Duration.ofHours(7)),
                        created.plus(Duration.ofHours(1)),
                        created.plus(Duration.ofHours(10)),
                        List.of(SlaClock.RESOLUTION),
                        7200L));
        assertThat(pauses).singleElement().satisfies(p -> {
            assertThat(p.pausedWorkingTime()).isEqualTo(Duration.ofHours(2));
            assertThat(p.reason).isEqualTo("WAITING_FOR_CUSTOMER");
        });
    }

    @Test
    void shouldCountOnlyTheWorkingTimeOfAPauseOverANightAndAWeekend() {
        start(CustomerTier.FREE, Priority.P3, FRIDAY_1600); // resolution 16 working hours → Tuesday 16:00
        assertThat(ticket.hasPauses).as("never paused").isFalse();

        apply(sla -> sla.statusChanged(TicketStatus.WAITING_FOR_THIRD_PARTY, Instant.parse("2025-03-14T16:30:00Z")));
        assertThat(ticket.hasPauses).as("paused").isTrue();
        apply(sla -> sla.statusChanged(TicketStatus.IN_PROGRESS, Instant.parse("2025-03-17T10:00:00Z")));
        assertThat(ticket.hasPauses).as("resumed: its pauses still count").isTrue();

        // paused 0.5 h on Friday and 1 h on Monday: due 1.5 working hours later than Tuesday 16:00
        assertThat(clock(SlaClock.RESOLUTION).paused()).isEqualTo(Duration.ofMinutes(90));
        assertThat(clock(SlaClock.RESOLUTION).dueAt).isEqualTo(Instant.parse("2025-03-19T09:30:00Z"));
        assertThat(clock(SlaClock.RESPONSE).dueAt).isEqualTo(Instant.parse("2025-03-17T12:00:00Z"));
    }

    @Test
    void shouldKeepThePauseWhenAPriorityChangesMidway() {
        start(CustomerTier.FREE, Priority.P3, FRIDAY_1600);
        apply(sla -> sla.statusChanged(TicketStatus.WAITING_FOR_CUSTOMER, Instant.parse("2025-03-14T16:30:00Z")));
        apply(sla -> sla.statusChanged(TicketStatus.IN_PROGRESS, Instant.parse("2025-03-17T10:00:00Z")));

        apply(sla -> sla.prioritised(Priority.P2)); // FREE P2 resolution: 8 working hours

        // Friday 16:00–16:30 (0.5 h), Monday 10:00–17:00 (7 h), Tuesday 09:00–09:30 (0.5 h)
        assertThat(clock(SlaClock.RESOLUTION).dueAt).isEqualTo(Instant.parse("2025-03-18T09:30:00Z"));
        assertThat(threshold(SlaClock.RESOLUTION, 50).fireAt).isEqualTo(Instant.parse("2025-03-17T13:30:00Z"));
    }

    @Test
    void shouldHoldThresholdsOfAClockWhosePriorityChangesWhilePaused() {
        start(CustomerTier.FREE, Priority.P3, FRIDAY_1600);
        apply(sla -> sla.statusChanged(TicketStatus.WAITING_FOR_CUSTOMER, Instant.parse("2025-03-17T10:00:00Z")));

        apply(sla -> sla.prioritised(Priority.P1)); // FREE P1 resolution 4 h: due Monday 12:00, 50 % Monday 10:00

        assertThat(threshold(SlaClock.RESOLUTION, 50).heldSince).isNull(); // reached before the pause: fires
        assertThat(threshold(SlaClock.RESOLUTION, 75).heldSince).isEqualTo(Instant.parse("2025-03-17T10:00:00Z"));

        apply(sla -> sla.statusChanged(TicketStatus.IN_PROGRESS, Instant.parse("2025-03-17T15:00:00Z")));

        assertThat(clock(SlaClock.RESOLUTION).dueAt).isEqualTo(Instant.parse("2025-03-17T17:00:00Z"));
        assertThat(threshold(SlaClock.RESOLUTION, 125).fireAt).isEqualTo(Instant.parse("2025-03-18T10:00:00Z"));
    }

    @Test
    void shouldResumeAndMeetAClockResolvedWhilePaused() {
        Instant created = Instant.parse("2025-03-14T09:00:00Z");
        start(CustomerTier.ENTERPRISE, Priority.P1, created); // resolution 4 h
        apply(sla -> sla.statusChanged(TicketStatus.WAITING_FOR_CUSTOMER, created.plus(Duration.ofHours(3))));

        apply(sla -> sla.statusChanged(TicketStatus.RESOLVED, created.plus(Duration.ofHours(6))));

        SlaClockRun resolution = clock(SlaClock.RESOLUTION);
        assertThat(resolution.dueAt).isEqualTo(created.plus(Duration.ofHours(7)));
        assertThat(published(SlaMet.class))
                .contains(new SlaMet(
                        ticketId,
                        SlaClock.RESOLUTION,
                        created.plus(Duration.ofHours(7)),
                        created.plus(Duration.ofHours(6)),
                        true));
        assertThat(pauses).singleElement().satisfies(p -> assertThat(p.open()).isFalse());
    }

    @Test
    void shouldNotPauseAgainWhenMovingFromOneWaitingStatusToTheOther() {
        start(CustomerTier.ENTERPRISE, Priority.P2, FRIDAY_1600);
        apply(sla -> sla.statusChanged(TicketStatus.WAITING_FOR_CUSTOMER, FRIDAY_1600.plusSeconds(60)));
        apply(sla -> sla.statusChanged(TicketStatus.WAITING_FOR_THIRD_PARTY, FRIDAY_1600.plusSeconds(120)));

        assertThat(published(SlaPaused.class)).hasSize(1);
        assertThat(published(SlaResumed.class)).isEmpty();
        assertThat(pauses).hasSize(1);
    }

    @Test
    void shouldHonourAPausingStatusReachedBeforeTheClocksStarted() {
        Instant created = Instant.parse("2025-03-14T09:00:00Z");
        apply(sla -> sla.created(created, TicketType.SUPPORT, CustomerTier.ENTERPRISE, TicketStatus.NEW));
        apply(sla -> sla.statusChanged(TicketStatus.WAITING_FOR_CUSTOMER, created.plus(Duration.ofHours(1))));
        assertThat(clocks).isEmpty();
        assertThat(pauses).singleElement().satisfies(p -> assertThat(p.clock).isEqualTo(SlaClock.RESOLUTION));

        apply(sla -> sla.prioritised(Priority.P2)); // resolution 8 h, 24/7

        SlaClockRun resolution = clock(SlaClock.RESOLUTION);
        assertThat(resolution.pausedAt).isEqualTo(created.plus(Duration.ofHours(1)));
        assertThat(threshold(SlaClock.RESOLUTION, 50).heldSince).isEqualTo(created.plus(Duration.ofHours(1)));
        assertThat(threshold(SlaClock.RESPONSE, 50).heldSince).isNull();
        assertThat(published(SlaPaused.class))
                .containsExactly(new SlaPaused(
                        ticketId,
                        "WAITING_FOR_CUSTOMER",
                        created.plus(Duration.ofHours(1)),
                        List.of(SlaClock.RESOLUTION)));

        apply(sla -> sla.statusChanged(TicketStatus.IN_PROGRESS, created.plus(Duration.ofHours(4))));

        assertThat(resolution.dueAt).isEqualTo(created.plus(Duration.ofHours(11)));
        assertThat(threshold(SlaClock.RESOLUTION, 50).fireAt).isEqualTo(created.plus(Duration.ofHours(7)));
    }

    @Test
    void shouldCountAPauseThatEndedBeforeTheClocksStarted() {
        Instant created = Instant.parse("2025-03-14T09:00:00Z");
        apply(sla -> sla.created(created, TicketType.SUPPORT, CustomerTier.ENTERPRISE, TicketStatus.NEW));
        apply(sla -> sla.statusChanged(TicketStatus.WAITING_FOR_THIRD_PARTY, created.plus(Duration.ofHours(1))));
        apply(sla -> sla.statusChanged(TicketStatus.IN_PROGRESS, created.plus(Duration.ofHours(3))));

        apply(sla -> sla.prioritised(Priority.P2));

        SlaClockRun resolution = clock(SlaClock.RESOLUTION);
        assertThat(resolution.pausedAt).isNull();
        assertThat(resolution.dueAt).isEqualTo(created.plus(Duration.ofHours(10)));
        assertThat(resolution.paused()).isEqualTo(Duration.ofHours(2));
        assertThat(clock(SlaClock.RESPONSE).dueAt).isEqualTo(created.plus(Duration.ofHours(1)));
        assertThat(published(SlaPaused.class)).isEmpty();
    }

    @Test
    void shouldKeepTheClocksRunningInTheSupportWorkStates() {
        Instant created = Instant.parse("2025-03-14T09:00:00Z");
        start(CustomerTier.ENTERPRISE, Priority.P2, created);
        apply(sla -> sla.statusChanged(TicketStatus.WAITING_FOR_CUSTOMER, created.plus(Duration.ofHours(1))));

        apply(sla -> sla.statusChanged(TicketStatus.SCHEDULED, created.plus(Duration.ofHours(2))));
        assertThat(clock(SlaClock.RESOLUTION).pausedAt)
                .as("SCHEDULED is a working state")
                .isNull();
        assertThat(clock(SlaClock.RESOLUTION).dueAt).isEqualTo(created.plus(Duration.ofHours(9)));

        apply(sla -> sla.statusChanged(TicketStatus.IN_PROGRESS, created.plus(Duration.ofHours(3))));
        apply(sla -> sla.statusChanged(TicketStatus.AWAITING_REVIEW, created.plus(Duration.ofHours(4))));

        assertThat(clock(SlaClock.RESOLUTION).pausedAt)
                .as("AWAITING_REVIEW is a working state")
                .isNull();
        assertThat(clock(SlaClock.RESOLUTION).dueAt).isEqualTo(created.plus(Duration.ofHours(9)));
        assertThat(published(SlaPaused.class)).hasSize(1);
        assertThat(published(SlaResumed.class)).hasSize(1);
        assertThat(policy.pausedBy(TicketStatus.SCHEDULED)).isEmpty();
        assertThat(policy.pausedBy(TicketStatus.AWAITING_REVIEW)).isEmpty();
    }
}
