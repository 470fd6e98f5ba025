package io.ticketsuite.routing.escalation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;

/** Escalation settings ({@code routing.escalation.*}). */
@ConfigMapping(prefix = "routing.escalation")
public interface EscalationConfig {
    /** Where the escalation matrix is: {@code classpath:<resource>} or a file path. */
    @WithName("matrix-location")
    @WithDefault("classpath:escalation-matrix.yaml")
    String matrixLocation();

    Sweep sweep();

    /** The sweep that moves unacknowledged escalations to their next level. */
    interface Sweep {
        @WithDefault("true")
        boolean enabled();

        /** How often the sweep looks for missed deadlines. */
        @WithDefault("5s")
        Duration every();

        /** Delay before the first sweep after start. */
        @WithName("initial-delay")
        @WithDefault("5s")
        Duration initialDelay();

        /** Escalations claimed per transaction. */
        @WithName("batch-size")
        @WithDefault("50")
        int batchSize();
    }
}
