package io.ticketsuite.sla;

import io.ticketsuite.events.Priority;
import io.ticketsuite.events.SlaClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** The schedule of one clock run: its target, its due instant and the instant of each threshold (percent → instant). */
public record ClockPlan(
        SlaClock clock,
        Priority priority,
        Instant start,
        Duration target,
        Instant dueAt,
        Map<Integer, Instant> thresholds) {

    public Instant thresholdAt(int percent) {
        Instant at = thresholds.get(percent);
        if (at == null) {
            throw new IllegalArgumentException("no threshold at " + percent + " %");
        }
        return at;
    }
}
