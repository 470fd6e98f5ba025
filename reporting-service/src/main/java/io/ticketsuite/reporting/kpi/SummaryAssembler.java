package io.ticketsuite.reporting.kpi;

import io.ticketsuite.reporting.ReportSummary;
import io.ticketsuite.reporting.ReportSummary.Backlog;
import io.ticketsuite.reporting.ReportSummary.CategoryCount;
import io.ticketsuite.reporting.ReportSummary.Compliance;
import io.ticketsuite.reporting.ReportSummary.Csat;
import io.ticketsuite.reporting.ReportSummary.CsatGroup;
import io.ticketsuite.reporting.ReportSummary.Durations;
import io.ticketsuite.reporting.ReportSummary.Kpi;
import io.ticketsuite.reporting.ReportSummary.PriorityCompliance;
import io.ticketsuite.reporting.ReportSummary.RecurringIssue;
import io.ticketsuite.reporting.ReportSummary.Sla;
import io.ticketsuite.reporting.ReportSummary.Tickets;
import io.ticketsuite.reporting.ReportSummary.TimeLogged;
import io.ticketsuite.reporting.ReportSummary.TopIssues;
import io.ticketsuite.reporting.config.ReportingConfig;
import io.ticketsuite.reporting.repository.ReportQueries.BacklogGroup;
import io.ticketsuite.reporting.repository.ReportQueries.Recurring;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToLongFunction;

/** Builds the summary from the aggregate sums (plain Java: no database, no framework). */
public final class SummaryAssembler {
    private SummaryAssembler() {}

    public static ReportSummary assemble(
            Instant from,
            Instant to,
            Instant now,
            Map<String, Map<String, Totals>> dims,
            Map<String, Map<String, Histogram>> hists,
            List<BacklogGroup> backlog,
            List<Recurring> recurring,
            ReportingConfig config) {
        Totals all = dims.getOrDefault("all", Map.of()).getOrDefault("*", Totals.ZERO);
        Map<String, Totals> byPriority = dims.getOrDefault("priority", Map.of());
        Tickets tickets = new Tickets(
                all.created(),
                all.resolved(),
                all.resolvedOnDay(),
                all.openNow(),
                all.reopened(),
                all.reopenEvents(),
                all.escalated(),
                all.fcr(),
                count(dims, "status", Totals::created),
                count(dims, "type", Totals::created),
                count(dims, "category", Totals::created),
                count(dims, "priority", Totals::created),
                count(dims, "channel", Totals::created),
                count(dims, "tier", Totals::created),
                count(dims, "team", Totals::created));
        Durations triage = durations(all.triageN(), all.triageSeconds(), hists, "triage", Map.of());
        Durations assign = durations(all.assignN(), all.assignSeconds(), hists, "assign", Map.of());
        Map<String, Durations> frtByPriority = new TreeMap<>();
        Map<String, Durations> resByPriority = new TreeMap<>();
        Map<String, PriorityCompliance> slaByPriority = new TreeMap<>();
        byPriority.forEach((priority, t) -> {
            if (t.frtN() > 0) {
                frtByPriority.put(priority, durations(t.frtN(), t.frtSeconds(), hists, "frt", priority));
            }
            if (t.resN() > 0) {
                resByPriority.put(priority, durations(t.resN(), t.resSeconds(), hists, "res", priority));
            }
            if (t.responseMet() + t.responseBreached() + t.resolutionMet() + t.resolutionBreached() > 0) {
                slaByPriority.put(
                        priority,
                        new PriorityCompliance(
                                response(t),
                                resolution(t),
                                compliance(
                                        t.responseMet() + t.resolutionMet(),
                                        t.responseBreached() + t.resolutionBreached())));
            }
        });
        Durations frt = durations(all.frtN(), all.frtSeconds(), hists, "frt", frtByPriority);
        Durations res = durations(all.resN(), all.resSeconds(), hists, "res", resByPriority);
        Map<String, Compliance> byClock = new LinkedHashMap<>();
        byClock.put("response", response(all));
        byClock.put("resolution", resolution(all));
        Sla sla = new Sla(
                all.slaWarnings(),
                all.slaBreaches(),
                all.slaEscalations(),
                all.responseMet() + all.resolutionMet(),
                all.responseBreached() + all.resolutionBreached(),
                all.slaCompliancePercent(),
                byClock,
                slaByPriority);
        Csat csat = new Csat(
                all.csatN(),
                all.csatAverage(),
                all.csatResponsePercent(),
                csatGroups(dims.getOrDefault("team", Map.of())),
                csatGroups(dims.getOrDefault("agent", Map.of())));
        TimeLogged logged = new TimeLogged(
                all.loggedMinutes(),
                count(dims, "team", Totals::loggedMinutes),
                count(dims, "category", Totals::loggedMinutes));
        List<CategoryCount> categories = new ArrayList<>();
        dims.getOrDefault("category", Map.of()).entrySet().stream()
                .filter(e -> e.getValue().created() > 0)
                .sorted(Comparator.<Map.Entry<String, Totals>>comparingLong(
                                e -> -e.getValue().created())
                        .thenComparing(Map.Entry::getKey))
                .limit(config.topIssues())
                .forEach(e -> categories.add(
                        new CategoryCount(e.getKey(), e.getValue().created())));
        TopIssues top = new TopIssues(
                categories,
                recurring.stream()
                        .map(r -> new RecurringIssue(r.signature(), r.category(), r.tickets()))
                        .toList());
        return new ReportSummary(
                from,
                to,
                now,
                tickets,
                triage,
                assign,
                frt,
                res,
                sla,
                count(dims, "team", Totals::openNow),
                backlog(backlog),
                csat,
                logged,
                top,
                kpis(all, config.targets()));
    }

