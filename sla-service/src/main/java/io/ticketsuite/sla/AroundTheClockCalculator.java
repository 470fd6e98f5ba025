package io.ticketsuite.sla;

import java.time.Duration;
import java.time.Instant;

/** 24/7: SLA time is wall-clock time, with no business hours, holidays or pauses. */
public final class AroundTheClockCalculator implements DueTimeCalculator {

    @Override
    public Instant addSlaTime(ClockContext context, Instant start, Duration amount) {
        return start.plus(amount);
    }

    @Override
    public Duration slaTimeBetween(ClockContext context, Instant from, Instant to) {
        return to.isAfter(from) ? Duration.between(from, to) : Duration.ZERO;
    }
}
