package io.ticketsuite.sla;

import io.ticketsuite.events.SlaBreached;
import io.ticketsuite.events.SlaEscalated;
import io.ticketsuite.events.SlaThresholdReached;
import io.ticketsuite.events.SlaWarning;
import java.time.Instant;

/** The event a threshold announces: 50 % and 75 % warn, 100 % breaches, 125 % escalates. Plain Java. */
public final class ThresholdEvents {
    private ThresholdEvents() {}

    /** The event of a threshold reached now, addressed with the ticket's current assignee, team and team lead. */
    public static SlaThresholdReached reached(
            SlaThreshold threshold, SlaClockRun run, SlaTicket ticket, Instant firedAt) {
        if (threshold.percent < SlaPolicy.BREACH_PERCENT) {
            return new SlaWarning(
                    threshold.ticketId,
                    threshold.clock,
                    threshold.percent,
                    run.priority,
                    run.dueAt,
                    ticket.assigneeId,
                    ticket.teamId,
                    ticket.teamLeadId,
                    firedAt);
        }
        if (threshold.percent == SlaPolicy.BREACH_PERCENT) {
            return new SlaBreached(
                    threshold.ticketId,
                    threshold.clock,
                    threshold.percent,
                    run.priority,
                    run.dueAt,
                    ticket.assigneeId,
                    ticket.teamId,
                    ticket.teamLeadId,
                    firedAt);
        }
        return new SlaEscalated(
                threshold.ticketId,
                threshold.clock,
                threshold.percent,
                run.priority,
                run.dueAt,
                ticket.assigneeId,
                ticket.teamId,
                ticket.teamLeadId,
                firedAt);
    }
}
