package io.ticketsuite.bench;

import io.ticketsuite.events.CloudEventHeaders;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Loads a running intake-service with wrk (C connections for N seconds, a distinct ticket per request) and reports
 * accepted tickets/s, latency p50/p99 and when the last {@code ticket.created} reached the topic; then, in the
 * same run, the raw baselines: plain JDBC inserts of a ticket + outbox row with C clients, and a plain Kafka
 * producer, so the ratios are visible. After a warm-up ({@code -Dbench.warmup}, seconds), it runs
 * {@code -Dbench.rounds} rounds, each followed by its own baseline (this machine is shared and noisy), and reports
 * the median ratio of min(accepted, published) per second to the JDBC rate. (wrk, in C, leaves the CPU to the
 * service; a Java load generator on the same 2 cores took as much CPU as the service itself.)
 *
 * <p>Arguments: {@code url seconds connections bootstrap pgHost pgPort pgUser}. Tickets are created as a channel
 * would: {@code Authorization: Bearer $(./suite token channel)}, a fresh token for each wrk run.
 */
public final class IntakeLoad {

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int n = Integer.parseInt(args[1]);
        int concurrency = Integer.parseInt(args[2]);
        String bootstrap = args[3];
        String pgUrl = "jdbc:postgresql://" + args[4] + ":" + args[5] + "/postgres";
        String pgUser = args[6];

        String wrk = System.getenv().getOrDefault("WRK", "wrk");
        String script = System.getProperty("bench.script", "bench/post-ticket.lua");
        int warmUp = Integer.getInteger("bench.warmup", 120);
        int rounds = Integer.getInteger("bench.rounds", 3);
        // the JIT needs a while on two shared cores: the first seconds of a fresh JVM run at a fraction of its speed
        System.out.printf("warm-up: %d s of load%n", warmUp);
        runWrk(wrk, script, url, concurrency, warmUp);
        // the baseline runs in this JVM: warm its JDBC path too, so both sides are measured compiled
        jdbcBaseline(pgUrl, pgUser, 20_000, concurrency);

