package io.ticketsuite.routing.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** routing-service settings ({@code routing.*}). */
@ConfigMapping(prefix = "routing")
public interface RoutingConfig {
    /** Where the routing rules are: {@code classpath:<resource>} or a file path. */
    @WithName("rules-location")
    @WithDefault("classpath:routing-rules.yaml")
    String rulesLocation();

    /**
     * Continuity: a customer's new ticket goes to the agent who last helped them when that assignment is at most
     * this old (and the agent is in the team the rules chose, available, skilled and under capacity).
     */
    @WithName("continuity-window")
    @WithDefault("P30D")
    java.time.Duration continuityWindow();
}
