package io.ticketsuite.reporting.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;

/** reporting-service settings ({@code reporting.*}). */
@ConfigMapping(prefix = "reporting")
public interface ReportingConfig {

    /** The report window when {@code from} is not given: {@code to} minus this. */
    @WithName("default-window")
    @WithDefault("30d")
    Duration defaultWindow();

    Metrics metrics();

    interface Metrics {
        /** How often the gauges (open tickets, clocks at risk) are recomputed from the read model. */
        @WithDefault("15s")
        Duration refresh();
    }
}
