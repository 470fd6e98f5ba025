package io.ticketsuite.bench;

import io.ticketsuite.events.CloudEventHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Sustained load on a running suite: posts tickets at a fixed rate for a while and measures, per ticket, the
 * time from the POST to its {@code ticket.assigned} on routing-events (created → triaged → assigned across
 * three services and two hops of outbox + broker). A rate is sustained when every ticket is assigned within
 * a short drain after the run and the p99 stays bounded (no growing backlog).
 *
 * <p>Arguments: {@code url bootstrap seconds rate [rate …]}. Tickets are created as a channel would:
 * {@code Authorization: Bearer $(./suite token channel)}.
 */
public final class SuiteLoad {
    private static final String BODY = """
            {"subject": "%s", "description": "%s", "type": "SUPPORT", "channel": "api",
             "customer": {"id": "load-%d", "email": "load-%d@example.com", "tier": "%s", "language": "en"}}""";
    private static final String[][] TEXTS = {
        {"I was charged twice on my invoice", "Please refund the duplicate payment."},
        {"The app crashes with an error", "Since the update the reports page is broken."},
        {"I cannot log in", "The password reset email never arrives."},
        {"Can I export dashboards to PDF?", "We would like this feature."},
        {"Webhook calls fail", "Our API integration cannot connect any more."},
        {"Our account was hacked", "Possible security breach, data may be exposed."}
    };
    private static final String[] TIERS = {"ENTERPRISE", "PROFESSIONAL", "STARTER", "FREE"};

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String bootstrap = args[1];
        int seconds = Integer.parseInt(args[2]);
        Tokens.channel(); // fails at once when no token can be had
        Watcher watcher = new Watcher(bootstrap);
        watcher.start();
        Thread.sleep(1000);
        System.out.printf(
                "%-8s %-9s %-9s %-10s %-10s %-10s %s%n",
                "rate/s", "posted", "assigned", "p50 ms", "p99 ms", "max ms", "verdict");
        // warm-up (not reported): JIT, connection pools and consumer groups settle first
        int warmup = Integer.getInteger("bench.warmup", 30);
        if (warmup > 0) {
            run(url, watcher, 5, warmup);
        }
        for (int a = 3; a < args.length; a++) {
            int rate = Integer.parseInt(args[a]);
            Result r = run(url, watcher, rate, seconds);
            System.out.printf(
                    "%-8d %-9d %-9d %-10d %-10d %-10d %s%n",
                    rate,
                    r.posted(),
                    r.assigned(),
                    r.p50(),
                    r.p99(),
                    r.max(),
                    r.sustained() ? "sustained" : "NOT sustained (backlog or failures)");
        }
        watcher.running = false;
    }

    record Result(int posted, int assigned, long p50, long p99, long max, boolean sustained) {}

    private static Result run(String url, Watcher watcher, int rate, int seconds) throws Exception {
        Map<String, Long> postedAt = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(64);
        Semaphore inflight = new Semaphore(256);
        AtomicInteger counter = new AtomicInteger();
        long start = System.nanoTime();
        long total = (long) rate * seconds;
        for (long i = 0; i < total; i++) {
            long due = start + (long) (i * 1e9 / rate);
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            inflight.acquire();
            int n = counter.incrementAndGet();
            pool.execute(() -> {
                try {
                    String[] text = TEXTS[n % TEXTS.length];
                    long t0 = System.nanoTime();
                    Post.Answer response = Post.json(
                            url + "/api/v1/tickets",
                            BODY.formatted(text[0], text[1], n, n, TIERS[n % TIERS.length]),
                            Tokens.channel());
                    if (response.status() == 201) {
                        String body = response.body();
                        int at = body.indexOf("\"id\":\"") + 6;
                        postedAt.put(body.substring(at, at + 36), t0);
                    }
                } catch (Exception e) {
                    System.err.println("request failed: " + e);
                } finally {
                    inflight.release();
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(2, java.util.concurrent.TimeUnit.MINUTES);
        long drainDeadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!watcher.assignedAt.keySet().containsAll(postedAt.keySet()) && System.nanoTime() < drainDeadline) {
            Thread.sleep(100);
        }
        Histogram latency = createdToAssigned(postedAt, watcher.assignedAt);
        int assigned = (int) latency.getTotalCount();
        boolean sustained =
                assigned == postedAt.size() && postedAt.size() == total && latency.getValueAtPercentile(99) < 5_000;
        return new Result(
                postedAt.size(),
                assigned,
                latency.getValueAtPercentile(50),
                latency.getValueAtPercentile(99),
                latency.getMaxValue(),
                sustained);
    }

    /** Milliseconds from each ticket's POST to its ticket.assigned, for the tickets assigned (nanoTime stamps). */
    static Histogram createdToAssigned(Map<String, Long> postedAt, Map<String, Long> assignedAt) {
        Histogram latency = new Histogram(3);
        postedAt.forEach((ticket, posted) -> {
            Long at = assignedAt.get(ticket);
            if (at != null) {
                latency.recordValue(Math.max(0, (at - posted) / 1_000_000));
            }
        });
        return latency;
    }

    /** Notes when each ticket.assigned arrives on routing-events. */
    static final class Watcher extends Thread {
        final Map<String, Long> assignedAt = new ConcurrentHashMap<>();
        private final KafkaConsumer<String, String> consumer;
        volatile boolean running = true;

        Watcher(String bootstrap) {
            Properties props = new Properties();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            consumer = new KafkaConsumer<>(props);
            setDaemon(true);
        }

        @Override
        public void run() {
            List<TopicPartition> partitions = consumer.partitionsFor("routing-events").stream()
                    .map(p -> new TopicPartition("routing-events", p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            while (running) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(50))) {
                    Header type = record.headers().lastHeader(CloudEventHeaders.TYPE);
                    if (type != null && "ticket.assigned".equals(new String(type.value(), StandardCharsets.UTF_8))) {
                        assignedAt.putIfAbsent(record.key(), System.nanoTime());
                    }
                }
            }
            consumer.close();
        }
    }

    private SuiteLoad() {}
}
