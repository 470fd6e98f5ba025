package io.ticketsuite.local;

import io.ticketsuite.events.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * A real single-node Kafka broker in KRaft mode (combined broker + controller), run as its own JVM from the
 * Maven Central jars: format the log dir once, start, wait until it answers, create the suite's topics.
 */
public final class KafkaBroker {
    private final Path home;
    private final int port;
    private final int controllerPort;
    private final String heap;
    private boolean detached;
    private Process process;
    private int saslPort;
    private final Map<String, String> scramUsers = new java.util.LinkedHashMap<>();

    public KafkaBroker(Path home, int port, int controllerPort, String heap) {
        this.home = home.toAbsolutePath();
        this.port = port;
        this.controllerPort = controllerPort;
        this.heap = heap;
    }

    /**
     * Runs the broker in a session of its own, so it outlives the launching process and its terminal (for
     * {@code ./suite}); tests keep it attached so it ends with them.
     */
    public KafkaBroker detached() {
        this.detached = true;
        return this;
    }

    /**
     * Opts in to a second listener, {@code SASL_PLAINTEXT} with SCRAM-SHA-512 on {@code saslPort}, for clients that
     * must authenticate (as against a Strimzi SCRAM listener). The users are created when the log dir is formatted
     * ({@code kafka-storage format --add-scram}, as KRaft requires), so call this before the first {@link #start}.
     * The plaintext listener stays for the broker's own use and the admin client.
     */
    public KafkaBroker withScramListener(int saslPort, Map<String, String> usersAndPasswords) {
        this.saslPort = saslPort;
        this.scramUsers.putAll(usersAndPasswords);
        return this;
    }

    /** The SASL/SCRAM listener's address (see {@link #withScramListener}). */
    public String saslBootstrapServers() {
        if (saslPort == 0) {
            throw new IllegalStateException("no SASL listener: call withScramListener before start");
        }
        return "127.0.0.1:" + saslPort;
    }

    /** The client configuration that authenticates to the SASL listener as {@code user}. */
    public static Map<String, String> scramClientConfig(String user, String password) {
        return Map.of(
                "security.protocol",
                "SASL_PLAINTEXT",
                "sasl.mechanism",
                SCRAM_MECHANISM,
                "sasl.jaas.config",
                "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\""
                        + password + "\";");
    }

    private static final String SCRAM_MECHANISM = "SCRAM-SHA-512";

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public Path logFile() {
        return home.resolve("broker.log");
    }

    public Path pidFile() {
        return home.resolve("broker.pid");
    }

