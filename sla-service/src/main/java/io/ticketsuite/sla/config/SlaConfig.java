package io.ticketsuite.sla.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;

/** sla-service settings ({@code sla.*}): the targets per priority and the threshold scheduler. */
@ConfigMapping(prefix = "sla")
public interface SlaConfig {

    Targets targets();

    Scheduler scheduler();

    /** Targets per priority, in SLA time (24/7 for now), e.g. {@code sla.targets.p1.response=15m}. */
    interface Targets {
        Target p1();

        Target p2();

        Target p3();

        Target p4();
    }

    interface Target {
        /** Until the first public agent reply. */
        Duration response();

        /** Until the ticket is resolved. */
        Duration resolution();
    }

    interface Scheduler {
        /** Whether this instance fires due thresholds (every replica may: rows are claimed with SKIP LOCKED). */
        @WithDefault("true")
        boolean enabled();

        /** How often due thresholds are looked for. */
        @WithDefault("1s")
        Duration every();

        /** Delay before the first look, so the database and the outbox are wired first. */
        @WithName("initial-delay")
        @WithDefault("2s")
        Duration initialDelay();

        /** Most thresholds fired in one transaction; the scheduler loops while full batches remain. */
        @WithName("batch-size")
        @WithDefault("200")
        int batchSize();
    }
}
