package io.ticketsuite.sla.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;

/** sla-service settings ({@code sla.*}): where the SLA policy is, and the threshold scheduler. */
@ConfigMapping(prefix = "sla")
public interface SlaConfig {

    Policy policy();

    Scheduler scheduler();

    interface Policy {
        /** The policy YAML: {@code classpath:<resource>} or a file path. */
        @WithDefault("classpath:sla-policy.yaml")
        String file();
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
