package io.ticketsuite.sla;

import static org.assertj.core.api.Assertions.assertThat;

import io.ticketsuite.events.AuthorRole;
import io.ticketsuite.events.CustomerTier;
import io.ticketsuite.events.EventData;
import io.ticketsuite.events.Priority;
import io.ticketsuite.events.SlaClock;
import io.ticketsuite.events.SlaMet;
import io.ticketsuite.events.SlaResumed;
import io.ticketsuite.events.SlaStarted;
import io.ticketsuite.events.SlaWarning;
import io.ticketsuite.events.TicketStatus;
import io.ticketsuite.events.TicketType;
import io.ticketsuite.events.Visibility;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The clock rules, applied the way the service applies them: one event per transaction, state carried over. */
class TicketSlaTest {
    static final Instant CREATED = Instant.parse("2025-03-14T09:00:00Z");

    private final SlaPolicy policy = SlaPolicyTest.defaultPolicy();
    private final UUID ticketId = UUID.randomUUID();
    private final SlaTicket ticket = new SlaTicket(ticketId, CREATED);
    private final List<SlaClockRun> clocks = new ArrayList<>();
    private final List<SlaThreshold> thresholds = new ArrayList<>();
    private final List<SlaPause> pauses = new ArrayList<>();
    private final List<SlaClockEvent> history = new ArrayList<>();
    private final List<EventData> published = new ArrayList<>();
    private Instant now = CREATED;

    /** One "transaction": load, apply, keep what was created, collect the events. */
    private TicketSla apply(java.util.function.Consumer<TicketSla> change) {
        TicketSla sla = new TicketSla(
                ticket,
                clocks,
                thresholds.stream().filter(SlaThreshold::pending).toList(),
                pauses,
                policy,
                now);
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
        return sla;
    }

    private SlaClockRun clock(SlaClock clock) {
        return clocks.stream().filter(c -> c.clock == clock).findFirst().orElseThrow();
    }

    private List<SlaThreshold> thresholdsOf(SlaClock clock) {
        return thresholds.stream().filter(t -> t.clock == clock).toList();
    }

    private <T> List<T> published(Class<T> type) {
        return published.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void shouldStartBothClocksFromTheCreationInstantOnceThePriorityIsKnown() {
        apply(sla -> sla.created(CREATED, TicketType.SUPPORT, CustomerTier.ENTERPRISE, TicketStatus.NEW));
        assertThat(clocks).isEmpty();

        now = CREATED.plusSeconds(30);
        apply(sla -> sla.prioritised(Priority.P1));

        assertThat(published(SlaStarted.class))
                .containsExactly(new SlaStarted(
                        ticketId,
                        Priority.P1,
                        CREATED,
                        CREATED.plus(Duration.ofMinutes(15)),
                        CREATED.plus(Duration.ofHours(4)),
                        SlaStarted.CREATED,
                        List.of(SlaClock.RESPONSE, SlaClock.RESOLUTION),
                        null,
                        1));
        assertThat(clocks).hasSize(2).allMatch(SlaClockRun::running);
        assertThat(thresholdsOf(SlaClock.RESPONSE))
                .extracting(t -> t.percent, t -> t.fireAt)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(50, CREATED.plusSeconds(450)),
                        org.assertj.core.groups.Tuple.tuple(75, CREATED.plusSeconds(675)),
                        org.assertj.core.groups.Tuple.tuple(100, CREATED.plusSeconds(900)),
                        org.assertj.core.groups.Tuple.tuple(125, CREATED.plusSeconds(1125)));
        assertThat(thresholds).hasSize(8);
    }

    @Test
    void shouldStartFromTheCreationInstantWhenTheTriageArrivedFirst() {
        apply(sla -> sla.prioritised(Priority.P2));
        assertThat(published).isEmpty();

        apply(sla -> sla.created(CREATED, TicketType.SUPPORT, CustomerTier.ENTERPRISE, TicketStatus.NEW));

        SlaStarted started = published(SlaStarted.class).get(0);
        assertThat(started.startedAt()).isEqualTo(CREATED);
        assertThat(started.responseDueAt()).isEqualTo(CREATED.plus(Duration.ofHours(1)));
        assertThat(started.resolutionDueAt()).isEqualTo(CREATED.plus(Duration.ofHours(8)));
    }

