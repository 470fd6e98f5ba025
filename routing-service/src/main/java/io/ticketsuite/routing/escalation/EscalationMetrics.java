package io.ticketsuite.routing.escalation;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/** The escalation meters; counted after the transaction that made the change committed. */
@ApplicationScoped
public class EscalationMetrics {
    private final MeterRegistry registry;

    public EscalationMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** An escalation level was opened (and announced). */
    public void opened(Escalation escalation) {
        Counter.builder("ts.routing.escalations.opened")
                .description("escalation levels opened and published as ticket.escalated, by rule and level")
                .tag("rule", escalation.rule)
                .tag("level", Integer.toString(escalation.level))
                .register(registry)
                .increment();
    }

    public void acknowledged(Escalation escalation) {
        Counter.builder("ts.routing.escalations.acknowledged")
                .description("escalations acknowledged by their target or a lead, by rule and level")
                .tag("rule", escalation.rule)
                .tag("level", Integer.toString(escalation.level))
                .register(registry)
                .increment();
        Duration took = Duration.between(escalation.createdAt, escalation.acknowledgedAt);
        Timer.builder("ts.routing.escalation.acknowledge.time")
                .description("time from an escalation level being opened to its acknowledgement")
                .tag("rule", escalation.rule)
                .publishPercentileHistogram()
                .register(registry)
                .record(took.isNegative() ? Duration.ZERO : took);
    }

    /** An escalation's deadline passed unacknowledged; {@code outcome}: next-level, last-level, ticket-closed. */
    public void expired(Escalation escalation, String outcome) {
        Counter.builder("ts.routing.escalations.expired")
                .description("escalations whose acknowledgement deadline passed, by rule, level and what followed")
                .tag("rule", escalation.rule)
                .tag("level", Integer.toString(escalation.level))
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    public Timer.Sample startSweep() {
        return Timer.start(registry);
    }

    /** One sweep round; {@code outcome}: fired, idle, failed. */
    public void sweep(Timer.Sample sample, String outcome) {
        sample.stop(Timer.builder("ts.routing.escalation.sweep")
                .description("escalation sweep rounds (missed deadlines → next level), by outcome")
                .tag("outcome", outcome)
                .register(registry));
    }
}
