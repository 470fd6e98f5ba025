package io.ticketsuite.sla;

import io.ticketsuite.events.AuthorRole;
import io.ticketsuite.events.CustomerTier;
import io.ticketsuite.events.EventData;
import io.ticketsuite.events.Priority;
import io.ticketsuite.events.SlaClock;
import io.ticketsuite.events.SlaMet;
import io.ticketsuite.events.SlaPaused;
import io.ticketsuite.events.SlaResumed;
import io.ticketsuite.events.SlaStarted;
import io.ticketsuite.events.TicketStatus;
import io.ticketsuite.events.TicketType;
import io.ticketsuite.events.Visibility;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A ticket's SLA state (its facts, its clocks and their pending thresholds) and the rules that move it. Plain
 * Java: the service loads it (row-locked), applies one event, persists {@link #newEntities()} and appends
 * {@link #events()} to the outbox in the same transaction. Facts that arrive before the clocks can start (a
 * comment or a resolution before the priority is known) are kept and applied when they start.
 */
public final class TicketSla {
    private final SlaTicket ticket;
    private final Map<SlaClock, SlaClockRun> clocks = new EnumMap<>(SlaClock.class);
    private final List<SlaThreshold> pending;
    private final List<SlaPause> pauses;
    private final SlaPolicy policy;
    private final Instant now;
    private final List<Object> newEntities = new ArrayList<>();
    private final List<EventData> events = new ArrayList<>();
    private final List<SlaClock> recomputed = new ArrayList<>();

    /**
     * @param pending the thresholds of this ticket not fired nor cancelled yet (locked by the caller)
     * @param pauses the pauses of this ticket's clocks (open and closed)
     * @param now the service's clock, for cancellation stamps
     */
    public TicketSla(
            SlaTicket ticket,
            Collection<SlaClockRun> clocks,
            List<SlaThreshold> pending,
            List<SlaPause> pauses,
            SlaPolicy policy,
            Instant now) {
        this.ticket = Objects.requireNonNull(ticket);
        clocks.forEach(run -> this.clocks.put(run.clock, run));
        this.pending = new ArrayList<>(pending);
        this.pauses = new ArrayList<>(pauses);
        this.policy = policy;
        this.now = micros(now);
    }

    /** ticket.created without a customer time zone: the calendar's configured zone. */
    public void created(Instant createdAt, TicketType type, CustomerTier tier, TicketStatus status) {
        created(createdAt, type, tier, null, status);
    }

    /**
     * ticket.created: the start instant of the clocks, the tier (its calendar and targets) and the customer's time
     * zone (null = the calendar's own). A repeated fact changes nothing.
     */
    public void created(Instant createdAt, TicketType type, CustomerTier tier, ZoneId zone, TicketStatus status) {
        if (ticket.createdAt == null) {
            ticket.createdAt = micros(createdAt);
            ticket.ticketType = type;
            ticket.customerTier = tier;
            ticket.timeZone = zone == null ? null : zone.getId();
            if (ticket.status == null) {
                ticket.status = status;
            }
            touch();
        }
        startIfReady();
    }

    /** ticket.triaged: starts the clocks, or recomputes the running ones for another priority. */
    public void prioritised(Priority priority) {
        prioritised(priority, "triaged", now);
    }

    /**
     * ticket.triaged or ticket.reclassified ({@code why}): starts the clocks, or re-plans the running ones on the
     * policy row of the new priority, from their original start with their closed pauses kept, and announces the
     * new due instants ({@code sla.started}, reason {@code reprioritised}). The same priority again changes nothing.
     */
    public void prioritised(Priority priority, String why, Instant at) {
        Objects.requireNonNull(priority, "priority");
        if (ticket.priority != priority) {
            ticket.priority = priority;
            touch();
        }
        if (clocks.isEmpty()) {
            startIfReady();
            return;
        }
        Priority previous = null;
        List<SlaClock> changed = new ArrayList<>();
        for (SlaClockRun run : clocks.values()) {
            if (run.running() && run.priority != priority) {
                previous = run.priority;
                reschedule(run, priority, why, micros(at));
                changed.add(run.clock);
            }
        }
        if (!changed.isEmpty()) {
            SlaClockRun resolution = clocks.get(SlaClock.RESOLUTION);
            events.add(new SlaStarted(
                    ticket.ticketId,
                    priority,
                    changed.contains(SlaClock.RESOLUTION)
                            ? resolution.startedAt
                            : clocks.get(SlaClock.RESPONSE).startedAt,
                    clocks.get(SlaClock.RESPONSE).dueAt,
                    resolution.dueAt,
                    SlaStarted.REPRIORITISED,
                    changed,
                    previous,
                    resolution.cycle));
        }
    }

    /** ticket.assigned: who threshold events are addressed to. */
    public void assigned(String agentId, String teamId, String teamLeadId) {
        ticket.assigneeId = agentId;
        ticket.teamId = teamId;
        ticket.teamLeadId = teamLeadId;
        touch();
    }

    /** ticket.reassigned: a new agent; the team lead is kept only while the team stays the same. */
    public void reassigned(String agentId, String teamId) {
        if (!Objects.equals(teamId, ticket.teamId)) {
            ticket.teamLeadId = null;
        }
        ticket.assigneeId = agentId;
        ticket.teamId = teamId;
        touch();
    }

    /** ticket.comment-added: only the first PUBLIC comment by an AGENT meets the response clock. */
    public void commented(AuthorRole role, Visibility visibility, Instant at) {
        if (role != AuthorRole.AGENT || visibility != Visibility.PUBLIC || ticket.firstResponseAt != null) {
            return;
        }
        ticket.firstResponseAt = micros(at);
        touch();
        SlaClockRun response = clocks.get(SlaClock.RESPONSE);
        if (response != null && response.running()) {
            if (response.pausedAt != null) {
                resume(response, ticket.firstResponseAt);
            }
            meet(response, ticket.firstResponseAt);
        }
    }

    /**
     * ticket.status-changed: RESOLVED (or CLOSED) meets the resolution clock, and the response clock if nobody
     * answered publicly before; REOPENED restarts a met resolution clock with a full target from the reopen
     * instant, at the current priority. A status the policy names pauses those running clocks (sla.paused); any
     * other status resumes them (sla.resumed), moving their due instant and pending thresholds by the working time
     * the pause lasted.
     */
    public void statusChanged(TicketStatus to, Instant at) {
        Instant when = micros(at);
        ticket.status = to;
        touch();
        if (clocks.isEmpty()) {
            pauseBeforeStart(to, when);
        }
        pauseOrResume(to, when);
        if (to == TicketStatus.RESOLVED || to == TicketStatus.CLOSED) {
            if (ticket.resolvedAt == null) {
                ticket.resolvedAt = when;
            }
            for (SlaClockRun run : clocks.values()) {
                if (run.running()) {
                    meet(run, ticket.resolvedAt);
                }
            }
        } else if (to == TicketStatus.REOPENED) {
            ticket.resolvedAt = null;
            SlaClockRun resolution = clocks.get(SlaClock.RESOLUTION);
            if (resolution != null && !resolution.running()) {
                restart(resolution, when);
            }
        }
    }

    private void pauseOrResume(TicketStatus status, Instant at) {
        var pausing = policy.pausedBy(status);
        List<SlaClock> paused = new ArrayList<>();
        List<SlaClock> resumed = new ArrayList<>();
        Duration longest = Duration.ZERO;
        for (SlaClockRun run : clocks.values()) {
            if (!run.running()) {
                continue;
            }
            if (pausing.contains(run.clock) && run.pausedAt == null) {
                pause(run, status, at);
                paused.add(run.clock);
            } else if (!pausing.contains(run.clock) && run.pausedAt != null) {
                Duration lasted = resume(run, at);
                longest = lasted.compareTo(longest) > 0 ? lasted : longest;
                resumed.add(run.clock);
            }
        }
        if (!paused.isEmpty()) {
            events.add(new SlaPaused(ticket.ticketId, status.name(), at, paused));
        }
        if (!resumed.isEmpty()) {
            events.add(new SlaResumed(
                    ticket.ticketId,
                    at,
                    runningDue(SlaClock.RESPONSE),
                    runningDue(SlaClock.RESOLUTION),
                    resumed,
                    longest.toSeconds()));
        }
    }

    /**
     * A status before the clocks started (before triage): a pausing status opens a pause of the clocks it names
     * (cycle 1), any other status closes the open ones; {@link #startIfReady} plans the clocks with them.
     */
    private void pauseBeforeStart(TicketStatus status, Instant at) {
        var pausing = policy.pausedBy(status);
        for (SlaClock clock : SlaClock.values()) {
            SlaPause open = openPause(clock);
            if (pausing.contains(clock) && open == null) {
                SlaPause pause = newPause(clock, 1, status, at);
                pauses.add(pause);
                newEntities.add(pause);
            } else if (!pausing.contains(clock) && open != null) {
                open.resumedAt = at.isBefore(open.pausedAt) ? open.pausedAt : at;
            }
        }
    }

    private SlaPause openPause(SlaClock clock) {
        return pauses.stream()
                .filter(p -> p.clock == clock && p.cycle == 1 && p.open())
                .findFirst()
                .orElse(null);
    }

    private SlaPause newPause(SlaClock clock, int cycle, TicketStatus status, Instant at) {
        SlaPause pause = new SlaPause();
        pause.id = UUID.randomUUID();
        pause.ticketId = ticket.ticketId;
        pause.clock = clock;
        pause.cycle = cycle;
        pause.reason = status.name();
        pause.pausedAt = at;
        ticket.hasPauses = true;
        return pause;
    }

    private Instant runningDue(SlaClock clock) {
        SlaClockRun run = clocks.get(clock);
        return run != null && run.running() ? run.dueAt : null;
    }

    /** Holds the clock's thresholds that are not due yet, and opens a pause. */
    private void pause(SlaClockRun run, TicketStatus status, Instant at) {
        run.pausedAt = at;
        holdThresholds(run, at);
        SlaPause pause = newPause(run.clock, run.cycle, status, at);
        pauses.add(pause);
        newEntities.add(pause);
    }

    /**
     * Closes the open pause: the due instant and the held thresholds move by the paused working time (returned).
     */
    private Duration resume(SlaClockRun run, Instant at) {
        Instant pausedAt = run.pausedAt;
        Instant resumedAt = at.isBefore(pausedAt) ? pausedAt : at;
        WorkingCalendar calendar = calendar();
        Duration paused = calendar.between(pausedAt, resumedAt);
        run.dueAt = SlaPolicy.shift(calendar, run.dueAt, pausedAt, resumedAt);
        run.pausedMillis += paused.toMillis();
        run.pausedAt = null;
        for (SlaThreshold threshold : pending) {
            if (threshold.clock == run.clock && threshold.cycle == run.cycle && threshold.pending()) {
                threshold.fireAt = SlaPolicy.shift(calendar, threshold.fireAt, pausedAt, resumedAt);
                threshold.heldSince = null;
            }
        }
        for (SlaPause pause : pauses) {
            if (pause.clock == run.clock && pause.cycle == run.cycle && pause.open()) {
                pause.resumedAt = resumedAt;
                pause.pausedMillis = paused.toMillis();
            }
        }
        return paused;
    }

    /** The run's closed pauses of its cycle, clipped to its start (a status reached before creation counts from it). */
    private List<PausedInterval> closedPauses(SlaClockRun run) {
        Instant floor = run.startedAt == null ? ticket.createdAt : run.startedAt;
        return pauses.stream()
                .filter(p -> p.clock == run.clock && p.cycle == run.cycle && !p.open())
                .sorted(java.util.Comparator.comparing(p -> p.pausedAt))
                .map(p -> new PausedInterval(later(p.pausedAt, floor), later(p.resumedAt, floor)))
                .toList();
    }

    /** The calendar of this ticket: its tier's, in the customer's zone if known. */
    public WorkingCalendar calendar() {
        return policy.calendar(ticket.customerTier, zone());
    }

    private ZoneId zone() {
        return ticket.timeZone == null ? null : ZoneId.of(ticket.timeZone);
    }

    private void startIfReady() {
        if (!clocks.isEmpty() || ticket.createdAt == null || ticket.priority == null) {
            return;
        }
        WorkingCalendar calendar = calendar();
        List<SlaClock> pausedAtStart = new ArrayList<>();
        String pausedBy = null;
        Instant pausedSince = null;
        for (SlaClock clock : SlaClock.values()) {
            SlaClockRun run = new SlaClockRun();
            run.id = UUID.randomUUID();
            run.ticketId = ticket.ticketId;
            run.clock = clock;
            run.cycle = 1;
            // pauses of a status reached before the clocks started (the working time before creation not counted)
            long pausedMillis = 0;
            for (SlaPause pause : pauses) {
                if (pause.clock == clock && pause.cycle == 1 && !pause.open()) {
                    pause.pausedMillis = calendar.between(
                                    later(pause.pausedAt, ticket.createdAt), later(pause.resumedAt, ticket.createdAt))
                            .toMillis();
                    pausedMillis += pause.pausedMillis;
                }
            }
            ClockPlan plan = plan(clock, ticket.priority, ticket.createdAt, closedPauses(run));
            apply(run, plan);
            run.pausedMillis = pausedMillis;
            clocks.put(clock, run);
            newEntities.add(run);
            addThresholds(run, plan);
            history(run, SlaClockEvent.STARTED, ticket.createdAt, null);
            SlaPause open = openPause(clock);
            if (open != null) {
                run.pausedAt = later(open.pausedAt, ticket.createdAt);
                holdThresholds(run, run.pausedAt);
                pausedAtStart.add(clock);
                pausedBy = open.reason;
                pausedSince = run.pausedAt;
            }
        }
        events.add(new SlaStarted(
                ticket.ticketId,
                ticket.priority,
                ticket.createdAt,
                clocks.get(SlaClock.RESPONSE).dueAt,
                clocks.get(SlaClock.RESOLUTION).dueAt,
                SlaStarted.CREATED,
                List.of(SlaClock.values()),
                null,
                1));
        if (!pausedAtStart.isEmpty()) {
            events.add(new SlaPaused(ticket.ticketId, pausedBy, pausedSince, pausedAtStart));
        }
        if (ticket.firstResponseAt != null) {
            SlaClockRun response = clocks.get(SlaClock.RESPONSE);
            if (response.pausedAt != null) {
                resume(response, ticket.firstResponseAt);
            }
            meet(response, ticket.firstResponseAt);
        }
        if (ticket.resolvedAt != null) {
            for (SlaClockRun run : clocks.values()) {
                if (run.running()) {
                    meet(run, ticket.resolvedAt);
                }
            }
        }
    }

    private void reschedule(SlaClockRun run, Priority priority, String why, Instant at) {
        Priority previous = run.priority;
        ClockPlan plan = plan(run.clock, priority, run.startedAt, closedPauses(run));
        apply(run, plan);
        for (SlaThreshold threshold : pending) {
            if (threshold.clock == run.clock && threshold.cycle == run.cycle && threshold.pending()) {
                threshold.fireAt = plan.thresholdAt(threshold.percent);
                // while paused, what is not due at the pause's start waits for the resume
                threshold.heldSince =
                        run.pausedAt != null && threshold.fireAt.isAfter(run.pausedAt) ? run.pausedAt : null;
            }
        }
        recomputed.add(run.clock);
        history(run, SlaClockEvent.RECOMPUTED, at, previous + " → " + priority + " (" + why + ")");
    }

    private void restart(SlaClockRun run, Instant at) {
        run.cycle++;
        ClockPlan plan = plan(run.clock, ticket.priority, at, List.of());
        apply(run, plan);
        run.pausedAt = null;
        run.pausedMillis = 0;
        run.state = ClockState.RUNNING;
        run.metAt = null;
        run.withinTarget = null;
        addThresholds(run, plan);
        history(run, SlaClockEvent.RESTARTED, at, "reopened");
        SlaClockRun response = clocks.get(SlaClock.RESPONSE);
        events.add(new SlaStarted(
                ticket.ticketId,
                ticket.priority,
                at,
                response.dueAt,
                run.dueAt,
                SlaStarted.REOPENED,
                List.of(run.clock),
                null,
                run.cycle));
    }

    private void meet(SlaClockRun run, Instant at) {
        run.state = ClockState.MET;
        run.metAt = at;
        run.withinTarget = !at.isAfter(run.dueAt);
        for (SlaThreshold threshold : pending) {
            if (threshold.clock == run.clock && threshold.pending()) {
                threshold.cancelledAt = now;
            }
        }
        events.add(new SlaMet(ticket.ticketId, run.clock, run.dueAt, at, run.withinTarget));
        history(run, SlaClockEvent.MET, at, run.withinTarget ? "within target" : "after its due instant");
    }

    private void history(SlaClockRun run, String event, Instant at, String detail) {
        newEntities.add(SlaClockEvent.of(run, event, at, detail));
    }

    /** Holds the run's pending thresholds of this cycle that are not due at {@code at}. */
    private void holdThresholds(SlaClockRun run, Instant at) {
        for (SlaThreshold threshold : pending) {
            if (threshold.clock == run.clock
                    && threshold.cycle == run.cycle
                    && threshold.pending()
                    && threshold.fireAt.isAfter(at)) {
                threshold.heldSince = at;
            }
        }
    }

    private static Instant later(Instant a, Instant b) {
        return a.isBefore(b) ? b : a;
    }

    private ClockPlan plan(SlaClock clock, Priority priority, Instant start, List<PausedInterval> closedPauses) {
        return policy.plan(clock, priority, ticket.customerTier, zone(), start, closedPauses);
    }

    private static void apply(SlaClockRun run, ClockPlan plan) {
        run.priority = plan.priority();
        run.targetMillis = plan.target().toMillis();
        run.startedAt = plan.start();
        run.dueAt = plan.dueAt();
        run.state = ClockState.RUNNING;
    }

    private void addThresholds(SlaClockRun run, ClockPlan plan) {
        for (int percent : SlaPolicy.THRESHOLD_PERCENTS) {
            SlaThreshold threshold = new SlaThreshold();
            threshold.id = UUID.randomUUID();
            threshold.ticketId = run.ticketId;
            threshold.clock = run.clock;
            threshold.cycle = run.cycle;
            threshold.percent = percent;
            threshold.fireAt = plan.thresholdAt(percent);
            pending.add(threshold);
            newEntities.add(threshold);
        }
    }

    private void touch() {
        ticket.updatedAt = now;
    }

    private static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    public SlaTicket ticket() {
        return ticket;
    }

    public Map<SlaClock, SlaClockRun> clocks() {
        return Map.copyOf(clocks);
    }

    /** Clocks and thresholds this change created (clock starts and restarts), to persist. */
    public List<Object> newEntities() {
        return List.copyOf(newEntities);
    }

    /** The pending thresholds, including the ones this change created, cancelled or rescheduled. */
    public List<SlaThreshold> thresholds() {
        return List.copyOf(pending);
    }

    /** Events this change announces, in order. */
    public List<EventData> events() {
        return List.copyOf(events);
    }

    /** The pauses of this ticket's clocks, including the ones this change opened or closed. */
    public List<SlaPause> pauses() {
        return List.copyOf(pauses);
    }

    /** Clocks whose due instants were recomputed for a new priority. */
    public List<SlaClock> recomputed() {
        return List.copyOf(recomputed);
    }
}
