package io.ticketsuite.sla;

import java.time.Instant;

/** A closed pause of a clock: from the instant it paused to the instant it resumed. */
public record PausedInterval(Instant pausedAt, Instant resumedAt) {}
