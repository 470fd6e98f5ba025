package io.ticketsuite.sla.mapping;

import io.ticketsuite.events.CustomerTier;
import io.ticketsuite.events.EventType;
import io.ticketsuite.events.Priority;
import io.ticketsuite.events.SlaClock;
import io.ticketsuite.sla.ClockPlan;
import io.ticketsuite.sla.ClockState;
import io.ticketsuite.sla.SlaClockEvent;
import io.ticketsuite.sla.SlaClockRun;
import io.ticketsuite.sla.SlaPause;
import io.ticketsuite.sla.SlaPolicy;
import io.ticketsuite.sla.SlaThreshold;
import io.ticketsuite.sla.SlaTicket;
import io.ticketsuite.sla.WorkingCalendar;
import io.ticketsuite.sla.rest.dto.ClockResponse;
import io.ticketsuite.sla.rest.dto.PauseResponse;
import io.ticketsuite.sla.rest.dto.PreviewResponse;
import io.ticketsuite.sla.rest.dto.SlaResponse;
import io.ticketsuite.sla.rest.dto.ThresholdResponse;
import io.ticketsuite.sla.rest.dto.TimelineEntry;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Entities → the REST view; a policy plan → the preview. */
public final class SlaMapper {
    private SlaMapper() {}

    public static SlaResponse toResponse(
            SlaTicket ticket,
            List<SlaClockRun> clocks,
            List<SlaThreshold> thresholds,
            List<SlaPause> pauses,
            List<SlaClockEvent> history,
            SlaPolicy policy,
            Instant now) {
        String waitingFor = null;
        if (clocks.isEmpty()) {
            waitingFor = ticket.createdAt == null && ticket.priority == null
                    ? "ticket.created and ticket.triaged"
                    : ticket.createdAt == null ? "ticket.created" : "ticket.triaged";
        }
        WorkingCalendar calendar = ticket.customerTier == null
                ? null
                : policy.calendar(ticket.customerTier, ticket.timeZone == null ? null : ZoneId.of(ticket.timeZone));
        return new SlaResponse(
                ticket.ticketId,
                ticket.priority,
                ticket.customerTier,
                ticket.status,
                ticket.assigneeId,
                ticket.teamId,
                ticket.teamLeadId,
                waitingFor,
                calendar == null ? null : calendar.name(),
                calendar == null ? null : calendar.zone().getId(),
                clocks.stream()
                        .sorted(Comparator.comparing(run -> run.clock))
                        .map(run -> toResponse(calendar, run, thresholds, pauses, now))
                        .toList(),
                timeline(history, thresholds, pauses));
    }

    private static ClockResponse toResponse(
            WorkingCalendar calendar,
            SlaClockRun run,
            List<SlaThreshold> thresholds,
            List<SlaPause> pauses,
            Instant now) {
        Instant until = run.state == ClockState.MET ? run.metAt : now;
        String state = run.state == ClockState.MET
                ? "MET"
                : run.pausedAt != null ? "PAUSED" : now.isBefore(run.dueAt) ? "RUNNING" : "BREACHED";
        Duration paused = run.paused();
        if (run.pausedAt != null) {
            paused = paused.plus(calendar.between(run.pausedAt, until));
        }
        return new ClockResponse(
                run.clock,
                state,
                run.priority,
                run.cycle,
                run.target().toString(),
                run.target().toSeconds(),
                run.startedAt,
                run.dueAt,
                run.metAt,
                run.withinTarget,
                SlaPolicy.elapsedPercent(calendar, run.startedAt, run.target(), run.paused(), run.pausedAt, until),
                run.pausedAt,
                paused.toString(),
                paused.toSeconds(),
                pauses.stream()
                        .filter(p -> p.clock == run.clock)
                        .sorted(Comparator.comparing((SlaPause p) -> p.pausedAt))
                        .map(p -> new PauseResponse(
                                p.cycle,
                                p.reason,
                                p.pausedAt,
                                p.resumedAt,
                                (p.open() ? calendar.between(p.pausedAt, now) : p.pausedWorkingTime()).toString()))
                        .toList(),
                thresholds.stream()
                        .filter(t -> t.clock == run.clock)
                        .sorted(Comparator.<SlaThreshold>comparingInt(t -> t.cycle)
                                .thenComparingInt(t -> t.percent))
                        .map(t -> new ThresholdResponse(
                                t.percent, eventType(t.percent), t.cycle, t.fireAt, t.firedAt, t.state()))
                        .toList());
    }

