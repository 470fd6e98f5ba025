package io.ticketsuite.kit.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.ticketsuite.kit.config.KitConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Runs this instance's {@link OutboxRelay} for the application's lifetime, on the service's JDBC DataSource (Agroal
 * over PostgreSQL's driver: the relay holds one of its connections to LISTEN for commits). Its producer takes the
 * service's Kafka client configuration (every {@code kafka.*} property: bootstrap servers, security protocol, SASL,
 * TLS), as the channels do, so it connects wherever they connect.
 */
@ApplicationScoped
public class OutboxRelayService {
    private final KitConfig config;
    private final DataSource dataSource;
    private final MeterRegistry registry;
    private final Map<String, Object> kafkaConfig;
    private OutboxRelay relay;

    public OutboxRelayService(
            KitConfig config,
            DataSource dataSource,
            MeterRegistry registry,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.config = config;
        this.dataSource = dataSource;
        this.registry = registry;
        this.kafkaConfig = kafkaConfig;
    }

    void onStart(@Observes StartupEvent event) {
        if (!config.outbox().enabled()) {
            return;
        }
        KitConfig.Outbox outbox = config.outbox();
        relay = new OutboxRelay(
                config.source(),
                dataSource,
                kafkaConfig,
                new OutboxRelay.Settings(
                        outbox.batchSize(),
                        outbox.pollInterval(),
                        outbox.maxBackoff(),
                        outbox.sendTimeout(),
                        outbox.retention(),
                        outbox.initialDelay(),
                        outbox.fallbackPollInterval()),
                registry);
        relay.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        if (relay != null) {
            relay.close();
        }
    }
}
