package io.ticketsuite.reporting.kpi;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * One row per day, ISO week (Monday) or calendar month (UTC) of ticket creation, each with its change against the
 * period before it (the first row's previous period is read too, so it has a change as well).
 */
public record PeriodReport(String granularity, LocalDate from, LocalDate to, List<String> metrics, List<Row> periods) {

    /** {@code values} by metric name (null: nothing to measure); {@code change} the same names. */
    public record Row(
            LocalDate start,
            LocalDate end,
            Map<String, Double> values,
            Map<String, Long> createdByChannel,
            Map<String, Change> change) {}

    /** {@code delta} = value − previous; {@code percent} = delta / previous × 100 (null when previous is 0 or null). */
    public record Change(Double previous, Double delta, Double percent) {}
}
