package io.ticketsuite.reporting.kpi;

import io.ticketsuite.kit.problem.Problem;
import io.ticketsuite.kit.problem.ProblemException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Period arithmetic and the rows of the periods report (plain Java). */
public final class PeriodAssembler {
    /** At most this many rows in one report. */
    public static final int MAX_PERIODS = 1000;

    public static final List<String> METRICS = List.of(
            "created",
            "resolved",
            "open",
            "reopened",
            "fcr_percent",
            "reopen_rate_percent",
            "escalation_rate_percent",
            "sla_compliance_percent",
            "first_response_mean_seconds",
            "first_response_p50_seconds",
            "first_response_p95_seconds",
            "resolution_mean_seconds",
            "resolution_p50_seconds",
            "resolution_p95_seconds",
            "csat_average",
            "csat_responses",
            "time_logged_minutes");

    private PeriodAssembler() {}

    public enum Granularity {
        DAY,
        WEEK,
        MONTH;

        public static Granularity parse(String value) {
            if (value == null || value.isBlank()) {
                return DAY;
            }
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ProblemException.validation(List.of(new Problem.FieldError(
                        "granularity", "invalid value '" + value + "': expected day, week or month")));
            }
        }

        public String sql() {
            return name().toLowerCase(Locale.ROOT);
        }

        public LocalDate start(LocalDate day) {
            return switch (this) {
                case DAY -> day;
                case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                case MONTH -> day.withDayOfMonth(1);
            };
        }

        public LocalDate next(LocalDate start) {
            return switch (this) {
                case DAY -> start.plusDays(1);
                case WEEK -> start.plusWeeks(1);
                case MONTH -> start.plusMonths(1);
            };
        }

        public LocalDate previous(LocalDate start) {
            return switch (this) {
                case DAY -> start.minusDays(1);
                case WEEK -> start.minusWeeks(1);
                case MONTH -> start.minusMonths(1);
            };
        }

        /** The first period start at or after the day (an exclusive end rounded up). */
        public LocalDate ceil(LocalDate day) {
            LocalDate s = start(day);
            return s.equals(day) ? s : next(s);
        }

        public long count(LocalDate from, LocalDate to) {
            return switch (this) {
                case DAY -> ChronoUnit.DAYS.between(from, to);
                case WEEK -> ChronoUnit.WEEKS.between(from, to);
                case MONTH -> ChronoUnit.MONTHS.between(from, to);
            };
        }
    }

    /** Rows from {@code from} (a period start) to {@code to} (exclusive), each compared with the one before. */
    public static PeriodReport assemble(
            Granularity g,
            LocalDate from,
            LocalDate to,
            Map<LocalDate, Map<String, Map<String, Totals>>> totals,
            Map<LocalDate, Map<String, Histogram>> hists) {
        List<PeriodReport.Row> rows = new ArrayList<>();
        Map<String, Double> previous =
                values(totals.getOrDefault(g.previous(from), Map.of()), hists.getOrDefault(g.previous(from), Map.of()));
        for (LocalDate start = from; start.isBefore(to); start = g.next(start)) {
            Map<String, Map<String, Totals>> dims = totals.getOrDefault(start, Map.of());
            Map<String, Double> values = values(dims, hists.getOrDefault(start, Map.of()));
            Map<String, Long> byChannel = new TreeMap<>();
            dims.getOrDefault("channel", Map.of()).forEach((channel, t) -> {
                if (t.created() > 0) {
                    byChannel.put(channel, t.created());
                }
            });
            Map<String, PeriodReport.Change> change = new LinkedHashMap<>();
            for (String metric : METRICS) {
                change.put(metric, change(values.get(metric), previous.get(metric)));
            }
            rows.add(new PeriodReport.Row(start, g.next(start), values, byChannel, change));
            previous = values;
        }
        return new PeriodReport(g.sql(), from, to, METRICS, rows);
    }

    static Map<String, Double> values(Map<String, Map<String, Totals>> dims, Map<String, Histogram> hists) {
        Totals t = dims.getOrDefault("all", Map.of()).getOrDefault("*", Totals.ZERO);
        Histogram frt = hists.getOrDefault("frt", new Histogram());
        Histogram res = hists.getOrDefault("res", new Histogram());
        Map<String, Double> v = new LinkedHashMap<>();
        v.put("created", (double) t.created());
        v.put("resolved", (double) t.resolvedOnDay());
        v.put("open", (double) t.openNow());
        v.put("reopened", (double) t.reopened());
        v.put("fcr_percent", t.fcrPercent());
        v.put("reopen_rate_percent", t.reopenPercent());
        v.put("escalation_rate_percent", t.escalationPercent());
        v.put("sla_compliance_percent", t.slaCompliancePercent());
        v.put("first_response_mean_seconds", t.frtMeanSeconds());
        v.put("first_response_p50_seconds", frt.percentile(0.50));
        v.put("first_response_p95_seconds", frt.percentile(0.95));
        v.put("resolution_mean_seconds", t.resolutionMeanSeconds());
        v.put("resolution_p50_seconds", res.percentile(0.50));
        v.put("resolution_p95_seconds", res.percentile(0.95));
        v.put("csat_average", t.csatAverage());
        v.put("csat_responses", (double) t.csatN());
        v.put("time_logged_minutes", (double) t.loggedMinutes());
        return v;
    }

    static PeriodReport.Change change(Double value, Double previous) {
        if (value == null || previous == null) {
            return new PeriodReport.Change(previous, null, null);
        }
        double delta = Totals.round(value - previous);
        Double percent = previous == 0 ? null : Totals.round(100.0 * (value - previous) / previous);
        return new PeriodReport.Change(previous, delta, percent);
    }
}
