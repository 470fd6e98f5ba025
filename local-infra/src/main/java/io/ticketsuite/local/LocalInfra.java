package io.ticketsuite.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The infrastructure half of {@code ./suite}: {@code up|down|status <home> [database ...]}. Starts the embedded
 * PostgreSQL (or uses the external server named by PGHOST/PGPORT/PGUSER/PGPASSWORD) and the Kafka broker,
 * creates the databases and topics, and writes {@code <home>/infra.env} for the services.
 *
 * <p>Ports: TS_KAFKA_PORT (9092), TS_KAFKA_CONTROLLER_PORT (9093), TS_PG_PORT (55432).
 */
public final class LocalInfra {
    private final Path home;
    private final Map<String, String> env;

    LocalInfra(Path home, Map<String, String> env) {
        this.home = home.toAbsolutePath();
        this.env = env;
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: LocalInfra up|down|status <home> [database ...]");
            System.exit(2);
        }
        LocalInfra infra = new LocalInfra(Path.of(args[1]), System.getenv());
        List<String> databases = Arrays.asList(args).subList(2, args.length);
        try {
            switch (args[0]) {
                case "up" -> infra.up(databases);
                case "down" -> infra.down();
                case "status" -> infra.status();
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
        Files.writeString(
                home.resolve("infra.env"),
                String.join(
                        "\n",
                        "TS_KAFKA_BOOTSTRAP=" + broker.bootstrapServers(),
                        "TS_PG_HOST=" + pgHost,
                        "TS_PG_PORT=" + pgPort,
                        "TS_PG_USER=" + pgUser,
                        "TS_PG_PASSWORD=" + pgPassword,
                        ""));
    }

    void down() {
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

    void status() {
        KafkaBroker broker = broker();
        System.out.println("kafka     " + (broker.isRunning() ? "running  " + broker.bootstrapServers() : "stopped"));
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
