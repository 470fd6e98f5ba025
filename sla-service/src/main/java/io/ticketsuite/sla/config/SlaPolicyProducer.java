package io.ticketsuite.sla.config;

import io.quarkus.runtime.StartupEvent;
import io.ticketsuite.sla.SlaPolicy;
import io.ticketsuite.sla.policy.SlaPolicyLoader;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/** Loads the SLA policy file ({@code sla.policy.file}) once; a bad policy fails startup with the reason. */
@ApplicationScoped
public class SlaPolicyProducer {
    private static final Logger LOG = Logger.getLogger(SlaPolicyProducer.class);

    @Produces
    @Singleton
    SlaPolicy policy(SlaConfig config) {
        return SlaPolicyLoader.load(config.policy().file());
    }

    /** Loads the policy at startup rather than at the first event, so a bad file stops the service at once. */
    void onStart(@Observes StartupEvent event, SlaPolicy policy, SlaConfig config) {
        LOG.infof(
                "SLA policy %s: calendars %s",
                config.policy().file(), policy.calendars().values());
    }
}