    /**
     * The clocks' history, every cycle: starts, restarts (reopen), recomputations (new priority), met instants
     * (within target or not), every pause and resume, and every fired threshold (a breach is a fired 100 %).
     */
    static List<TimelineEntry> timeline(
            List<SlaClockEvent> history, List<SlaThreshold> thresholds, List<SlaPause> pauses) {
        List<TimelineEntry> entries = new ArrayList<>();
        for (SlaClockEvent step : history) {
            String detail = step.detail;
            if (!SlaClockEvent.MET.equals(step.event)) {
                detail = (detail == null ? "" : detail + "; ") + step.priority + ", due " + step.dueAt;
            }
            entries.add(new TimelineEntry(step.at, step.event, step.clock, step.cycle, null, detail));
        }
        for (SlaPause pause : pauses) {
            entries.add(new TimelineEntry(pause.pausedAt, "paused", pause.clock, pause.cycle, null, pause.reason));
            if (pause.resumedAt != null) {
                entries.add(new TimelineEntry(
                        pause.resumedAt,
                        "resumed",
                        pause.clock,
                        pause.cycle,
                        null,
                        pause.pausedMillis == null ? null : "paused working time " + pause.pausedWorkingTime()));
            }
        }
        for (SlaThreshold threshold : thresholds) {
            if (threshold.firedAt != null) {
                entries.add(new TimelineEntry(
                        threshold.firedAt,
                        eventType(threshold.percent),
                        threshold.clock,
                        threshold.cycle,
                        threshold.percent,
                        "due " + threshold.fireAt));
            }
        }
        entries.sort(Comparator.comparing(TimelineEntry::at)
                .thenComparing(TimelineEntry::clock)
                .thenComparingInt(e -> order(e.event())));
        return entries;
    }

    private static int order(String event) {
        return switch (event) {
            case "started", "restarted" -> 0;
            case "resumed", "recomputed" -> 1;
            case "met" -> 3;
            case "paused" -> 4;
            default -> 2;
        };
    }

    /** What a ticket of this tier and priority created at {@code createdAt} would get; creates nothing. */
    public static PreviewResponse toPreview(
            SlaPolicy policy, CustomerTier tier, Priority priority, Instant createdAt, ZoneId zone) {
        WorkingCalendar calendar = policy.calendar(tier, zone);
        Instant start = createdAt.truncatedTo(ChronoUnit.MICROS); // as a ticket's start is stored
        List<PreviewResponse.PreviewClock> clocks = new ArrayList<>();
        for (SlaClock clock : SlaClock.values()) {
            ClockPlan plan = policy.plan(clock, priority, tier, zone, start, List.of());
            clocks.add(new PreviewResponse.PreviewClock(
                    clock,
                    plan.target().toString(),
                    plan.target().toSeconds(),
                    plan.dueAt(),
                    SlaPolicy.THRESHOLD_PERCENTS.stream()
                            .map(percent -> new PreviewResponse.PreviewThreshold(
                                    percent, eventType(percent), plan.thresholdAt(percent)))
                            .toList()));
        }
        return new PreviewResponse(
                tier,
                priority,
                start,
                new PreviewResponse.CalendarResponse(
                        calendar.name(),
                        calendar.zone().getId(),
                        calendar.days().stream().sorted().map(Enum::name).toList(),
                        hours(calendar.from(), calendar.to()),
                        calendar.workingDay().toString()),
                clocks);
    }

    static String hours(LocalTime from, LocalTime to) {
        return from + "-" + (to == null ? "24:00" : to.toString());
    }

    private static String eventType(int percent) {
        EventType type = percent < SlaPolicy.BREACH_PERCENT
                ? EventType.SLA_WARNING
                : percent == SlaPolicy.BREACH_PERCENT ? EventType.SLA_BREACHED : EventType.SLA_ESCALATED;
        return type.ceType();
    }
}
