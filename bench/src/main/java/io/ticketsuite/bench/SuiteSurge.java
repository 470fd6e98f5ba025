package io.ticketsuite.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * A surge through the whole running suite: {@code count} tickets with real ticket texts posted by {@code clients}
 * concurrent channel clients as fast as intake accepts them, then timed until the pipeline is drained — every ticket
 * assigned on routing-events, every consumer group of every service caught up with its topics and every outbox
 * empty (so triage, routing, sla, notification and reporting have all done their part). Reported with the CPU each
 * process of the suite used over the surge (from {@code /proc}), the database's commits per ticket, and a baseline
 * measured in the same run: raw PostgreSQL single-row transactions from as many clients.
 *
 * <p>Arguments: {@code url bootstrap pg-host pg-port pg-user texts.jsonl count clients}.
 */
public final class SuiteSurge {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] TIERS = {"ENTERPRISE", "PROFESSIONAL", "STARTER", "FREE"};

    public static void main(String[] args) throws Exception {
        String url = args[0];
        String bootstrap = args[1];
        String pgUrl = "jdbc:postgresql://" + args[2] + ":" + args[3] + "/";
        String pgUser = args[4];
        List<String[]> texts = texts(Path.of(args[5]));
        int count = Integer.parseInt(args[6]);
        int clients = Integer.parseInt(args[7]);
        String run = Long.toString(System.currentTimeMillis(), 36);

        Tokens.channel(); // fails at once when no token can be had
        SuiteLoad.Watcher watcher = new SuiteLoad.Watcher(bootstrap);
        watcher.start();
        Thread.sleep(1000);

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            // the suite at rest before anything: nothing in flight
            awaitDrained(admin, pgUrl, pgUser, 60_000);
            baseline(pgUrl, pgUser, clients);

            long commitsBefore = commits(pgUrl, pgUser);
            Map<String, Procs.Usage> before = Procs.snapshot();
            Map<String, Long> postedAt = new ConcurrentHashMap<>();
            AtomicInteger next = new AtomicInteger();
            AtomicInteger refused = new AtomicInteger();
            AtomicLong lastPost = new AtomicLong();
            CountDownLatch done = new CountDownLatch(clients);
            long start = System.nanoTime();
            for (int c = 0; c < clients; c++) {
                Thread client = new Thread(() -> {
                    try {
                        for (int n = next.getAndIncrement(); n < count; n = next.getAndIncrement()) {
                            ObjectNode body = ticket(
                                    texts.get(n % texts.size()), "surge-" + run + "-" + n, TIERS[n % TIERS.length]);
                            long t0 = System.nanoTime();
                            try {
                                Post.Answer answer =
                                        Post.json(url + "/api/v1/tickets", body.toString(), Tokens.channel());
                                if (answer.status() == 201) {
                                    postedAt.put(
                                            JSON.readTree(answer.body())
                                                    .get("id")
                                                    .asText(),
                                            t0);
                                } else {
                                    refused.incrementAndGet();
                                    System.err.println("refused: " + answer.status() + " " + answer.body());
                                }
                            } catch (Exception e) {
                                refused.incrementAndGet();
                                System.err.println("request failed: " + e);
                            }
                            lastPost.accumulateAndGet(System.nanoTime(), Math::max);
                        }
                    } finally {
                        done.countDown();
                    }
                });
                client.start();
            }
            done.await();
            double acceptSeconds = (lastPost.get() - start) / 1e9;
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(15);
            while (!watcher.assignedAt.keySet().containsAll(postedAt.keySet()) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            long assignedEnd = watcher.assignedAt.entrySet().stream()
                    .filter(e -> postedAt.containsKey(e.getKey()))
                    .mapToLong(Map.Entry::getValue)
                    .max()
                    .orElse(System.nanoTime());
            long drainedAt = awaitDrained(admin, pgUrl, pgUser, 15 * 60_000);
            Map<String, Procs.Usage> after = Procs.snapshot();
            Thread.sleep(1500); // PostgreSQL's statistics are flushed about once a second
            long commits = commits(pgUrl, pgUser) - commitsBefore;

            Histogram latency = SuiteLoad.createdToAssigned(postedAt, watcher.assignedAt);
            long assigned = latency.getTotalCount();
            int accepted = postedAt.size();
            double drainSeconds = (drainedAt - start) / 1e9;
            System.out.printf(
                    "surge: %d tickets, %d clients: accepted %d (%d refused) in %.1f s = %.0f/s%n",
                    count, clients, accepted, refused.get(), acceptSeconds, accepted / acceptSeconds);
            System.out.printf(
                    "       all assigned after %.1f s, pipeline drained (every group caught up, every outbox empty)"
                            + " after %.1f s = %.1f tickets/s%n",
                    (assignedEnd - start) / 1e9, drainSeconds, accepted / drainSeconds);
            System.out.printf(
                    "       created -> assigned: %d of %d, p50 %d ms, p99 %d ms, max %d ms%n",
                    assigned,
                    accepted,
                    latency.getValueAtPercentile(50),
                    latency.getValueAtPercentile(99),
                    latency.getMaxValue());
            System.out.printf(
                    "       PostgreSQL commits: %d = %.1f per ticket%n", commits, commits / (double) accepted);
            System.out.printf("%-22s %10s %12s %10s%n", "CPU over the surge", "ms", "ms/ticket", "RSS MiB");
            double total = 0;
            for (var used : Procs.cpuBetween(before, after).entrySet()) {
                total += used.getValue();
                System.out.printf(
                        "  %-20s %10.0f %12.1f %10d%n",
                        used.getKey(),
                        used.getValue(),
                        used.getValue() / accepted,
                        after.get(used.getKey()).rssKib() / 1024);
            }
            System.out.printf("  %-20s %10.0f %12.1f%n", "suite total", total, total / accepted);
        }
        watcher.running = false;
    }

    /** The body of a SUPPORT ticket posted through the API: one text of {@link #texts}, a customer of its own. */
    static ObjectNode ticket(String[] text, String customer, String tier) {
        ObjectNode body = JSON.createObjectNode()
                .put("subject", text[0])
                .put("description", text[1])
                .put("type", "SUPPORT")
                .put("channel", "api");
        body.putObject("customer")
                .put("id", customer)
                .put("email", customer + "@example.com")
                .put("tier", tier)
                .put("language", "en");
        return body;
    }

    /**
     * Subject, body, labelled category and priority of each row of a JSON-lines file of tickets (triage's dev set: read
     * at run time, never copied).
     */
    static List<String[]> texts(Path file) throws Exception {
        List<String[]> texts = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (!line.isBlank()) {
                JsonNode row = JSON.readTree(line);
                String subject = row.path("subject").asText("");
                texts.add(new String[] {
                    subject.isBlank() ? "Support request" : subject,
                    row.path("body").asText(""),
                    row.path("expected_category").asText("general"),
                    row.path("expected_priority").asText("P3")
                });
            }
        }
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("no ticket texts in " + file);
        }
        return texts;
    }

    /**
     * Waits until every consumer group has committed up to the end of every partition it reads and every service's
     * outbox is empty, twice in a row 200 ms apart; returns when that was first seen.
     */
    private static long awaitDrained(Admin admin, String pgUrl, String pgUser, long timeoutMillis) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        long firstQuiet = 0;
        while (System.currentTimeMillis() < deadline) {
            long now = System.nanoTime();
            if (lag(admin) == 0 && outboxBacklog(pgUrl, pgUser) == 0) {
                if (firstQuiet != 0) {
                    return firstQuiet;
                }
                firstQuiet = now;
            } else {
                firstQuiet = 0;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the pipeline did not drain within " + timeoutMillis + " ms");
    }

    /** Records not yet committed by the consumer groups, summed over every group and partition (dead letters aside). */
    private static long lag(Admin admin) throws Exception {
        long lag = 0;
        for (ConsumerGroupListing group : admin.listConsumerGroups().all().get()) {
            Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
            admin.listConsumerGroupOffsets(group.groupId())
                    .partitionsToOffsetAndMetadata()
                    .get()
                    .forEach((tp, at) -> {
                        if (at != null && !tp.topic().startsWith("dead-letter")) {
                            committed.put(tp, at);
                        }
                    });
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
            for (var end : admin.listOffsets(latest).all().get().entrySet()) {
                lag += end.getValue().offset() - committed.get(end.getKey()).offset();
            }
        }
        return lag;
    }

    private static long outboxBacklog(String pgUrl, String pgUser) throws SQLException {
        long backlog = 0;
        for (String db : databases(pgUrl, pgUser)) {
            try (Connection c = DriverManager.getConnection(pgUrl + db, SuitePostgres.props(pgUser));
                    Statement s = c.createStatement();
                    ResultSet rs =
                            s.executeQuery("SELECT count(*) FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL")) {
                rs.next();
                backlog += rs.getLong(1);
            } catch (SQLException noOutbox) {
                // a database without an outbox (a test's leftovers, Keycloak's)
            }
        }
        return backlog;
    }

    private static List<String> databases(String pgUrl, String pgUser) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(pgUrl + "postgres", SuitePostgres.props(pgUser));
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT datname FROM pg_database WHERE datname NOT LIKE 'template%'"
                        + " AND datname NOT IN ('postgres', 'bench_baseline')")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    private static long commits(String pgUrl, String pgUser) throws SQLException {
        try (Connection c = DriverManager.getConnection(pgUrl + "postgres", SuitePostgres.props(pgUser));
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT sum(xact_commit) FROM pg_stat_database")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * What this machine's PostgreSQL does without the suite's code: {@code clients} connections each committing
     * single-row inserts for five seconds — the rate and the database CPU per transaction the suite's own commits
     * compare to.
     */
    private static void baseline(String pgUrl, String pgUser, int clients) throws Exception {
        try (Connection c = DriverManager.getConnection(pgUrl + "postgres", SuitePostgres.props(pgUser));
                Statement s = c.createStatement()) {
            ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = 'bench_baseline'");
            if (!rs.next()) {
                s.execute("CREATE DATABASE bench_baseline");
            }
        }
        try (Connection c = DriverManager.getConnection(pgUrl + "bench_baseline", SuitePostgres.props(pgUser));
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS event (id bigserial PRIMARY KEY, event_id uuid NOT NULL, body text)");
            s.execute("TRUNCATE event");
        }
        Histogram latency = new Histogram(3);
        AtomicLong transactions = new AtomicLong();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        Map<String, Procs.Usage> before = Procs.snapshot();
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Thread t = new Thread(() -> {
                try (Connection c =
                        DriverManager.getConnection(pgUrl + "bench_baseline", SuitePostgres.props(pgUser))) {
                    c.setAutoCommit(false);
                    var insert = c.prepareStatement("INSERT INTO event (event_id, body) VALUES (?, ?)");
                    while (System.nanoTime() < end) {
                        long t0 = System.nanoTime();
                        insert.setObject(1, java.util.UUID.randomUUID());
                        insert.setString(2, "a ticket event of a few hundred bytes ".repeat(8));
                        insert.executeUpdate();
                        c.commit();
                        synchronized (latency) {
                            latency.recordValue((System.nanoTime() - t0) / 1000);
                        }
                        transactions.incrementAndGet();
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double pgCpu = Procs.cpuBetween(before, Procs.snapshot()).getOrDefault("postgres", 0.0);
        System.out.printf(
                "baseline: raw PostgreSQL, %d clients, one-row insert + commit: %.0f transactions/s,"
                        + " p50 %.2f ms, p99 %.2f ms, PostgreSQL CPU %.3f ms per transaction%n",
                clients,
                transactions.get() / seconds,
                latency.getValueAtPercentile(50) / 1000.0,
                latency.getValueAtPercentile(99) / 1000.0,
                pgCpu / transactions.get());
    }

    private SuiteSurge() {}
}
