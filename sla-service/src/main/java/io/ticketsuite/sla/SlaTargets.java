package io.ticketsuite.sla;

import io.ticketsuite.events.Priority;
import io.ticketsuite.events.SlaClock;
import java.time.Duration;

/** The target of each clock for each priority, in SLA time. */
@FunctionalInterface
public interface SlaTargets {
    Duration target(Priority priority, SlaClock clock);
}
