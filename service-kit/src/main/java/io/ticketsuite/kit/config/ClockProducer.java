package io.ticketsuite.kit.config;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The system UTC clock, unless a service or a test provides another {@link Clock} bean. */
@Singleton
public class ClockProducer {
    @Produces
    @DefaultBean
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
