package io.ticketsuite.sla;

import io.ticketsuite.events.CustomerTier;
import io.ticketsuite.events.Priority;
import io.ticketsuite.events.SlaClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The SLA arithmetic: a clock's target for a priority, its due instant and the instants of its thresholds (50 %
 * and 75 % warn, 100 % breaches, 125 % escalates), and how far along a clock is. Plain Java.
 */
public final class SlaPolicy {
    /** The thresholds of every clock, in percent of its target. */
    public static final List<Integer> THRESHOLD_PERCENTS = List.of(50, 75, 100, 125);

    public static final int BREACH_PERCENT = 100;

    private final SlaTargets targets;
    private final DueTimeCalculator calculator;

    public SlaPolicy(SlaTargets targets, DueTimeCalculator calculator) {
        this.targets = targets;
        this.calculator = calculator;
    }

    /** The schedule of a clock of this priority started at {@code start}; instants at microsecond precision. */
    public ClockPlan plan(UUID ticketId, SlaClock clock, Priority priority, CustomerTier tier, Instant start) {
        ClockContext context = new ClockContext(ticketId, clock, priority, tier);
        Duration target = targets.target(priority, clock);
        Map<Integer, Instant> thresholds = new LinkedHashMap<>();
        for (int percent : THRESHOLD_PERCENTS) {
            thresholds.put(percent, micros(calculator.addSlaTime(context, start, share(target, percent))));
        }
        Instant due = micros(calculator.addSlaTime(context, start, target));
        return new ClockPlan(clock, priority, start, target, due, Map.copyOf(thresholds));
    }

    /** The SLA time a clock used between its start and {@code at}, in percent of its target (0.1 precision). */
    public double elapsedPercent(
            UUID ticketId,
            SlaClock clock,
            Priority priority,
            CustomerTier tier,
            Instant start,
            Duration target,
            Instant at) {
        if (target.isZero() || target.isNegative()) {
            return 0;
        }
        Duration used = calculator.slaTimeBetween(new ClockContext(ticketId, clock, priority, tier), start, at);
        double percent = used.toMillis() * 100.0 / target.toMillis();
        return Math.round(percent * 10) / 10.0;
    }

    static Duration share(Duration target, int percent) {
        return target.multipliedBy(percent).dividedBy(100);
    }

    static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }
}
