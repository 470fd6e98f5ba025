package io.ticketsuite.reporting;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The KPIs of the tickets created in [{@code from}, {@code to}) (whole UTC days), plus the open backlog now. Every
 * figure is a sum or a ratio of sums over the per-day aggregate rows; the README defines each one.
 */
public record ReportSummary(
        Instant from,
        Instant to,
        Instant generatedAt,
        Tickets tickets,
        Durations timeToTriage,
        Durations timeToAssign,
        Durations firstResponse,
        Durations resolution,
        Sla sla,
        Map<String, Long> openBacklogByTeam,
        Backlog backlog,
        Csat csat,
        TimeLogged timeLogged,
        TopIssues topIssues,
        List<Kpi> kpis) {

    public record Tickets(
            long total,
            long resolved,
            long resolvedInWindow,
            long open,
            long reopened,
            long reopenEvents,
            long escalated,
            long firstContactResolved,
            Map<String, Long> byStatus,
            Map<String, Long> byType,
            Map<String, Long> byCategory,
            Map<String, Long> byPriority,
            Map<String, Long> byChannel,
            Map<String, Long> byTier,
            Map<String, Long> byTeam) {}

    /** Wall-clock seconds from creation; mean exact, percentiles nearest rank within 5 %. */
    public record Durations(
            long count, Double meanSeconds, Double p50Seconds, Double p95Seconds, Map<String, Durations> byPriority) {}

    public record Compliance(long met, long breached, Double compliancePercent) {}

    public record PriorityCompliance(Compliance response, Compliance resolution, Compliance overall) {}

    public record Sla(
            long warnings,
            long breaches,
            long escalations,
            long clocksMetWithinTarget,
            long clocksBreached,
            Double compliancePercent,
            Map<String, Compliance> byClock,
            Map<String, PriorityCompliance> byPriority) {}

    /** Open tickets now (whatever their creation day): by team, priority, age, and team × priority. */
    public record Backlog(
            long total,
            long clocksAtRisk,
            Map<String, Long> byTeam,
            Map<String, Long> byPriority,
            Map<String, Long> byAge,
            Map<String, Map<String, Long>> byTeamAndPriority) {}

    public record CsatGroup(long responses, Double average) {}

    public record Csat(
            long responses,
            Double average,
            Double responseRatePercent,
            Map<String, CsatGroup> byTeam,
            Map<String, CsatGroup> byAgent) {}

    public record TimeLogged(long totalMinutes, Map<String, Long> byTeam, Map<String, Long> byCategory) {}

    public record CategoryCount(String category, long tickets) {}

    public record RecurringIssue(String signature, String category, long tickets) {}

    public record TopIssues(List<CategoryCount> categories, List<RecurringIssue> recurring) {}

    /**
     * One KPI against its target: {@code met} is null when there is nothing to measure (denominator 0).
     *
     * @param comparison {@code ">="} (at least the target) or {@code "<="} (at most)
     */
    public record Kpi(
            String name,
            String label,
            Double value,
            String unit,
            String comparison,
            double target,
            Boolean met,
            Double numerator,
            Double denominator) {}
}