    @Test
    void shouldKeepOneClockPairWhenFactsRepeat() {
        apply(sla -> sla.created(CREATED, TicketType.SUPPORT, CustomerTier.ENTERPRISE, TicketStatus.NEW));
        apply(sla -> sla.prioritised(Priority.P3));
        apply(sla -> sla.prioritised(Priority.P3));
        apply(sla ->
                sla.created(CREATED.plusSeconds(5), TicketType.SUPPORT, CustomerTier.ENTERPRISE, TicketStatus.NEW));

        assertThat(published(SlaStarted.class)).hasSize(1);
        assertThat(clocks).hasSize(2);
        assertThat(thresholds).hasSize(8);
        assertThat(clock(SlaClock.RESPONSE).startedAt).isEqualTo(CREATED);
    }

    @Test
    void shouldRecomputeRunningClocksAndTheirPendingThresholdsWhenThePriorityChanges() {
        apply(sla -> sla.created(CREATED, TicketType.SUPPORT, CustomerTier.ENTERPRISE, TicketStatus.NEW));
        apply(sla -> sla.prioritised(Priority.P3)); // response 4 h, resolution 2 d
        SlaThreshold fiftyPercent = thresholdsOf(SlaClock.RESOLUTION).stream()
                .filter(t -> t.percent == 50)
                .findFirst()
                .orElseThrow();
        fiftyPercent.firedAt = CREATED.plus(Duration.ofDays(1)); // already fired at 1 d
        now = CREATED.plus(Duration.ofDays(1)).plusSeconds(60);

        TicketSla sla = apply(s -> s.prioritised(Priority.P1));

        assertThat(sla.recomputed()).containsExactlyInAnyOrder(SlaClock.RESPONSE, SlaClock.RESOLUTION);
        assertThat(clock(SlaClock.RESPONSE).dueAt).isEqualTo(CREATED.plus(Duration.ofMinutes(15)));
        assertThat(clock(SlaClock.RESPONSE).priority).isEqualTo(Priority.P1);
        assertThat(clock(SlaClock.RESOLUTION).dueAt).isEqualTo(CREATED.plus(Duration.ofHours(4)));
        assertThat(thresholdsOf(SlaClock.RESOLUTION))
                .filteredOn(SlaThreshold::pending)
                .extracting(t -> t.percent, t -> t.fireAt)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(75, CREATED.plus(Duration.ofHours(3))),
                        org.assertj.core.groups.Tuple.tuple(100, CREATED.plus(Duration.ofHours(4))),
                        org.assertj.core.groups.Tuple.tuple(125, CREATED.plus(Duration.ofHours(5))));
        assertThat(fiftyPercent.fireAt)
                .as("a fired threshold keeps its instant and never fires again")
                .isEqualTo(CREATED.plus(Duration.ofDays(1)));
        assertThat(thresholds).hasSize(8);
        assertThat(published(SlaStarted.class))
                .as("the new due instants are announced once")
                .extracting(SlaStarted::reason, SlaStarted::clocks, SlaStarted::previousPriority)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                SlaStarted.CREATED, List.of(SlaClock.RESPONSE, SlaClock.RESOLUTION), null),
                        org.assertj.core.groups.Tuple.tuple(
                                SlaStarted.REPRIORITISED,
                                List.of(SlaClock.RESPONSE, SlaClock.RESOLUTION),
                                Priority.P3));
        SlaStarted replanned = published(SlaStarted.class).get(1);
        assertThat(replanned.startedAt()).isEqualTo(CREATED);
        assertThat(replanned.responseDueAt()).isEqualTo(CREATED.plus(Duration.ofMinutes(15)));
        assertThat(replanned.resolutionDueAt()).isEqualTo(CREATED.plus(Duration.ofHours(4)));
        assertThat(history)
                .filteredOn(e -> e.event.equals(SlaClockEvent.RECOMPUTED))
                .extracting(e -> e.clock, e -> e.priority, e -> e.at, e -> e.detail)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(SlaClock.RESPONSE, Priority.P1, now, "P3 → P1 (triaged)"),
                        org.assertj.core.groups.Tuple.tuple(
                                SlaClock.RESOLUTION, Priority.P1, now, "P3 → P1 (triaged)"));
    }

    @Test
    void shouldChangeNothingWhenAReclassificationKeepsThePriority() {
        apply(sla -> sla.created(CREATED, TicketType.SUPPORT, CustomerTier.ENTERPRISE, TicketStatus.NEW));
        apply(sla -> sla.prioritised(Priority.P3));
        Instant due = clock(SlaClock.RESOLUTION).dueAt;

        TicketSla sla = apply(s -> s.prioritised(Priority.P3, "reclassified by agent-1", CREATED.plusSeconds(60)));

        assertThat(sla.recomputed()).isEmpty();
        assertThat(sla.events()).isEmpty();
        assertThat(sla.newEntities()).isEmpty();
        assertThat(clock(SlaClock.RESOLUTION).dueAt).isEqualTo(due);
    }

    @Test
    void shouldReplanADowngradeSoThatAPendingThresholdMovesLater() {
        apply(sla -> sla.created(CREATED, TicketType.SUPPORT, CustomerTier.ENTERPRISE, TicketStatus.NEW));
        apply(sla -> sla.prioritised(Priority.P1)); // resolution 4 h
        SlaThreshold fifty = thresholdsOf(SlaClock.RESOLUTION).stream()
                .filter(t -> t.percent == 50)
                .findFirst()
                .orElseThrow();
        fifty.firedAt = CREATED.plus(Duration.ofHours(2));
        now = CREATED.plus(Duration.ofHours(3));

        apply(s -> s.prioritised(Priority.P2, "reclassified", now)); // resolution 8 h

        assertThat(clock(SlaClock.RESOLUTION).dueAt).isEqualTo(CREATED.plus(Duration.ofHours(8)));
        assertThat(thresholdsOf(SlaClock.RESOLUTION))
                .filteredOn(SlaThreshold::pending)
                .extracting(t -> t.percent, t -> t.fireAt)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(75, CREATED.plus(Duration.ofHours(6))),
                        org.assertj.core.groups.Tuple.tuple(100, CREATED.plus(Duration.ofHours(8))),
                        org.assertj.core.groups.Tuple.tuple(125, CREATED.plus(Duration.ofHours(10))));
        assertThat(fifty.state()).isEqualTo(ThresholdState.FIRED);
    }

    @Test
    void shouldNotRecomputeAMetClock() {
        apply(sla -> sla.created(CREATED, TicketType.SUPPORT, CustomerTier.ENTERPRISE, TicketStatus.NEW));
        apply(sla -> sla.prioritised(Priority.P2));
        apply(sla -> sla.commented(AuthorRole.AGENT, Visibility.PUBLIC, CREATED.plusSeconds(600)));

        TicketSla sla = apply(s -> s.prioritised(Priority.P4));

        assertThat(sla.recomputed()).containsExactly(SlaClock.RESOLUTION);
        assertThat(clock(SlaClock.RESPONSE).priority).isEqualTo(Priority.P2);
        assertThat(clock(SlaClock.RESOLUTION).dueAt).isEqualTo(CREATED.plus(Duration.ofDays(5)));
        assertThat(sla.events())
                .as("only the re-planned clock is named; the met response clock keeps its due instant")
                .singleElement()
                .isEqualTo(new SlaStarted(
                        ticketId,
                        Priority.P4,
                        CREATED,
                        CREATED.plus(Duration.ofHours(1)),
                        CREATED.plus(Duration.ofDays(5)),
                        SlaStarted.REPRIORITISED,
                        List.of(SlaClock.RESOLUTION),
                        Priority.P2,
                        1));
    }

    @Test
    void shouldMeetTheResponseClockOnlyWithAPublicAgentComment() {
        apply(sla -> sla.created(CREATED, TicketType.SUPPORT, CustomerTier.ENTERPRISE, TicketStatus.NEW));
        apply(sla -> sla.prioritised(Priority.P1));
        now = CREATED.plusSeconds(120);

        apply(sla -> sla.commented(AuthorRole.AGENT, Visibility.INTERNAL, CREATED.plusSeconds(60)));
        apply(sla -> sla.commented(AuthorRole.CUSTOMER, Visibility.PUBLIC, CREATED.plusSeconds(90)));
        assertThat(clock(SlaClock.RESPONSE).running()).isTrue();
        assertThat(published(SlaMet.class)).isEmpty();

        apply(sla -> sla.commented(AuthorRole.AGENT, Visibility.PUBLIC, CREATED.plusSeconds(120)));
        apply(sla -> sla.commented(AuthorRole.AGENT, Visibility.PUBLIC, CREATED.plusSeconds(180)));

        assertThat(published(SlaMet.class))
                .containsExactly(new SlaMet(
                        ticketId, SlaClock.RESPONSE, CREATED.plusSeconds(900), CREATED.plusSeconds(120), true));
        assertThat(thresholdsOf(SlaClock.RESPONSE)).allMatch(t -> t.state() == ThresholdState.CANCELLED);
        assertThat(thresholdsOf(SlaClock.RESOLUTION)).allMatch(SlaThreshold::pending);
        assertThat(clock(SlaClock.RESOLUTION).running()).isTrue();
    }

    @Test
    void shouldMeetALateReplyOutsideItsTarget() {
        apply(sla -> sla.created(CREATED, TicketType.SUPPORT, CustomerTier.ENTERPRISE, TicketStatus.NEW));
        apply(sla -> sla.prioritised(Priority.P1));

        apply(sla -> sla.commented(AuthorRole.AGENT, Visibility.PUBLIC, CREATED.plusSeconds(1000)));

        assertThat(published(SlaMet.class).get(0).withinTarget()).isFalse();
        assertThat(clock(SlaClock.RESPONSE).withinTarget).isFalse();
    }

    @Test
    void shouldMeetBothRunningClocksWhenResolved() {
        apply(sla -> sla.created(CREATED, TicketType.SUPPORT, CustomerTier.ENTERPRISE, TicketStatus.NEW));
        apply(sla -> sla.prioritised(Priority.P2));

        apply(sla -> sla.statusChanged(TicketStatus.RESOLVED, CREATED.plus(Duration.ofHours(2))));
        apply(sla -> sla.statusChanged(TicketStatus.CLOSED, CREATED.plus(Duration.ofHours(3))));

        assertThat(published(SlaMet.class))
                .extracting(SlaMet::clock, SlaMet::metAt, SlaMet::withinTarget)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(
                                SlaClock.RESPONSE, CREATED.plus(Duration.ofHours(2)), false),
                        org.assertj.core.groups.Tuple.tuple(
                                SlaClock.RESOLUTION, CREATED.plus(Duration.ofHours(2)), true));
        assertThat(thresholds).noneMatch(SlaThreshold::pending);
    }

    @Test
    void shouldApplyAReplyAndAResolutionThatArrivedBeforeThePriority() {
        apply(sla -> sla.created(CREATED, TicketType.SUPPORT, CustomerTier.ENTERPRISE, TicketStatus.NEW));
        apply(sla -> sla.commented(AuthorRole.AGENT, Visibility.PUBLIC, CREATED.plusSeconds(300)));
        apply(sla -> sla.statusChanged(TicketStatus.RESOLVED, CREATED.plusSeconds(3600)));

        apply(sla -> sla.prioritised(Priority.P1));

        assertThat(published.get(0)).isInstanceOf(SlaStarted.class);
        assertThat(published(SlaMet.class))
                .extracting(SlaMet::clock, SlaMet::metAt)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(SlaClock.RESPONSE, CREATED.plusSeconds(300)),
                        org.assertj.core.groups.Tuple.tuple(SlaClock.RESOLUTION, CREATED.plusSeconds(3600)));
        assertThat(thresholds).hasSize(8).noneMatch(SlaThreshold::pending);
    }

    @Test
    void shouldRestartTheResolutionClockWithAFullTargetWhenReopened() {
        apply(sla -> sla.created(CREATED, TicketType.SUPPORT, CustomerTier.ENTERPRISE, TicketStatus.NEW));
        apply(sla -> sla.prioritised(Priority.P1));
        apply(sla -> sla.statusChanged(TicketStatus.RESOLVED, CREATED.plus(Duration.ofHours(1))));
        Instant reopened = CREATED.plus(Duration.ofHours(6));

        apply(sla -> sla.statusChanged(TicketStatus.REOPENED, reopened));

        SlaClockRun resolution = clock(SlaClock.RESOLUTION);
        assertThat(resolution.cycle).isEqualTo(2);
        assertThat(resolution.running()).isTrue();
        assertThat(resolution.startedAt).isEqualTo(reopened);
        assertThat(resolution.dueAt).isEqualTo(reopened.plus(Duration.ofHours(4)));
        assertThat(resolution.metAt).isNull();
        assertThat(clock(SlaClock.RESPONSE).running())
                .as("the response clock stays met")
                .isFalse();
        assertThat(published(SlaResumed.class))
                .as("sla.resumed only ends a pause")
                .isEmpty();
        assertThat(published(SlaStarted.class))
                .last()
                .isEqualTo(new SlaStarted(
                        ticketId,
                        Priority.P1,
                        reopened,
                        CREATED.plus(Duration.ofMinutes(15)),
                        reopened.plus(Duration.ofHours(4)),
                        SlaStarted.REOPENED,
                        List.of(SlaClock.RESOLUTION),
                        null,
                        2));
        assertThat(thresholdsOf(SlaClock.RESOLUTION))
                .filteredOn(t -> t.cycle == 2)
                .hasSize(4)
                .allMatch(SlaThreshold::pending);
        assertThat(thresholdsOf(SlaClock.RESOLUTION))
                .filteredOn(t -> t.cycle == 1)
                .allMatch(t -> t.state() == ThresholdState.CANCELLED);

        apply(sla -> sla.statusChanged(TicketStatus.RESOLVED, reopened.plus(Duration.ofHours(5))));
        assertThat(published(SlaMet.class))
                .filteredOn(m -> m.clock() == SlaClock.RESOLUTION)
                .extracting(SlaMet::withinTarget)
                .containsExactly(true, false);
        assertThat(history)
                .as("every cycle stays in the history")
                .filteredOn(e -> e.clock == SlaClock.RESOLUTION)
                .extracting(e -> e.event, e -> e.cycle, e -> e.withinTarget)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(SlaClockEvent.STARTED, 1, null),
                        org.assertj.core.groups.Tuple.tuple(SlaClockEvent.MET, 1, true),
                        org.assertj.core.groups.Tuple.tuple(SlaClockEvent.RESTARTED, 2, null),
                        org.assertj.core.groups.Tuple.tuple(SlaClockEvent.MET, 2, false));
    }

    @Test
    void shouldAddressThresholdEventsToTheCurrentAssignee() {
        apply(sla -> sla.created(CREATED, TicketType.SUPPORT, CustomerTier.ENTERPRISE, TicketStatus.NEW));
        apply(sla -> sla.prioritised(Priority.P1));
        apply(sla -> sla.assigned("agent-1", "billing", "lead-1"));
        apply(sla -> sla.reassigned("agent-2", "billing"));
        SlaThreshold fifty = thresholdsOf(SlaClock.RESPONSE).stream()
                .filter(t -> t.percent == 50)
                .findFirst()
                .orElseThrow();

        var event = ThresholdEvents.reached(fifty, clock(SlaClock.RESPONSE), ticket, CREATED.plusSeconds(451));

        assertThat(event)
                .isEqualTo(new SlaWarning(
                        ticketId,
                        SlaClock.RESPONSE,
                        50,
                        Priority.P1,
                        CREATED.plusSeconds(900),
                        "agent-2",
                        "billing",
                        "lead-1",
                        CREATED.plusSeconds(451)));

        apply(sla -> sla.reassigned("agent-3", "tier2"));
        assertThat(ticket.teamLeadId)
                .as("another team's lead is unknown until assigned")
                .isNull();
    }
}
