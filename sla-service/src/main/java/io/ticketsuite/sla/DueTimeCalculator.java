package io.ticketsuite.sla;

import java.time.Duration;
import java.time.Instant;

/**
 * The one place that turns SLA time into wall-clock instants and back. Every due instant, threshold instant and
 * elapsed percentage goes through it, so business-hours calendars (per tier) and pauses can replace the 24/7
 * arithmetic without touching the rest of the service.
 */
public interface DueTimeCalculator {

    /** The instant at which {@code amount} of SLA time has passed, counting from {@code start}. */
    Instant addSlaTime(ClockContext context, Instant start, Duration amount);

    /** The SLA time that passed between {@code from} and {@code to}; zero when {@code to} is not after it. */
    Duration slaTimeBetween(ClockContext context, Instant from, Instant to);
}
