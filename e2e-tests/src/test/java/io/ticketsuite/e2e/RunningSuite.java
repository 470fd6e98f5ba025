package io.ticketsuite.e2e;

import io.ticketsuite.local.KafkaBroker;
import io.ticketsuite.local.Processes;
import io.ticketsuite.testkit.SharedInfra;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole suite as separate processes: a broker of its own (so a test may restart it), a fresh database per
 * service on the test PostgreSQL, and the six packaged services on free ports.
 */
final class RunningSuite implements AutoCloseable {
    static final List<String> SERVICES = List.of(
            "intake-service",
            "triage-service",
            "routing-service",
            "sla-service",
            "notification-service",
            "reporting-service");

    final KafkaBroker broker;
    private final Path brokerHome;
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final List<String> databases = new ArrayList<>();

    RunningSuite() {
        Path root =
                Path.of(System.getProperty("e2e.root", "..")).toAbsolutePath().normalize();
        Path logs = root.resolve("e2e-tests/target/e2e-logs");
        try {
            Files.createDirectories(logs);
            brokerHome = Files.createTempDirectory("e2e-kafka");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        broker = new KafkaBroker(brokerHome, Processes.freePort(), Processes.freePort(), "512m");
        broker.start(Duration.ofSeconds(90));
        SharedInfra.Pg pg = SharedInfra.postgres();
        for (String name : SERVICES) {
            String database = SharedInfra.createDatabase("e2e_" + name.replace("-service", ""));
            databases.add(database);
            Map<String, String> config = new LinkedHashMap<>();
            config.put("kafka.bootstrap.servers", broker.bootstrapServers());
            config.put("quarkus.datasource.reactive.url", pg.reactiveUrl(database));
            config.put("quarkus.datasource.jdbc.url", pg.jdbcUrl(database));
            config.put("quarkus.datasource.username", pg.user());
            config.put("quarkus.datasource.password", pg.password());
            config.put("quarkus.log.console.format", "%d{HH:mm:ss.SSS} %-5p [%c{2.}] %s%e%n");
            services.put(name, new ServiceProcess(name, Processes.freePort(), root, logs, config));
        }
    }

    RunningSuite start() {
        services.values().forEach(ServiceProcess::start);
        services.values().forEach(s -> s.awaitReady(Duration.ofSeconds(180)));
        return this;
    }

    ServiceProcess service(String name) {
        return services.get(name);
    }

    String url(String name) {
        return services.get(name).url();
    }

    /** Kills a service with SIGKILL and starts it again, waiting until it is ready. */
    void crashAndRestart(String name, Duration down) {
        ServiceProcess service = services.get(name);
        service.kill9();
        ServiceProcess.sleep(down.toMillis());
        service.start();
        service.awaitReady(Duration.ofSeconds(180));
    }

    /** Stops the broker and starts it again on the same port and log dir. */
    void restartBroker(Duration down) {
        broker.stop();
        ServiceProcess.sleep(down.toMillis());
        broker.start(Duration.ofSeconds(90));
    }

    @Override
    public void close() {
        services.values().forEach(ServiceProcess::stop);
        broker.stop();
        databases.forEach(SharedInfra::dropDatabase);
        Processes.run(List.of("rm", "-rf", brokerHome.toString()), Duration.ofSeconds(30));
    }
}
