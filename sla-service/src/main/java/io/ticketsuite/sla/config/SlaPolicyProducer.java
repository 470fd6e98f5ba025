package io.ticketsuite.sla.config;

import io.ticketsuite.events.Priority;
import io.ticketsuite.events.SlaClock;
import io.ticketsuite.sla.AroundTheClockCalculator;
import io.ticketsuite.sla.DueTimeCalculator;
import io.ticketsuite.sla.SlaPolicy;
import io.ticketsuite.sla.SlaTargets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/** Wires the plain-Java SLA policy: the configured targets and the due-time calculator (24/7 for now). */
@ApplicationScoped
public class SlaPolicyProducer {

    @Produces
    @ApplicationScoped
    DueTimeCalculator calculator() {
        return new AroundTheClockCalculator();
    }

    @Produces
    @ApplicationScoped
    SlaTargets targets(SlaConfig config) {
        return targetsOf(config.targets());
    }

    @Produces
    @ApplicationScoped
    SlaPolicy policy(SlaTargets targets, DueTimeCalculator calculator) {
        return new SlaPolicy(targets, calculator);
    }

    /** The configured targets, checked: every target must be positive. */
    public static SlaTargets targetsOf(SlaConfig.Targets config) {
        Map<Priority, SlaConfig.Target> byPriority = new EnumMap<>(Priority.class);
        byPriority.put(Priority.P1, config.p1());
        byPriority.put(Priority.P2, config.p2());
        byPriority.put(Priority.P3, config.p3());
        byPriority.put(Priority.P4, config.p4());
        Map<Priority, Map<SlaClock, Duration>> targets = new EnumMap<>(Priority.class);
        byPriority.forEach((priority, target) -> {
            Map<SlaClock, Duration> clocks = new EnumMap<>(SlaClock.class);
            clocks.put(SlaClock.RESPONSE, positive(priority, "response", target.response()));
            clocks.put(SlaClock.RESOLUTION, positive(priority, "resolution", target.resolution()));
            targets.put(priority, clocks);
        });
        return (priority, clock) -> targets.get(priority).get(clock);
    }

    private static Duration positive(Priority priority, String name, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException("sla.targets." + priority.name().toLowerCase(java.util.Locale.ROOT) + "."
                    + name + " must be a positive duration, not " + value);
        }
        return value;
    }
}
