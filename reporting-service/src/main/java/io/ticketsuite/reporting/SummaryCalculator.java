package io.ticketsuite.reporting;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** Computes a {@link ReportSummary} from the read-model rows of a cohort: plain Java, no I/O. */
public final class SummaryCalculator {
    static final String UNTRIAGED = "untriaged";
    static final String UNASSIGNED = "unassigned";

    private SummaryCalculator() {}

    /** The summary of the given tickets (those created in the window; rows without a creation are ignored). */
    public static ReportSummary summarize(Instant from, Instant to, List<ReportTicket> rows) {
        List<ReportTicket> cohort =
                rows.stream().filter(t -> t.createdAt != null).toList();
        List<Double> toTriage = new ArrayList<>();
        List<Double> toAssign = new ArrayList<>();
        List<Double> toRespond = new ArrayList<>();
        List<Double> toResolve = new ArrayList<>();
        Map<String, Long> backlog = new TreeMap<>();
        long open = 0;
        long reopened = 0;
        long warnings = 0;
        long breaches = 0;
        long escalations = 0;
        long met = 0;
        long breached = 0;
        long atRisk = 0;
        long csatResponses = 0;
        long csatSum = 0;
        for (ReportTicket t : cohort) {
            add(toTriage, t.createdAt, t.triagedAt);
            add(toAssign, t.createdAt, t.assignedAt);
            add(toRespond, t.createdAt, t.firstResponseAt);
            if (t.status != null && !t.status.isOpen()) {
                add(toResolve, t.createdAt, t.resolvedAt);
            }
            boolean isOpen = t.status == null || t.status.isOpen();
            if (isOpen) {
                open++;
                backlog.merge(t.team == null ? UNASSIGNED : t.team, 1L, Long::sum);
            }
            if (t.reopens > 0) {
                reopened++;
            }
            warnings += t.slaWarnings;
            breaches += t.slaBreaches;
            escalations += t.slaEscalations;
            ClockOutcome response = ClockOutcome.of(t.responseBreached, t.responseMetWithin);
            ClockOutcome resolution = ClockOutcome.of(t.resolutionBreached, t.resolutionMetWithin);
            met += response.met() + resolution.met();
            breached += response.breached() + resolution.breached();
            if (isOpen) {
                atRisk += atRisk(t.responseWarned, t.responseBreached, t.responseMetWithin)
                        + atRisk(t.resolutionWarned, t.resolutionBreached, t.resolutionMetWithin);
            }
            if (t.csatScore != null) {
                csatResponses++;
                csatSum += t.csatScore;
            }
        }
        ReportSummary.Tickets tickets = new ReportSummary.Tickets(
                cohort.size(),
                open,
                reopened,
                countBy(cohort, t -> t.status == null ? "UNKNOWN" : t.status.name()),
                countBy(cohort, t -> t.type == null ? "UNKNOWN" : t.type.name()),
                countBy(cohort, t -> t.category == null ? UNTRIAGED : t.category),
                countBy(cohort, t -> t.priority == null ? UNTRIAGED : t.priority.name()),
                countBy(cohort, t -> t.channel == null ? "UNKNOWN" : t.channel.name()),
                countBy(cohort, t -> t.tier == null ? "UNKNOWN" : t.tier.name()));
        ReportSummary.Sla sla = new ReportSummary.Sla(
                warnings, breaches, escalations, met, breached, compliancePercent(met, breached), atRisk);
        ReportSummary.Csat csat = new ReportSummary.Csat(
                csatResponses, csatResponses == 0 ? null : DurationStats.round((double) csatSum / csatResponses));
        return new ReportSummary(
                from,
                to,
                tickets,
                DurationStats.of(toTriage),
                DurationStats.of(toAssign),
                DurationStats.of(toRespond),
                DurationStats.of(toResolve),
                sla,
                backlog,
                csat);
    }

    /** met / (met + breached) in percent, rounded to two decimals; null when there is no outcome. */
    public static Double compliancePercent(long met, long breached) {
        if (met + breached == 0) {
            return null;
        }
        return Math.round(10000.0 * met / (met + breached)) / 100.0;
    }

    /** The outcome of one SLA clock: breached wins over met (a late "met" is a breach). */
    record ClockOutcome(int met, int breached) {
        static ClockOutcome of(boolean breachSeen, Boolean metWithin) {
            boolean isBreached = breachSeen || Boolean.FALSE.equals(metWithin);
            boolean isMet = !isBreached && Boolean.TRUE.equals(metWithin);
            return new ClockOutcome(isMet ? 1 : 0, isBreached ? 1 : 0);
        }
    }

    static int atRisk(boolean warned, boolean breachSeen, Boolean metWithin) {
        return warned && !breachSeen && metWithin == null ? 1 : 0;
    }

    /** Seconds from one instant to a later one; a negative span (clock skew between services) counts as 0. */
    private static void add(List<Double> out, Instant start, Instant end) {
        if (start != null && end != null) {
            out.add(Math.max(0, Duration.between(start, end).toNanos() / 1e9));
        }
    }

    private static Map<String, Long> countBy(List<ReportTicket> tickets, Function<ReportTicket, String> key) {
        Map<String, Long> counts = new TreeMap<>();
        tickets.forEach(t -> counts.merge(key.apply(t), 1L, Long::sum));
        return counts;
    }
}
