package io.ticketsuite.kit.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.ticketsuite.kit.config.KitConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Runs this instance's {@link OutboxRelay} for the application's lifetime. */
@ApplicationScoped
public class OutboxRelayService {
    private final KitConfig config;
    private final DataSource dataSource;
    private final MeterRegistry registry;
    private final String bootstrapServers;
    private OutboxRelay relay;

    public OutboxRelayService(
            KitConfig config,
            DataSource dataSource,
            MeterRegistry registry,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.config = config;
        this.dataSource = dataSource;
        this.registry = registry;
        this.bootstrapServers = bootstrapServers;
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.outbox().enabled()) {
            return;
        }
        KitConfig.Outbox outbox = config.outbox();
        relay = new OutboxRelay(
                config.source(),
                dataSource,
                bootstrapServers,
                new OutboxRelay.Settings(
                        outbox.batchSize(),
                        outbox.pollInterval(),
                        outbox.maxBackoff(),
                        outbox.sendTimeout(),
                        outbox.retention(),
                        outbox.initialDelay()),
                registry);
        relay.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        if (relay != null) {
            relay.close();
        }
    }
}
