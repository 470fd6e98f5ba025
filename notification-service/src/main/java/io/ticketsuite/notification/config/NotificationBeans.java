package io.ticketsuite.notification.config;

import io.quarkus.qute.Engine;
import io.ticketsuite.notification.NotificationPlanner;
import io.ticketsuite.notification.NotificationRenderer;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Wires the plain-Java planner and renderer into CDI. */
@Singleton
public class NotificationBeans {

    @Produces
    @Singleton
    NotificationPlanner planner(NotificationConfig config) {
        return new NotificationPlanner(config.supportName(), config.fallbackUp());
    }

    @Produces
    @Singleton
    NotificationRenderer renderer(Engine engine) {
        return new NotificationRenderer(engine);
    }
}
