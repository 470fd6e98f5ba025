package io.ticketsuite.e2e;

import io.ticketsuite.local.KafkaBroker;
import io.ticketsuite.local.Keycloak;
import io.ticketsuite.local.MailServer;
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
 * The whole suite as separate processes: a Keycloak with the realm {@code ticketsuite} (started the way
 * {@code ./suite up} starts it, in parallel with the broker and PostgreSQL), a broker of its own (so a test may
 * restart it), a fresh database per service on the test PostgreSQL, and the six packaged services on free ports,
 * each trusting that Keycloak ({@code TS_OIDC_ISSUER}). {@code TS_TEST_OIDC_ISSUER} names an issuer with the same
 * realm to use instead of starting Keycloak.
 */
final class RunningSuite implements AutoCloseable {
    /** How long the services may take to be ready again after PostgreSQL or the broker came back. */
    private static final Duration RECOVERY = Duration.ofSeconds(120);

    static final List<String> SERVICES = List.of(
            "intake-service",
            "triage-service",
            "routing-service",
            "sla-service",
            "notification-service",
            "reporting-service");

    final KafkaBroker broker;
    /** The local Keycloak, or null when TS_TEST_OIDC_ISSUER names another issuer. */
    final Keycloak keycloak;
    /** The local mail server (GreenMail), as {@code ./suite up} runs it, on free ports. */
    final MailServer mail;

    private final String issuer;
    private final Path brokerHome;
    private final Path keycloakHome;
    private final Path mailHome;
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final List<String> databases = new ArrayList<>();
    /** The OpenTelemetry collector of this suite: every service's spans. */
    private final OtlpReceiver traces = new OtlpReceiver();

    RunningSuite() {
        this(SERVICES);
    }

    /** The same infrastructure with only {@code names} of {@link #SERVICES} (a test that needs only those). */
    RunningSuite(List<String> names) {
        Path root =
                Path.of(System.getProperty("e2e.root", "..")).toAbsolutePath().normalize();
        Path logs = root.resolve("e2e-tests/target/e2e-logs");
        String externalIssuer = System.getenv("TS_TEST_OIDC_ISSUER");
        try {
            Files.createDirectories(logs);
            brokerHome = Files.createTempDirectory("e2e-kafka");
            keycloakHome = Files.createTempDirectory("e2e-keycloak");
            mailHome = Files.createTempDirectory("e2e-mail");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (externalIssuer == null || externalIssuer.isBlank()) {
            // Keycloak takes longest (20-50 s): it starts first, the broker and PostgreSQL meanwhile
            keycloak = new Keycloak(keycloakHome, Processes.freePort(), Processes.freePort())
                    .logFile(logs.resolve("keycloak.log"))
                    .launch();
            Runtime.getRuntime().addShutdownHook(new Thread(keycloak::stop));
            issuer = keycloak.issuer();
        } else {
            keycloak = null;
            issuer = externalIssuer.trim();
        }
        broker = new KafkaBroker(brokerHome, Processes.freePort(), Processes.freePort(), "512m");
        mail = new MailServer(mailHome, Processes.freePort(), Processes.freePort(), Processes.freePort());
        SharedInfra.Pg pg;
        try {
            broker.start(Duration.ofSeconds(90));
            mail.start(Duration.ofSeconds(30));
            pg = SharedInfra.postgres();
            if (keycloak != null) {
                keycloak.awaitReady(Duration.ofSeconds(240));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        // the same variables ./suite up writes into infra.env
        Map<String, String> env = new LinkedHashMap<>(Map.of(
                "TS_OIDC_ISSUER",
                issuer,
                "TS_OIDC_AUDIENCE",
                Keycloak.AUDIENCE,
                "TS_SMTP_HOST",
                "127.0.0.1",
                "TS_SMTP_PORT",
                Integer.toString(mail.smtpPort()),
                "TS_IMAP_HOST",
                "127.0.0.1",
                "TS_IMAP_PORT",
                Integer.toString(mail.imapPort()),
                "TS_MAIL_ADDRESS",
                MailServer.SUPPORT_ADDRESS));
        // tracing on, as an operator switches it on: every service exports its spans over OTLP/HTTP to the receiver
        env.put("QUARKUS_OTEL_SDK_DISABLED", "false");
        env.put("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf");
        env.put("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", traces.endpoint());
        env.put("QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "500ms");
        for (String name : names) {
            String database = SharedInfra.createDatabase("e2e_" + name.replace("-service", ""));
            databases.add(database);
            Map<String, String> config = new LinkedHashMap<>();
            config.put("kafka.bootstrap.servers", broker.bootstrapServers());
            config.put("quarkus.datasource.reactive.url", pg.reactiveUrl(database));
            config.put("quarkus.datasource.jdbc.url", pg.jdbcUrl(database));
            config.put("quarkus.datasource.username", pg.user());
            config.put("quarkus.datasource.password", pg.password());
            config.put("quarkus.log.console.format", "%d{HH:mm:ss.SSS} %-5p [%c{2.}] %s%e%n");
            services.put(name, new ServiceProcess(name, Processes.freePort(), root, logs, config, env));
        }
    }

    RunningSuite start() {
        services.values().forEach(ServiceProcess::start);
        services.values().forEach(s -> s.awaitReady(Duration.ofSeconds(180)));
        return this;
    }

    /** The issuer the services trust. */
    String issuer() {
        return issuer;
    }

    /**
     * An access token for {@code who}: {@code customer} (customer_id c-42, ann@example.com), {@code customer2}
     * (c-43, ben@example.com), {@code agent} (agent-account-management-1), {@code lead} (lead-account-management),
     * {@code admin}, {@code channel} (client credentials), or any seeded staff id such as {@code agent-billing-1}.
     * Reused until half its lifetime (5 minutes, the channel's 15) has passed.
     */
    String token(String who) {
        return keycloak != null ? keycloak.token(who) : Keycloak.token(issuer, who);
    }

    /** The spans every service exported so far. */
    OtlpReceiver traces() {
        return traces;
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

    /**
     * Stops PostgreSQL (every service's database) for {@code down}, then starts it again, waiting until every service
     * is ready again.
     */
    void stopPostgres(Duration down) {
        SharedInfra.stopPostgres();
        ServiceProcess.sleep(down.toMillis());
        SharedInfra.startPostgres();
        awaitAllReady(RECOVERY);
    }

    /**
     * Stops the broker and starts it again on the same port and log dir, waiting until every service is ready again
     * (its consumers connected): like {@link #crashAndRestart}, a fault ends when the suite has recovered from it.
     */
    void restartBroker(Duration down) {
        broker.stop();
        ServiceProcess.sleep(down.toMillis());
        broker.start(Duration.ofSeconds(90));
        awaitAllReady(RECOVERY);
    }

    private void awaitAllReady(Duration timeout) {
        services.values().forEach(s -> s.awaitReady(timeout));
    }

    @Override
    public void close() {
        services.values().forEach(ServiceProcess::stop);
        broker.stop();
        if (mail != null) {
            mail.stop();
        }
        if (keycloak != null) {
            keycloak.stop();
        }
        databases.forEach(SharedInfra::dropDatabase);
        traces.close();
        Processes.run(
                List.of("rm", "-rf", brokerHome.toString(), keycloakHome.toString(), mailHome.toString()),
                Duration.ofSeconds(30));
    }
}
