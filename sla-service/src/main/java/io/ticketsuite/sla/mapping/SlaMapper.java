package io.ticketsuite.sla.mapping;

import io.ticketsuite.events.EventType;
import io.ticketsuite.sla.ClockState;
import io.ticketsuite.sla.SlaClockRun;
import io.ticketsuite.sla.SlaPolicy;
import io.ticketsuite.sla.SlaThreshold;
import io.ticketsuite.sla.SlaTicket;
import io.ticketsuite.sla.rest.dto.ClockResponse;
import io.ticketsuite.sla.rest.dto.SlaResponse;
import io.ticketsuite.sla.rest.dto.ThresholdResponse;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/** Entities → the REST view. */
public final class SlaMapper {
    private SlaMapper() {}

    public static SlaResponse toResponse(
            SlaTicket ticket, List<SlaClockRun> clocks, List<SlaThreshold> thresholds, SlaPolicy policy, Instant now) {
        String waitingFor = null;
        if (clocks.isEmpty()) {
            waitingFor = ticket.createdAt == null && ticket.priority == null
                    ? "ticket.created and ticket.triaged"
                    : ticket.createdAt == null ? "ticket.created" : "ticket.triaged";
        }
        return new SlaResponse(
                ticket.ticketId,
                ticket.priority,
                ticket.customerTier,
                ticket.status,
                ticket.assigneeId,
                ticket.teamId,
                ticket.teamLeadId,
                waitingFor,
                clocks.stream()
                        .sorted(Comparator.comparing(run -> run.clock))
                        .map(run -> toResponse(ticket, run, thresholds, policy, now))
                        .toList());
    }

    private static ClockResponse toResponse(
            SlaTicket ticket, SlaClockRun run, List<SlaThreshold> thresholds, SlaPolicy policy, Instant now) {
        Instant until = run.state == ClockState.MET ? run.metAt : now;
        String state = run.state == ClockState.MET ? "MET" : now.isBefore(run.dueAt) ? "RUNNING" : "BREACHED";
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
                policy.elapsedPercent(
                        run.ticketId, run.clock, run.priority, ticket.customerTier, run.startedAt, run.target(), until),
                thresholds.stream()
                        .filter(t -> t.clock == run.clock)
                        .sorted(Comparator.<SlaThreshold>comparingInt(t -> t.cycle)
                                .thenComparingInt(t -> t.percent))
                        .map(t -> new ThresholdResponse(
                                t.percent, eventType(t.percent), t.cycle, t.fireAt, t.firedAt, t.state()))
                        .toList());
    }

    private static String eventType(int percent) {
        EventType type = percent < SlaPolicy.BREACH_PERCENT
                ? EventType.SLA_WARNING
                : percent == SlaPolicy.BREACH_PERCENT ? EventType.SLA_BREACHED : EventType.SLA_ESCALATED;
        return type.ceType();
    }
}
