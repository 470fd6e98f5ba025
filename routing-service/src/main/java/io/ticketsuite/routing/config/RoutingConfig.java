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
}
