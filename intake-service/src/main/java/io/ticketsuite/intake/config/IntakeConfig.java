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
}
