package io.ticketsuite.kit.messaging;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Readiness is DOWN while a consumer waits out a transient failure (see {@link StalledConsumers}). */
@Readiness
@ApplicationScoped
public class EventConsumersReadiness implements HealthCheck {
    private final StalledConsumers stalls;

    public EventConsumersReadiness(StalledConsumers stalls) {
        this.stalls = stalls;
    }

    @Override
    public HealthCheckResponse call() {
        return stalls.call();
    }
}