    /** Formats (first time only), starts the broker process and waits until it serves requests. */
    public KafkaBroker start(Duration timeout) {
        if (Processes.isListening("127.0.0.1", port)) {
            throw new IllegalStateException("port " + port + " is already taken: cannot start the Kafka broker there "
                    + "(another broker or program listens on it)");
        }
        try {
            Files.createDirectories(home);
            Path config = writeConfig();
            Path log4j = writeLog4j();
            if (!Files.exists(home.resolve("data").resolve("meta.properties"))) {
                List<String> format = new ArrayList<>(List.of(
                        "format", "--standalone", "-t", Uuid.randomUuid().toString(), "-c", config.toString()));
                scramUsers.forEach((user, password) -> format.addAll(
                        List.of("--add-scram", SCRAM_MECHANISM + "=[name=" + user + ",password=" + password + "]")));
                Processes.run(
                        javaCommand(log4j, "kafka.tools.StorageTool", format.toArray(String[]::new)),
                        Duration.ofSeconds(60));
            }
            List<String> command = new ArrayList<>();
            if (detached) {
                command.add("setsid");
            }
            command.addAll(javaCommand(log4j, "kafka.Kafka", config.toString()));
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                    .start();
            Files.writeString(pidFile(), Long.toString(process.pid()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitReady(timeout);
        createTopics();
        return this;
    }

    /** Waits for the port, then for a describeCluster answer. */
    public void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Processes.isListening("127.0.0.1", port)) {
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException(
                        "the Kafka broker exited (code " + process.exitValue() + "); see " + logFile());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "the Kafka broker did not listen on " + port + " within " + timeout + "; see " + logFile());
            }
            Processes.sleep(100);
        }
        try (Admin admin = admin()) {
            while (true) {
                try {
                    admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                    return;
                } catch (Exception e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the Kafka broker did not answer within " + timeout, e);
                    }
                    Processes.sleep(200);
                }
            }
        }
    }

    /** Creates the suite's topics (6 partitions) and the dead-letter topics, if missing. */
    public void createTopics() {
        List<String> names = new ArrayList<>(Topics.ALL);
        names.addAll(Topics.DEAD_LETTER);
        createTopics(bootstrapServers(), names, Topics.PARTITIONS);
    }

    public static void createTopics(String bootstrap, List<String> names, int partitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            for (String name : names) {
                try {
                    admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
                            .all()
                            .get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + name, e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("timed out creating topics", e);
        }
    }

    public Admin admin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
        return Admin.create(props);
    }

    /** Stops the broker process this object started (or the one named in the pid file). */
    public void stop() {
        if (process != null) {
            Processes.stop(process.pid(), Duration.ofSeconds(20));
            process = null;
        } else {
            Processes.readPid(pidFile()).ifPresent(pid -> Processes.stop(pid, Duration.ofSeconds(20)));
        }
        try {
            Files.deleteIfExists(pidFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kills the broker at once, as a crash would. */
    public void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        } else {
            Processes.readPid(pidFile()).flatMap(ProcessHandle::of).ifPresent(handle -> {
                handle.destroyForcibly();
                handle.onExit()
                        .orTimeout(10, TimeUnit.SECONDS)
                        .exceptionally(e -> null)
                        .join();
            });
        }
    }

    public boolean isRunning() {
        return process != null
                ? process.isAlive()
                : Processes.readPid(pidFile()).map(Processes::isAlive).orElse(false);
    }

    private List<String> javaCommand(Path log4j, String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Processes.javaExecutable(),
                "-Xms128m",
                "-Xmx" + heap,
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + log4j,
                "-Dkafka.logs.dir=" + home,
                "-cp",
                Processes.infraClasspath().stream().collect(Collectors.joining(java.io.File.pathSeparator)),
                mainClass));
        command.addAll(List.of(args));
        return command;
    }

    private Path writeConfig() throws IOException {
        String saslListener = saslPort == 0 ? "" : ",SASL_PLAINTEXT://127.0.0.1:" + saslPort;
        String config = String.join(
                "\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.bootstrap.servers=127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort + saslListener,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port + saslListener,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT",
                saslPort == 0 ? "" : "sasl.enabled.mechanisms=" + SCRAM_MECHANISM,
                saslPort == 0
                        ? ""
                        : "listener.name.sasl_plaintext." + SCRAM_MECHANISM.toLowerCase(java.util.Locale.ROOT)
                                + ".sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;",
                "log.dirs=" + home.resolve("data"),
                "num.partitions=" + Topics.PARTITIONS,
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=6",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=true",
                "log.retention.hours=168",
                "num.network.threads=2",
                "num.io.threads=4",
                "background.threads=2",
                "");
        Path file = home.resolve("server.properties");
        Files.writeString(file, config);
        return file;
    }

    private Path writeLog4j() throws IOException {
        String config = String.join(
                "\n",
                "status = warn",
                "appender.console.type = Console",
                "appender.console.name = STDOUT",
                "appender.console.layout.type = PatternLayout",
                "appender.console.layout.pattern = [%d] %p %m (%c)%n",
                "rootLogger.level = WARN",
                "rootLogger.appenderRef.stdout.ref = STDOUT",
                "logger.kafka.name = kafka.server.KafkaRaftServer",
                "logger.kafka.level = INFO",
                "");
        Path file = home.resolve("log4j2.properties");
        Files.writeString(file, config);
        return file;
    }
}
