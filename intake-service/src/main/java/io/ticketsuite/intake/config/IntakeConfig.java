package io.ticketsuite.intake.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.List;

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

    /**
     * How long a RESOLVED ticket waits for the customer: without a reply it is closed by the auto-close sweep once
     * this has passed since resolution.
     */
    @WithName("verification-window")
    @WithDefault("72h")
    Duration verificationWindow();

    /** How often the auto-close sweep runs. */
    @WithName("auto-close-sweep")
    @WithDefault("1m")
    Duration autoCloseSweep();

    /** How long after start the first auto-close round runs. */
    @WithName("auto-close-delay")
    @WithDefault("30s")
    Duration autoCloseDelay();

    /** How many tickets one auto-close round closes at most (the rest wait for the next round). */
    @WithName("auto-close-batch")
    @WithDefault("500")
    int autoCloseBatch();

    /** The resolution categories a ticket may be resolved with (lower case, {@code resolution.category}). */
    @WithName("resolution-categories")
    @WithDefault("fixed,workaround,answered,duplicate,not_reproducible,wont_fix,no_response")
    List<String> resolutionCategories();
}
