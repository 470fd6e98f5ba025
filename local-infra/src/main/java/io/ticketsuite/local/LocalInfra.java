package io.ticketsuite.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The infrastructure half of {@code ./suite}: {@code up|down|status <home> [database ...]}. Starts Keycloak (unless
 * TS_OIDC_ISSUER names another issuer) and, while it starts, the embedded PostgreSQL (or uses the external server
 * named by PGHOST/PGPORT/PGUSER/PGPASSWORD) and the Kafka broker; creates the databases and topics, writes
 * {@code <home>/infra.env} for the services as soon as the broker and PostgreSQL are ready (the services may start
 * then: they fetch the issuer's keys on their first request), then waits until Keycloak serves the realm.
 *
 * <p>Ports: TS_KAFKA_PORT (9092), TS_KAFKA_CONTROLLER_PORT (9093), TS_PG_PORT (55432), TS_KEYCLOAK_PORT (8180),
 * TS_KEYCLOAK_MANAGEMENT_PORT (9180), TS_SMTP_PORT (3025), TS_IMAP_PORT (3143), TS_MAIL_API_PORT (8025) — the local
 * mail server, GreenMail, also started by {@code up}.
 */
public final class LocalInfra {
    private final Path home;
    private final Map<String, String> env;
    private final long started = System.nanoTime();

    LocalInfra(Path home, Map<String, String> env) {
        this.home = home.toAbsolutePath();
        this.env = env;
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: LocalInfra up|down|status|wipe <home> [database ...]\n"
                    + "       LocalInfra stop|kill|start <home> postgres|kafka|keycloak|mail");
            System.exit(2);
        }
        LocalInfra infra = new LocalInfra(Path.of(args[1]), System.getenv());
        List<String> databases = Arrays.asList(args).subList(2, args.length);
        try {
            switch (args[0]) {
                case "up" -> infra.up(databases);
                case "down" -> infra.down();
                case "status" -> infra.status();
                case "wipe" -> infra.wipe();
                case "stop", "kill", "start" -> {
                    if (databases.size() != 1) {
                        System.err.println("usage: LocalInfra " + args[0] + " <home> postgres|kafka|keycloak");
                        System.exit(2);
                    }
                    infra.control(args[0], databases.get(0));
                }
                default -> {
                    System.err.println("unknown command " + args[0]);
                    System.exit(2);
                }
            }
        } catch (RuntimeException e) {
            System.err.println("error: " + e.getMessage());
            System.exit(1);
        }
    }

    void up(List<String> databases) throws IOException {
        Files.createDirectories(home);
        // Keycloak takes longest (20-50 s): it starts first and the broker and PostgreSQL start meanwhile
        CompletableFuture<Keycloak> keycloak = externalIssuer()
                ? CompletableFuture.completedFuture(null)
                : CompletableFuture.supplyAsync(this::launchKeycloak);
        String pgHost;
        int pgPort;
        String pgUser;
        String pgPassword;
        if (external()) {
            pgHost = env.get("PGHOST");
            pgPort = Integer.parseInt(env.getOrDefault("PGPORT", "5432"));
            pgUser = env.getOrDefault("PGUSER", "postgres");
            pgPassword = env.getOrDefault("PGPASSWORD", "");
            System.out.println("postgres: external server " + pgHost + ":" + pgPort);
        } else {
            EmbeddedPostgres postgres = postgres();
            if (postgres.isRunning()) {
                System.out.println("postgres: already running on port " + postgres.port());
            } else {
                postgres.start();
                System.out.println(
                        "postgres: started on port " + postgres.port() + " (data " + postgres.dataDir() + ")");
            }
            pgHost = "127.0.0.1";
            pgPort = postgres.port();
            pgUser = EmbeddedPostgres.USER;
            pgPassword = "";
        }
        EmbeddedPostgres.createDatabases(
                "jdbc:postgresql://" + pgHost + ":" + pgPort + "/postgres", pgUser, pgPassword, databases);

        KafkaBroker broker = broker();
        if (broker.isRunning()) {
            broker.awaitReady(Duration.ofSeconds(30));
            broker.createTopics();
            System.out.println("kafka: already running on " + broker.bootstrapServers());
        } else {
            broker.start(Duration.ofSeconds(90));
            System.out.println("kafka: started on " + broker.bootstrapServers() + " (log " + broker.logFile() + ")");
        }
        MailServer mail = mail();
        if (mail.isRunning()) {
            System.out.println("mail: already running (SMTP 127.0.0.1:" + mail.smtpPort() + ", IMAP 127.0.0.1:"
                    + mail.imapPort() + ")");
        } else {
            mail.start(Duration.ofSeconds(30));
            System.out.println("mail: GreenMail started, SMTP 127.0.0.1:" + mail.smtpPort() + ", IMAP 127.0.0.1:"
                    + mail.imapPort() + " (any user/password; the suite reads " + MailServer.SUPPORT_ADDRESS
                    + "; log " + mail.logFile() + ")");
        }
        Keycloak local = externalIssuer() ? null : launched(keycloak);
        String issuer = local == null ? env.get("TS_OIDC_ISSUER").trim() : local.issuer();
        Path infraEnv = home.resolve("infra.env");
        Path written = home.resolve("infra.env.tmp");
        Files.writeString(
                written,
                String.join(
                        "\n",
                        "TS_KAFKA_BOOTSTRAP=" + broker.bootstrapServers(),
                        "TS_PG_HOST=" + pgHost,
                        "TS_PG_PORT=" + pgPort,
                        "TS_PG_USER=" + pgUser,
                        "TS_PG_PASSWORD=" + pgPassword,
                        "TS_OIDC_ISSUER=" + issuer,
                        "TS_OIDC_AUDIENCE=" + env.getOrDefault("TS_OIDC_AUDIENCE", Keycloak.AUDIENCE),
                        "TS_SMTP_HOST=127.0.0.1",
                        "TS_SMTP_PORT=" + mail.smtpPort(),
                        "TS_IMAP_HOST=127.0.0.1",
                        "TS_IMAP_PORT=" + mail.imapPort(),
                        "TS_MAIL_ADDRESS=" + MailServer.SUPPORT_ADDRESS,
                        ""));
        Files.move(written, infraEnv, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        if (local == null) {
            System.out.println("oidc: external issuer " + issuer + " (no local Keycloak)");
        } else {
            awaitKeycloak(local);
        }
    }

    private Keycloak launchKeycloak() {
        Keycloak keycloak = keycloak();
        if (keycloak.isRunning()) {
            System.out.println("keycloak: already running on " + keycloak.url());
        } else {
            keycloak.launch();
        }
        return keycloak;
    }

    /** The local Keycloak once its process is launched (not yet ready). */
    private static Keycloak launched(CompletableFuture<Keycloak> launching) {
        try {
            return launching.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private void awaitKeycloak(Keycloak keycloak) {
        keycloak.awaitReady(Duration.ofSeconds(intEnv("TS_KEYCLOAK_TIMEOUT", 240)));
        System.out.printf(
                "keycloak: ready on %s after %.1f s (realm %s; admin console %s/admin, admin/admin; log %s)%n",
                keycloak.url(),
                (System.nanoTime() - started) / 1e9,
                Keycloak.REALM,
                keycloak.url(),
                keycloak.logFile());
    }

    void down() {
        if (mail().stop()) {
            System.out.println("mail: stopped");
        }
        Keycloak keycloak = keycloak();
        if (keycloak.isRunning()) {
            keycloak.stop();
            System.out.println("keycloak: stopped");
        }
        KafkaBroker broker = broker();
        if (broker.isRunning()) {
            broker.stop();
            System.out.println("kafka: stopped");
        }
        if (!external()) {
            EmbeddedPostgres postgres = postgres();
            if (Files.exists(postgres.dataDir().resolve("postmaster.pid"))) {
                postgres.stop();
                System.out.println("postgres: stopped");
            }
        }
    }

    /**
     * Stops (gracefully), kills (SIGKILL, as a crash would) or starts one component, so that a fault can be
     * rehearsed on a laptop: {@code postgres}, {@code kafka} or {@code keycloak}.
     */
    void control(String action, String component) {
        switch (component) {
            case "postgres", "pg" -> {
                if (external()) {
                    throw new IllegalStateException("PostgreSQL is the external server " + env.get("PGHOST")
                            + ": stop and start it where it runs");
                }
                EmbeddedPostgres postgres = postgres();
                switch (action) {
                    case "stop" -> postgres.stop();
                    case "kill" -> postgres.kill();
                    default -> {
                        if (!postgres.isRunning()) {
                            postgres.start();
                        }
                    }
                }
            }
            case "kafka", "broker" -> {
                KafkaBroker broker = broker();
                switch (action) {
                    case "stop" -> broker.stop();
                    case "kill" -> broker.kill();
                    default -> {
                        if (!broker.isRunning()) {
                            broker.start(Duration.ofSeconds(90));
                        }
                    }
                }
            }
            case "keycloak", "identity", "oidc" -> {
                if (externalIssuer()) {
                    throw new IllegalStateException("the identity provider is the external issuer "
                            + env.get("TS_OIDC_ISSUER") + ": stop and start it where it runs");
                }
                Keycloak keycloak = keycloak();
                switch (action) {
                    case "stop" -> keycloak.stop();
                    case "kill" -> keycloak.kill();
                    default -> {
                        if (!keycloak.isRunning()) {
                            keycloak.launch();
                        }
                        awaitKeycloak(keycloak);
                    }
                }
            }
            case "mail", "greenmail", "smtp" -> {
                MailServer mail = mail();
                switch (action) {
                    case "stop", "kill" -> mail.stop();
                    default -> {
                        if (!mail.isRunning()) {
                            mail.start(Duration.ofSeconds(30));
                        }
                    }
                }
            }
            default ->
                throw new IllegalArgumentException(
                        "unknown component " + component + " (postgres, kafka, keycloak, mail, or a service name)");
        }
        System.out.println(component + ": " + action + (action.endsWith("p") ? "ped" : "ed"));
    }

    /** Deletes what lives outside the suite's home (a root user's relocated PostgreSQL, see EmbeddedPostgres). */
    void wipe() {
        if (!external()) {
            postgres().deleteRelocated();
        }
    }

    void status() {
        Keycloak keycloak = keycloak();
        if (keycloak.isRunning()) {
            System.out.println("keycloak  running  " + keycloak.issuer());
        } else if (externalIssuer()) {
            System.out.println("keycloak  external issuer " + env.get("TS_OIDC_ISSUER"));
        } else if (writtenIssuer()
                .filter(issuer -> !issuer.equals(keycloak.issuer()))
                .isPresent()) {
            System.out.println("keycloak  external issuer " + writtenIssuer().get());
        } else {
            System.out.println("keycloak  stopped");
        }
        KafkaBroker broker = broker();
        System.out.println("kafka     " + (broker.isRunning() ? "running  " + broker.bootstrapServers() : "stopped"));
        MailServer mail = mail();
        System.out.println("mail      "
                + (mail.isRunning()
                        ? "running  SMTP 127.0.0.1:" + mail.smtpPort() + ", IMAP 127.0.0.1:" + mail.imapPort()
                        : "stopped"));
        if (external()) {
            System.out.println("postgres  external " + env.get("PGHOST"));
        } else {
            EmbeddedPostgres postgres = postgres();
            System.out.println(
                    "postgres  " + (postgres.isRunning() ? "running  127.0.0.1:" + postgres.port() : "stopped"));
        }
    }

    private boolean external() {
        return env.get("PGHOST") != null && !env.get("PGHOST").isBlank();
    }

    /** The issuer the last {@code up} gave the services, from infra.env. */
    private java.util.Optional<String> writtenIssuer() {
        try {
            Path file = home.resolve("infra.env");
            return !Files.exists(file)
                    ? java.util.Optional.empty()
                    : Files.readAllLines(file).stream()
                            .filter(line -> line.startsWith("TS_OIDC_ISSUER="))
                            .map(line -> line.substring("TS_OIDC_ISSUER=".length()))
                            .findFirst();
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    private boolean externalIssuer() {
        return env.get("TS_OIDC_ISSUER") != null && !env.get("TS_OIDC_ISSUER").isBlank();
    }

    private Keycloak keycloak() {
        return new Keycloak(
                        home.resolve("keycloak"),
                        intEnv("TS_KEYCLOAK_PORT", 8180),
                        intEnv("TS_KEYCLOAK_MANAGEMENT_PORT", 9180))
                .logFile(home.resolve("logs").resolve("keycloak.log"))
                .detached();
    }

    private MailServer mail() {
        return new MailServer(
                        home.resolve("mail"),
                        intEnv("TS_SMTP_PORT", 3025),
                        intEnv("TS_IMAP_PORT", 3143),
                        intEnv("TS_MAIL_API_PORT", 8025))
                .detached();
    }

    private EmbeddedPostgres postgres() {
        return new EmbeddedPostgres(home.resolve("pg"), intEnv("TS_PG_PORT", 55432));
    }

    private KafkaBroker broker() {
        return new KafkaBroker(
                        home.resolve("kafka"),
                        intEnv("TS_KAFKA_PORT", 9092),
                        intEnv("TS_KAFKA_CONTROLLER_PORT", 9093),
                        "512m")
                .detached();
    }

    private int intEnv(String name, int fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }
}
