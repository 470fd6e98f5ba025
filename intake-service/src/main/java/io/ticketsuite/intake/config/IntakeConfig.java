package io.ticketsuite.intake.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;

/** intake-service settings ({@code intake.*}). */
@ConfigMapping(prefix = "intake")
public interface IntakeConfig {
    /** How long after resolution a ticket may be reopened. */
    @WithName("reopen-window")
    @WithDefault("14d")
    Duration reopenWindow();

    /**
     * How long an Idempotency-Key is remembered: within it a retry replays the first ticket; after it (plus at most
     * one {@link #idempotencyKeySweep()} period) the key is forgotten and may create a new ticket.
     */
    @WithName("idempotency-key-ttl")
    @WithDefault("24h")
    Duration idempotencyKeyTtl();

    /** How often expired Idempotency-Keys are deleted. */
    @WithName("idempotency-key-sweep")
    @WithDefault("10m")
    Duration idempotencyKeySweep();
}