        System.out.printf(
                "%d rounds: %d s of intake load (wrk, %d connections), then the JDBC baseline%n",
                rounds, n, concurrency);
        System.out.println("round  accepted/s  p50       p99       last created  published/s  JDBC rows/s  ratio");
        List<Double> ratios = new ArrayList<>();
        List<Double> publishedRates = new ArrayList<>();
        long errors = 0;
        for (int round = 1; round <= rounds; round++) {
            TopicWatcher watcher = new TopicWatcher(bootstrap, "ticket-events");
            watcher.start();
            long start = System.nanoTime();
            long cpuBefore = cpuNanos();
            WrkResult result = runWrk(wrk, script, url, concurrency, n);
            double benchCores = (cpuNanos() - cpuBefore) / (double) (System.nanoTime() - start);
            long accepted = result.requests() - result.errors();
            errors += result.errors();
            long lastSeen = watcher.awaitCount(accepted, Duration.ofMinutes(3));
            watcher.close();
            double publishSeconds = (lastSeen - start) / 1e9;
            double acceptRate = accepted / result.seconds();
            double publishRate = lastSeen > 0 ? accepted / Math.max(publishSeconds, result.seconds()) : 0;
            double jdbcRate = jdbcBaseline(pgUrl, pgUser, (int) accepted, concurrency);
            double ratio = Math.min(acceptRate, publishRate) / jdbcRate;
            ratios.add(ratio);
            publishedRates.add(publishRate);
            System.out.printf(
                    "%5d  %10.0f  %-8s  %-8s  %10.2f s  %11.0f  %11.0f  %5.2f%s%n",
                    round,
                    acceptRate,
                    result.p50(),
                    result.p99(),
                    publishSeconds,
                    publishRate,
                    jdbcRate,
                    ratio,
                    lastSeen > 0 ? "" : "  (NOT all ticket.created seen)");
            System.out.printf("       (this JVM, watching the topic, used %.2f cores during the load)%n", benchCores);
        }
        double kafkaRate = kafkaBaseline(bootstrap, 20_000);
        System.out.println();
        System.out.printf("errors (non-2xx): %d%n", errors);
        System.out.printf("Kafka producer baseline: %.0f records/s (acks=all)%n", kafkaRate);
        System.out.printf(
                "median accepted+published: %.0f tickets/s; median ratio to the JDBC ticket+outbox baseline: %.2f%n",
                median(publishedRates), median(ratios));
    }

    private static long cpuNanos() {
        return ProcessHandle.current()
                .info()
                .totalCpuDuration()
                .map(Duration::toNanos)
                .orElse(0L);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int mid = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(mid) : (sorted.get(mid - 1) + sorted.get(mid)) / 2;
    }

    record WrkResult(long requests, long errors, double seconds, String p50, String p99) {}

    /** Runs wrk for {@code seconds} and reads its summary. */
    private static WrkResult runWrk(String wrk, String script, String url, int connections, int seconds)
            throws Exception {
        ProcessBuilder builder = new ProcessBuilder(
                        wrk, "-t2", "-c" + connections, "-d" + seconds + "s", "--latency", "-s", script, url)
                .redirectErrorStream(true);
        builder.environment().put("BENCH_TOKEN", Tokens.channel()); // post-ticket.lua sends it as a bearer token
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("wrk failed:\n" + out);
        }
        java.util.regex.Matcher total = java.util.regex.Pattern.compile("(\\d+) requests in ([\\d.]+)(ms|s|m)")
                .matcher(out);
        if (!total.find()) {
            throw new IllegalStateException("cannot read wrk's output:\n" + out);
        }
        double secs = Double.parseDouble(total.group(2))
                * switch (total.group(3)) {
                    case "ms" -> 0.001;
                    case "m" -> 60;
                    default -> 1;
                };
        java.util.regex.Matcher errors = java.util.regex.Pattern.compile("Non-2xx or 3xx responses: (\\d+)")
                .matcher(out);
        long failed = errors.find() ? Long.parseLong(errors.group(1)) : 0;
        return new WrkResult(
                Long.parseLong(total.group(1)), failed, secs, percentile(out, "50%"), percentile(out, "99%"));
    }

    private static String percentile(String wrkOutput, String which) {
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("\\s" + which + "\\s+(\\S+)").matcher(wrkOutput);
        return m.find() ? m.group(1) : "?";
    }

    /** Reads ticket-events from its end, noting when each ticket.created key arrives. */
    static final class TopicWatcher extends Thread implements AutoCloseable {
        private static final byte[] CREATED = "ticket.created".getBytes(StandardCharsets.UTF_8);
        private final KafkaConsumer<String, byte[]> consumer;
        private final String topic;
        private final Map<String, Long> seen = new ConcurrentHashMap<>();
        private final CountDownLatch assigned = new CountDownLatch(1);
        private volatile boolean running = true;

        TopicWatcher(String bootstrap, String topic) {
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            // values are never read: only the key and the type header (keeps this JVM's CPU away from the service)
            props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 200);
            props.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 256 * 1024);
            props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
            this.consumer = new KafkaConsumer<>(props);
            this.topic = topic;
            setDaemon(true);
        }

        @Override
        public synchronized void start() {
            super.start();
            try {
                assigned.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void run() {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            assigned.countDown();
            while (running) {
                var records = consumer.poll(Duration.ofMillis(100));
                long now = System.nanoTime();
                for (ConsumerRecord<String, byte[]> record : records) {
                    Header type = record.headers().lastHeader(CloudEventHeaders.TYPE);
                    if (type != null && java.util.Arrays.equals(type.value(), CREATED)) {
                        seen.putIfAbsent(record.key(), now);
                    }
                }
            }
            consumer.close();
        }

        /** The nanoTime the {@code count}-th ticket.created was seen, or 0 if fewer arrived in time. */
        long awaitCount(long count, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                if (seen.size() >= count) {
                    return seen.values().stream()
                            .mapToLong(Long::longValue)
                            .max()
                            .orElse(0);
                }
                Thread.sleep(20);
            }
            return 0;
        }

        @Override
        public void close() {
            running = false;
        }
    }

    private static double jdbcBaseline(String pgUrl, String user, int n, int concurrency) throws Exception {
        String database = "bench_raw";
        try (Connection admin = DriverManager.getConnection(pgUrl, user, "");
                Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            statement.execute("CREATE DATABASE " + database);
        }
        String url = pgUrl.replace("/postgres", "/" + database);
        try (Connection connection = DriverManager.getConnection(url, user, "");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE ticket (id UUID PRIMARY KEY, type TEXT, channel TEXT, status TEXT,"
                    + " subject TEXT, description TEXT, customer_id TEXT, customer_email TEXT, customer_tier TEXT,"
                    + " customer_language TEXT, tags TEXT[], created_at TIMESTAMPTZ, updated_at TIMESTAMPTZ)");
            statement.execute("CREATE TABLE outbox (id BIGSERIAL PRIMARY KEY, event_id UUID UNIQUE, topic TEXT,"
                    + " message_key TEXT, event_type TEXT, headers TEXT, payload TEXT,"
                    + " created_at TIMESTAMPTZ DEFAULT now(), sent_at TIMESTAMPTZ)");
        }
        AtomicInteger next = new AtomicInteger();
        AtomicLong done = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        List<Future<?>> futures = new ArrayList<>();
        long start = System.nanoTime();
        for (int t = 0; t < concurrency; t++) {
            futures.add(pool.submit(() -> {
                try (Connection connection = DriverManager.getConnection(url, user, "");
                        PreparedStatement ticket = connection.prepareStatement("INSERT INTO ticket VALUES"
                                + " (?, 'SUPPORT', 'API', 'NEW', ?, ?, 'bench', 'bench@example.com', 'PROFESSIONAL',"
                                + " 'en', ARRAY['bench'], now(), now())");
                        PreparedStatement outbox = connection.prepareStatement("INSERT INTO outbox (event_id, topic,"
                                + " message_key, event_type, headers, payload) VALUES (?, 'ticket-events', ?,"
                                + " 'ticket.created', ?, ?)")) {
                    connection.setAutoCommit(false);
                    while (next.getAndIncrement() < n) {
                        UUID id = UUID.randomUUID();
                        ticket.setObject(1, id);
                        ticket.setString(2, "Cannot export invoices since the upgrade");
                        ticket.setString(3, "Since this morning the export button fails for all users.");
                        ticket.executeUpdate();
                        outbox.setObject(1, UUID.randomUUID());
                        outbox.setString(2, id.toString());
                        outbox.setString(3, "{\"ce_type\":\"ticket.created\",\"ce_id\":\"" + id + "\"}");
                        outbox.setString(4, "x".repeat(600));
                        outbox.executeUpdate();
                        connection.commit();
                        done.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();
        double rate = done.get() / ((System.nanoTime() - start) / 1e9);
        try (Connection admin = DriverManager.getConnection(pgUrl, user, "");
                Statement statement = admin.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
        return rate;
    }

    private static double kafkaBaseline(String bootstrap, int n) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        String payload = "x".repeat(600);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
            long start = System.nanoTime();
            List<Future<RecordMetadata>> acks = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                acks.add(producer.send(
                        new ProducerRecord<>("bench-raw", UUID.randomUUID().toString(), payload)));
            }
            for (Future<RecordMetadata> ack : acks) {
                ack.get();
            }
            return n / ((System.nanoTime() - start) / 1e9);
        }
    }

    private IntakeLoad() {}
}
