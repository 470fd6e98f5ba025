package io.ticketsuite.triage.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import java.util.Optional;

/** triage-service settings ({@code triage.*}). */
@ConfigMapping(prefix = "triage")
public interface TriageConfig {
    /**
     * File path of a YAML rule pack to use instead of the default pack shipped with triage-classifier. A
     * malformed pack stops the service at start with every problem listed.
     */
    @WithName("rule-pack")
    Optional<String> rulePack();
}
