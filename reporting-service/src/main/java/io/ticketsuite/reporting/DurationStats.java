package io.ticketsuite.reporting;

import java.util.Arrays;
import java.util.Collection;

/**
 * Count, mean and percentiles of a set of durations in seconds. Percentiles are exact, by the nearest-rank method
 * on the sorted values (p-th percentile = the value at rank ⌈p/100 · n⌉), so they are always observed values.
 * Means and percentiles are rounded to milliseconds; with no values they are null.
 */
public record DurationStats(long count, Double meanSeconds, Double p50Seconds, Double p95Seconds) {

    public static DurationStats of(Collection<Double> seconds) {
        return of(seconds.stream().mapToDouble(Double::doubleValue).toArray());
    }

    public static DurationStats of(double[] seconds) {
        if (seconds.length == 0) {
            return new DurationStats(0, null, null, null);
        }
        double[] sorted = seconds.clone();
        Arrays.sort(sorted);
        double sum = 0;
        for (double s : sorted) {
            sum += s;
        }
        return new DurationStats(
                sorted.length,
                round(sum / sorted.length),
                round(percentile(sorted, 50)),
                round(percentile(sorted, 95)));
    }

    /** Nearest-rank percentile of sorted values; {@code p} in (0, 100]. */
    public static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        if (p <= 0 || p > 100) {
            throw new IllegalArgumentException("percentile must be in (0, 100]: " + p);
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }

    static double round(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }
}
