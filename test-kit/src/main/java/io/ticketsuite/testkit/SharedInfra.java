package io.ticketsuite.testkit;

import io.ticketsuite.local.EmbeddedPostgres;
import io.ticketsuite.local.KafkaBroker;
import io.ticketsuite.local.Processes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * The broker and PostgreSQL server of a test JVM: the ones named by environment variables
 * ({@code TS_TEST_KAFKA_BOOTSTRAP}; {@code TS_TEST_PG_HOST}, {@code TS_TEST_PG_PORT}, {@code TS_TEST_PG_USER},
 * {@code TS_TEST_PG_PASSWORD}) or else private ones started on free ports and stopped when the JVM exits.
 * Never the running suite's: tests get their own databases, {@code <service>_test_<random>}.
 */
public final class SharedInfra {
    private static KafkaBroker broker;
    private static String bootstrap;
    private static Pg pg;

    /** Where a PostgreSQL server is. */
    public record Pg(String host, int port, String user, String password) {
        public String jdbcUrl(String database) {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }

        public String reactiveUrl(String database) {
            return "postgresql://" + host + ":" + port + "/" + database;
        }
    }

    private SharedInfra() {}

    public static synchronized String kafkaBootstrap() {
        if (bootstrap != null) {
            return bootstrap;
        }
        String external = System.getenv("TS_TEST_KAFKA_BOOTSTRAP");
        if (external != null && !external.isBlank()) {
            bootstrap = external;
            KafkaBroker.createTopics(bootstrap, allTopics(), io.ticketsuite.events.Topics.PARTITIONS);
            return bootstrap;
        }
        broker = new KafkaBroker(tempDir("ts-test-kafka"), Processes.freePort(), Processes.freePort(), "512m");
        broker.start(Duration.ofSeconds(90));
        Runtime.getRuntime().addShutdownHook(new Thread(broker::stop));
        bootstrap = broker.bootstrapServers();
        System.err.println("test infrastructure: started a Kafka broker (KRaft) at " + bootstrap);
        return bootstrap;
    }

    /** The broker this JVM started, for tests that stop and restart it; empty when an external one is used. */
    public static synchronized java.util.Optional<KafkaBroker> ownBroker() {
        kafkaBootstrap();
        return java.util.Optional.ofNullable(broker);
    }

    public static synchronized Pg postgres() {
        if (pg != null) {
            return pg;
        }
        String host = System.getenv("TS_TEST_PG_HOST");
        if (host != null && !host.isBlank()) {
            pg = new Pg(
                    host,
                    Integer.parseInt(System.getenv().getOrDefault("TS_TEST_PG_PORT", "5432")),
                    System.getenv().getOrDefault("TS_TEST_PG_USER", "postgres"),
                    System.getenv().getOrDefault("TS_TEST_PG_PASSWORD", ""));
            return pg;
        }
        Path home = tempDir("ts-test-pg");
        Path dist = Path.of(System.getProperty("java.io.tmpdir"), "ticketsuite-pg-dist");
        EmbeddedPostgres server = new EmbeddedPostgres(home, dist, Processes.freePort()).start();
        embedded = server;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            Processes.run(List.of("rm", "-rf", home.toString()), Duration.ofSeconds(30));
        }));
        pg = new Pg("127.0.0.1", server.port(), EmbeddedPostgres.USER, "");
        System.err.println("test infrastructure: started an embedded PostgreSQL on 127.0.0.1:" + server.port());
        return pg;
    }

    private static EmbeddedPostgres embedded;

    /** Stops this JVM's embedded PostgreSQL (fast shutdown: sessions are cut), for fault tests. */
    public static synchronized void stopPostgres() {
        ownPostgres().stop();
    }

    /** Starts this JVM's embedded PostgreSQL again on the same port and data. */
    public static synchronized void startPostgres() {
        ownPostgres().start();
    }

    private static EmbeddedPostgres ownPostgres() {
        postgres();
        if (embedded == null) {
            throw new IllegalStateException(
                    "the tests use an external PostgreSQL (TS_TEST_PG_HOST): it cannot be" + " stopped from here");
        }
        return embedded;
    }

    /** Creates a fresh database {@code <prefix>_test_<random>} and returns its name. */
    public static String createDatabase(String prefix) {
        Pg server = postgres();
        String name = prefix.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_") + "_test_"
                + UUID.randomUUID().toString().substring(0, 8);
        EmbeddedPostgres.createDatabases(server.jdbcUrl("postgres"), server.user(), server.password(), List.of(name));
        return name;
    }

    public static void dropDatabase(String name) {
        Pg server = postgres();
        EmbeddedPostgres.dropDatabase(server.jdbcUrl("postgres"), server.user(), server.password(), name);
    }

    private static List<String> allTopics() {
        java.util.ArrayList<String> names = new java.util.ArrayList<>(io.ticketsuite.events.Topics.ALL);
        names.addAll(io.ticketsuite.events.Topics.DEAD_LETTER);
        return names;
    }

    private static Path tempDir(String prefix) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            dir.toFile().setExecutable(true, false);
            dir.toFile().setReadable(true, false);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
