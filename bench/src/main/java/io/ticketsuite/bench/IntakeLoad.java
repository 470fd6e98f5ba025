package io.ticketsuite.bench;

import io.ticketsuite.events.CloudEventHeaders;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Posts N tickets with C concurrent clients to a running intake-service and reports accepted tickets/s, latency
 * p50/p99 and when the last {@code ticket.created} reached the topic; then, in the same run, the raw baselines:
 * plain JDBC inserts of a ticket + outbox row, and a plain Kafka producer, so the ratios are visible.
 *
 * <p>Arguments: {@code url n concurrency bootstrap pgHost pgPort pgUser}.
 */
public final class IntakeLoad {
    private static final String BODY = """
            {"subject": "Cannot export invoices since the upgrade %s",
             "description": "Since this morning the export button fails with an error for all users of our team.",
             "type": "SUPPORT", "channel": "api",
             "customer": {"id": "bench-%d", "email": "bench@example.com", "tier": "PROFESSIONAL", "language": "en"},
             "tags": ["bench"]}""";

    public static void main(String[] args) throws Exception {
        String url = args[0];
        int n = Integer.parseInt(args[1]);
        int concurrency = Integer.parseInt(args[2]);
        String bootstrap = args[3];
        String pgUrl = "jdbc:postgresql://" + args[4] + ":" + args[5] + "/postgres";
        String pgUser = args[6];

        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        System.out.printf("warm-up: %d tickets%n", Math.min(1000, n / 5));
        post(http, url, Math.min(1000, n / 5), concurrency, new ConcurrentHistogram(3), ConcurrentHashMap.newKeySet());

        TopicWatcher watcher = new TopicWatcher(bootstrap, "ticket-events");
        watcher.start();
        Set<String> ids = ConcurrentHashMap.newKeySet();
        Histogram latency = new ConcurrentHistogram(3);
        long start = System.nanoTime();
        int accepted = post(http, url, n, concurrency, latency, ids);
        double acceptSeconds = (System.nanoTime() - start) / 1e9;
        long lastSeen = watcher.awaitAll(ids, Duration.ofMinutes(3));
        double publishSeconds = (lastSeen - start) / 1e9;
        watcher.close();

        double jdbcRate = jdbcBaseline(pgUrl, pgUser, n, concurrency);
        double kafkaRate = kafkaBaseline(bootstrap, n);

        double acceptRate = accepted / acceptSeconds;
        double publishRate = lastSeen > 0 ? accepted / publishSeconds : 0;
        System.out.println();
        System.out.printf("intake: %d tickets, %d clients%n", n, concurrency);
        System.out.printf("  accepted            %8.0f tickets/s  (%d of %d answered 201)%n", acceptRate, accepted, n);
        System.out.printf(
                "  latency             p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                latency.getValueAtPercentile(50) / 1000.0,
                latency.getValueAtPercentile(99) / 1000.0,
                latency.getMaxValue() / 1000.0);
        System.out.printf(
                "  last ticket.created %8.2f s after the first POST (%s)%n",
                publishSeconds, lastSeen > 0 ? "all " + ids.size() + " on the topic" : "NOT all seen");
        System.out.printf("  accepted+published  %8.0f tickets/s%n", publishRate);
        System.out.printf("raw baselines (same run)%n");
        System.out.printf(
                "  JDBC ticket+outbox  %8.0f rows/s (%d clients, one transaction each)%n", jdbcRate, concurrency);
        System.out.printf("  Kafka producer      %8.0f records/s (acks=all)%n", kafkaRate);
        double baseline = Math.min(jdbcRate, kafkaRate);
        System.out.printf("ratio accepted+published / min(baselines) = %.2f%n", publishRate / baseline);
    }

    private static int post(HttpClient http, String url, int n, int concurrency, Histogram latency, Set<String> ids)
            throws Exception {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger accepted = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(concurrency);
        List<Future<?>> futures = new ArrayList<>();
        String run = UUID.randomUUID().toString().substring(0, 8);
        for (int t = 0; t < concurrency; t++) {
            futures.add(pool.submit(() -> {
                int i;
                while ((i = next.getAndIncrement()) < n) {
                    HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/api/v1/tickets"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(BODY.formatted(run + "-" + i, i % 500)))
                            .build();
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                        latency.recordValue((System.nanoTime() - t0) / 1000);
                        if (response.statusCode() == 201) {
                            accepted.incrementAndGet();
                            String body = response.body();
                            int at = body.indexOf("\"id\":\"") + 6;
                            ids.add(body.substring(at, at + 36));
                        }
                    } catch (Exception e) {
                        System.err.println("request failed: " + e);
                    }
                }
                return null;
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();
        return accepted.get();
    }

    /** Reads ticket-events from its end, noting when each ticket.created key arrives. */
    static final class TopicWatcher extends Thread implements AutoCloseable {
        private final KafkaConsumer<String, String> consumer;
        private final String topic;
        private final Map<String, Long> seen = new ConcurrentHashMap<>();
        private final CountDownLatch assigned = new CountDownLatch(1);
        private volatile boolean running = true;

        TopicWatcher(String bootstrap, String topic) {
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
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
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                    Header type = record.headers().lastHeader(CloudEventHeaders.TYPE);
                    if (type != null && "ticket.created".equals(new String(type.value(), StandardCharsets.UTF_8))) {
                        seen.putIfAbsent(record.key(), System.nanoTime());
                    }
                }
            }
            consumer.close();
        }

        /** The nanoTime the last of these ids was seen, or 0 if not all arrived in time. */
        long awaitAll(Set<String> ids, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                if (seen.keySet().containsAll(ids)) {
                    return ids.stream().mapToLong(seen::get).max().orElse(0);
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
