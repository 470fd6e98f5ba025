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

    Replay replay();

    interface Replay {
        /** Longest {@code to - from} a replay accepts. */
        @WithName("max-range")
        @WithDefault("P7D")
        Duration maxRange();

        /**
         * Thresholds due less than this before the comparison instant are not compared on fired / not fired (the
         * live scheduler may not have reached them yet).
         */
        @WithDefault("2s")
        Duration settle();

        /** Longest time spent reading the topics. */
        @WithName("read-timeout")
        @WithDefault("60s")
        Duration readTimeout();
    }

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

        /**
         * Between two ticks (quarkus-scheduler ticks at most once a second), a round wakes up again when the next
         * pending threshold is due, but not sooner than this after the previous round.
         */
        @WithDefault("100ms")
        Duration resolution();

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
