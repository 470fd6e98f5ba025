package io.ticketsuite.sla.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.ticketsuite.events.EventData;
import io.ticketsuite.events.Priority;
import io.ticketsuite.events.SlaBreached;
import io.ticketsuite.events.SlaClock;
import io.ticketsuite.events.SlaMet;
import io.ticketsuite.events.SlaStarted;
import io.ticketsuite.events.SlaThresholdReached;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;

/** The service's meters ({@code ts.sla.*}): clocks started, thresholds fired, breaches, targets met or missed. */
@ApplicationScoped
public class SlaMetrics {
    private final MeterRegistry registry;

    public SlaMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Counts what a committed consumer transaction did. */
    public void applied(SlaService.Applied applied) {
        published(applied.events(), applied.priority());
        applied.recomputed().forEach(clock -> recomputed(clock, applied.priority()));
    }

    /** Counts what a committed transaction announced; {@code priority} is the ticket's (for restarts). */
    public void published(List<? extends EventData> events, Priority priority) {
        for (EventData event : events) {
            if (event instanceof SlaStarted started) {
                // a re-plan for a new priority is counted as ts.sla.clocks.recomputed, not as a start
                if (!SlaStarted.REPRIORITISED.equals(started.reason())) {
                    String reason = started.reason() == null ? SlaStarted.CREATED : started.reason();
                    List<SlaClock> clocks = started.clocks() == null ? List.of(SlaClock.values()) : started.clocks();
                    clocks.forEach(clock -> clockStarted(clock, started.priority(), reason));
                }
            } else if (event instanceof SlaMet met) {
                Counter.builder("ts.sla.met")
                        .description("clocks stopped, by clock and whether within target")
                        .tag("clock", met.clock().name())
                        .tag("within_target", Boolean.toString(met.withinTarget()))
                        .register(registry)
                        .increment();
            } else if (event instanceof SlaThresholdReached reached) {
                Counter.builder("ts.sla.thresholds.fired")
                        .description("threshold events published, by clock and percent")
                        .tag("clock", reached.clock().name())
                        .tag("percent", Integer.toString(reached.thresholdPercent()))
                        .register(registry)
                        .increment();
                if (reached instanceof SlaBreached) {
                    Counter.builder("ts.sla.breaches")
                            .description("clocks that reached 100 % of their target, by clock and priority")
                            .tag("clock", reached.clock().name())
                            .tag("priority", reached.priority().name())
                            .register(registry)
                            .increment();
                }
            }
        }
    }

    private void clockStarted(SlaClock clock, Priority priority, String reason) {
        Counter.builder("ts.sla.clocks.started")
                .description("clocks started, by clock, priority and why (created, reopened)")
                .tag("clock", clock.name())
                .tag("priority", priority.name())
                .tag("reason", reason)
                .register(registry)
                .increment();
    }

    private void recomputed(SlaClock clock, Priority priority) {
        Counter.builder("ts.sla.clocks.recomputed")
                .description("running clocks whose due instants moved for a new priority")
                .tag("clock", clock.name())
                .tag("priority", priority.name())
                .register(registry)
                .increment();
    }

    /** How late a threshold fired after its instant (scheduler interval, load, downtime). */
    public void fireDelay(Duration delay) {
        Timer.builder("ts.sla.thresholds.delay")
                .description("time between a threshold's instant and its firing")
                .register(registry)
                .record(delay.isNegative() ? Duration.ZERO : delay);
    }

    public Timer.Sample startTick() {
        return Timer.start(registry);
    }

    public void tick(Timer.Sample sample, String outcome) {
        sample.stop(Timer.builder("ts.sla.scheduler.ticks")
                .description("scheduler rounds, by outcome")
                .tag("outcome", outcome)
                .register(registry));
    }
}
