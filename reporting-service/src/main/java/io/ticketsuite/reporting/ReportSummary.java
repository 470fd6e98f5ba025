package io.ticketsuite.reporting;

import java.time.Instant;
import java.util.Map;

/**
 * The KPIs of the tickets created in [{@code from}, {@code to}): volumes, times to triage, to assign, to the first
 * response and to resolution, SLA figures, the open backlog by team and CSAT.
 */
public record ReportSummary(
        Instant from,
        Instant to,
        Tickets tickets,
        DurationStats timeToTriage,
        DurationStats timeToAssign,
        DurationStats firstResponse,
        DurationStats resolution,
        Sla sla,
        Map<String, Long> openBacklogByTeam,
        Csat csat) {

    /** Ticket counts; a ticket not triaged yet counts as {@code untriaged}, one without team as {@code unassigned}. */
    public record Tickets(
            long total,
            long open,
            long reopened,
            Map<String, Long> byStatus,
            Map<String, Long> byType,
            Map<String, Long> byCategory,
            Map<String, Long> byPriority,
            Map<String, Long> byChannel,
            Map<String, Long> byTier) {}

    /**
     * SLA events and outcomes. A clock (response or resolution of a ticket) is breached if a breach was seen or it was
     * met late; met if it was met within target and never breached. Compliance = met / (met + breached), in percent,
     * null when no clock has an outcome yet. At risk: warned at 75 % or more, neither met nor breached, ticket open.
     */
    public record Sla(
            long warnings,
            long breaches,
            long escalations,
            long clocksMetWithinTarget,
            long clocksBreached,
            Double compliancePercent,
            long clocksAtRisk) {}

    public record Csat(long responses, Double average) {}
}
