package io.ticketsuite.notification.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** notification-service settings ({@code notification.*}). */
@ConfigMapping(prefix = "notification")
public interface NotificationConfig {

    /** How customer messages are signed. */
    @WithName("support-name")
    @WithDefault("Ticket Suite Support")
    String supportName();

    /**
     * When an SLA level has nobody (no assignee, no team lead), tell the next level up instead of nobody.
     */
    @WithName("fallback-up")
    @WithDefault("true")
    boolean fallbackUp();

    /**
     * How long the staff directory read from the database is used before it is read again: a change to the
     * {@code recipient} table reaches the notifications within this time.
     */
    @WithName("directory-refresh")
    @WithDefault("30s")
    java.time.Duration directoryRefresh();
}
