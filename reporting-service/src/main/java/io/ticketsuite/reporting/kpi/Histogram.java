package io.ticketsuite.reporting.kpi;

import java.util.TreeMap;

/**
 * A duration histogram summed from report_daily_hist: bucket 0 holds [0, 1) s, bucket b ≥ 1 holds
 * [1.1^(b−1), 1.1^b) s (the SQL function report_bucket). A percentile is the nearest-rank bucket's geometric middle,
 * within 5 % of the exact nearest-rank value.
 */
public final class Histogram {
    static final double RATIO = 1.1;
    private final TreeMap<Integer, Long> counts = new TreeMap<>();
    private long total;

    public void add(int bucket, long n) {
        counts.merge(bucket, n, Long::sum);
        total += n;
    }

    /** Count per bucket, buckets ascending (non-zero buckets only). */
    public java.util.SortedMap<Integer, Long> counts() {
        TreeMap<Integer, Long> result = new TreeMap<>();
        counts.forEach((bucket, n) -> {
            if (n != 0) {
                result.put(bucket, n);
            }
        });
        return result;
    }

    public long total() {
        return total;
    }

    /** The bucket of a duration, as the database computes it. */
    public static int bucket(double seconds) {
        return seconds < 1 ? 0 : (int) Math.floor(Math.log(seconds) / Math.log(RATIO)) + 1;
    }

    /** The value a bucket stands for: its geometric middle (0 for bucket 0). */
    public static double value(int bucket) {
        return bucket == 0 ? 0 : Math.pow(RATIO, bucket - 0.5);
    }

    /** Nearest rank: the smallest value with at least p of all values at or below it; null when empty. */
    public Double percentile(double p) {
        if (total == 0) {
            return null;
        }
        long rank = Math.max(1, (long) Math.ceil(p * total));
        long seen = 0;
        for (var e : counts.entrySet()) {
            seen += e.getValue();
            if (seen >= rank) {
                return Totals.round(value(e.getKey()));
            }
        }
        return Totals.round(value(counts.lastKey()));
    }
}