    /** The six contract KPIs with their targets. */
    public static List<Kpi> kpis(Totals all, ReportingConfig.Targets targets) {
        List<Kpi> kpis = new ArrayList<>();
        kpis.add(kpi(
                "first_contact_resolution",
                "First-contact resolution",
                all.fcrPercent(),
                "%",
                ">=",
                targets.fcrPercent(),
                all.fcr(),
                all.resolved()));
        Double meanHours = all.resN() == 0 ? null : Totals.round(all.resSeconds() / all.resN() / 3600.0);
        kpis.add(kpi(
                "mean_resolution_time",
                "Mean resolution time",
                meanHours,
                "h",
                "<=",
                targets.meanResolution().toSeconds() / 3600.0,
                all.resSeconds() / 3600.0,
                all.resN()));
        kpis.add(kpi(
                "csat_average",
                "CSAT",
                all.csatAverage(),
                "/5",
                ">=",
                targets.csatAverage(),
                all.csatSum(),
                all.csatN()));
        kpis.add(kpi(
                "reopen_rate",
                "Reopen rate",
                all.reopenPercent(),
                "%",
                "<=",
                targets.reopenPercent(),
                all.reopened(),
                all.resolved()));
        kpis.add(kpi(
                "sla_compliance",
                "SLA compliance",
                all.slaCompliancePercent(),
                "%",
                ">=",
                targets.slaCompliancePercent(),
                all.responseMet() + all.resolutionMet(),
                all.responseMet() + all.resolutionMet() + all.responseBreached() + all.resolutionBreached()));
        kpis.add(kpi(
                "escalation_rate",
                "Escalation rate",
                all.escalationPercent(),
                "%",
                "<=",
                targets.escalationPercent(),
                all.escalated(),
                all.created()));
        return kpis;
    }

    private static Kpi kpi(
            String name, String label, Double value, String unit, String cmp, double target, double num, double den) {
        Boolean met = value == null ? null : (cmp.equals(">=") ? value >= target : value <= target);
        return new Kpi(name, label, value, unit, cmp, target, met, Totals.round(num), den);
    }

    private static Compliance response(Totals t) {
        return compliance(t.responseMet(), t.responseBreached());
    }

    private static Compliance resolution(Totals t) {
        return compliance(t.resolutionMet(), t.resolutionBreached());
    }

    private static Compliance compliance(long met, long breached) {
        return new Compliance(met, breached, Totals.percent(met, met + breached));
    }

    private static Durations durations(
            long n, double seconds, Map<String, Map<String, Histogram>> hists, String measure, String priority) {
        return durations(n, seconds, hists.getOrDefault(measure, Map.of()).get(priority), null);
    }

    private static Durations durations(
            long n,
            double seconds,
            Map<String, Map<String, Histogram>> hists,
            String measure,
            Map<String, Durations> byPriority) {
        return durations(n, seconds, hists.getOrDefault(measure, Map.of()).get("*"), byPriority);
    }

    private static Durations durations(long n, double seconds, Histogram h, Map<String, Durations> byPriority) {
        return new Durations(
                n,
                n == 0 ? null : Totals.round(seconds / n),
                h == null ? null : h.percentile(0.50),
                h == null ? null : h.percentile(0.95),
                byPriority);
    }

    /** A dimension's values with a non-zero figure, largest first. */
    private static Map<String, Long> count(
            Map<String, Map<String, Totals>> dims, String dim, ToLongFunction<Totals> figure) {
        Map<String, Long> result = new LinkedHashMap<>();
        dims.getOrDefault(dim, Map.of()).entrySet().stream()
                .filter(e -> figure.applyAsLong(e.getValue()) != 0)
                .sorted(Comparator.<Map.Entry<String, Totals>>comparingLong(e -> -figure.applyAsLong(e.getValue()))
                        .thenComparing(Map.Entry::getKey))
                .forEach(e -> result.put(e.getKey(), figure.applyAsLong(e.getValue())));
        return result;
    }

    private static Map<String, CsatGroup> csatGroups(Map<String, Totals> byValue) {
        Map<String, CsatGroup> result = new TreeMap<>();
        byValue.forEach((key, t) -> {
            if (t.csatN() > 0) {
                result.put(key, new CsatGroup(t.csatN(), t.csatAverage()));
            }
        });
        return result;
    }

    private static Backlog backlog(List<BacklogGroup> groups) {
        long total = 0;
        long atRisk = 0;
        Map<String, Long> byTeam = new TreeMap<>();
        Map<String, Long> byPriority = new TreeMap<>();
        Map<String, Long> byAge = new LinkedHashMap<>();
        for (String age : List.of("<1d", "1-3d", "3-7d", ">7d")) {
            byAge.put(age, 0L);
        }
        Map<String, Map<String, Long>> byTeamAndPriority = new TreeMap<>();
        for (BacklogGroup g : groups) {
            total += g.tickets();
            atRisk += g.atRisk();
            byTeam.merge(g.team(), g.tickets(), Long::sum);
            byPriority.merge(g.priority(), g.tickets(), Long::sum);
            byAge.merge(g.age(), g.tickets(), Long::sum);
            byTeamAndPriority
                    .computeIfAbsent(g.team(), k -> new TreeMap<>())
                    .merge(g.priority(), g.tickets(), Long::sum);
        }
        return new Backlog(total, atRisk, byTeam, byPriority, byAge, byTeamAndPriority);
    }
}
