package io.ticketsuite.bench.sla;

import io.ticketsuite.events.EventCodec;
import io.ticketsuite.events.SlaThresholdReached;
import io.ticketsuite.events.Topics;
import io.ticketsuite.local.EmbeddedPostgres;
import io.ticketsuite.local.KafkaBroker;
import io.ticketsuite.local.Processes;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * See bench/sla/lateness.sh. Two packaged sla-service replicas on one private PostgreSQL + broker; N open clocks
 * written straight into sla_clock / sla_threshold with their thresholds spread over a window; lateness, duplicates,
 * CPU, and the bare claim query as a baseline.
 */
public final class LatenessBench {
    static final String DB = "ticketsuite_sla";
    /** The sweep's claim, as SlaThresholdRepository runs it. */
    static final String CLAIM = "SELECT * FROM sla_threshold"
            + " WHERE fired_at IS NULL AND cancelled_at IS NULL AND held_since IS NULL AND fire_at <= ?"
            + " ORDER BY fire_at, id LIMIT ? FOR UPDATE SKIP LOCKED";
    /** The sweep's claim and stamp in one statement, as ThresholdFiringService.CLAIM_AND_STAMP runs it. */
    static final String CLAIM_AND_STAMP = "UPDATE sla_threshold SET fired_at = ? WHERE id = ANY(ARRAY(SELECT id"
            + " FROM sla_threshold WHERE fired_at IS NULL AND cancelled_at IS NULL AND held_since IS NULL AND fire_at <= ?"
            + " ORDER BY fire_at, id LIMIT ? FOR UPDATE SKIP LOCKED)) RETURNING id, ticket_id, clock, cycle, percent,"
            + " fire_at";
    static final long TICKS = 100; // USER_HZ on Linux

    public static void main(String[] args) throws Exception {
        int clocks = Integer.parseInt(args[0]);
        int window = Integer.parseInt(args[1]);
        Path jar = Path.of(args[2]);
        List<String> extra = Arrays.asList(args).subList(3, args.length);
        int batch = 200;
        for (String option : extra) {
            if (option.startsWith("-Dsla.scheduler.batch-size=")) {
                batch = Integer.parseInt(option.substring(option.indexOf('=') + 1));
            }
        }
        Path home = Files.createTempDirectory("sla-bench");
        EmbeddedPostgres pg = new EmbeddedPostgres(home.resolve("pg"), Processes.freePort()).start();
        KafkaBroker broker = null;
        List<Process> replicas = new ArrayList<>();
        try {
            pg.createDatabases(List.of(DB));
            broker = new KafkaBroker(home.resolve("kafka"), Processes.freePort(), Processes.freePort(), "512m")
                    .start(Duration.ofSeconds(90));
            broker.createTopics();
            String jdbc = pg.jdbcUrl(DB);
            int[] ports = {Processes.freePort(), Processes.freePort()};
            for (int i = 0; i < 2; i++) {
                replicas.add(startReplica(jar, home, i, ports[i], pg.port(), broker.bootstrapServers(), extra));
                awaitReady(ports[i], replicas.get(i), home.resolve("replica-" + i + ".log"));
            }
            System.out.printf("2 replicas up (ports %d, %d, pids %d, %d)%s%n", ports[0], ports[1], replicas.get(0).pid(),
                    replicas.get(1).pid(), extra.isEmpty() ? "" : " with " + String.join(" ", extra));

            try (Connection c = DriverManager.getConnection(jdbc, EmbeddedPostgres.USER, "")) {
                Instant t0 = Instant.now().plusSeconds(60);
                long t = System.nanoTime();
                seed(c, clocks, t0, window);
                System.out.printf("seeded %,d open clocks (%,d thresholds) in %.1f s; window %s + %d s%n", clocks,
                        scalar(c, "SELECT count(*) FROM sla_threshold"), (System.nanoTime() - t) / 1e9, t0, window);

                // baseline on the same rows, before anything is due: the claim of one batch, rolled back
                Timestamp future = Timestamp.from(t0.plusSeconds(window + 60));
                Timestamp none = Timestamp.from(Instant.now().minusSeconds(3600));
                double[] claim = timeLoop(c, CLAIM, future, batch, false, 200);
                double[] claimStamp = timeLoop(c, CLAIM_AND_STAMP, future, batch, true, 200);
                double[] idle = timeLoop(c, CLAIM, none, batch, false, 200);

                // idle CPU of each replica (nothing due yet)
                long[] cpu0 = cpu(replicas);
                Instant idleFrom = Instant.now();
                long waitMs = Duration.between(Instant.now(), t0).toMillis();
                if (waitMs < 5000) {
                    System.out.println("WARNING: seeding took too long, the window started " + (-waitMs) + " ms ago");
                }
                Thread.sleep(Math.max(0, waitMs));
                long[] cpu1 = cpu(replicas);
                double idleSeconds = Duration.between(idleFrom, Instant.now()).toMillis() / 1000.0;

                // wait until every threshold fired and every outbox row went out
                Instant deadline = t0.plusSeconds(window + 300L);
                while (scalar(c, "SELECT count(*) FROM sla_threshold WHERE fired_at IS NULL AND cancelled_at IS NULL") > 0
                        || scalar(c, "SELECT count(*) FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL") > 0) {
                    if (Instant.now().isAfter(deadline)) {
                        // report what fired so far: the figures show by how much the target is missed
                        System.out.println("WARNING: not everything fired/published by " + deadline
                                + "; the figures below cover what fired");
                        break;
                    }
                    Thread.sleep(500);
                }
                Instant done = Instant.now();
                long[] cpu2 = cpu(replicas);
                double busySeconds = Duration.between(t0, done).toMillis() / 1000.0;

                report(c, clocks, window, batch, t0, done, broker.bootstrapServers(), ports);
                System.out.printf("CPU (process CPU time from /proc, %.0f s idle before the window, %.0f s from the window's"
                        + " start to the last publish):%n", idleSeconds, busySeconds);
                for (int i = 0; i < 2; i++) {
                    double idleCpu = (cpu1[i] - cpu0[i]) / (double) TICKS;
                    double busyCpu = (cpu2[i] - cpu1[i]) / (double) TICKS;
                    System.out.printf("  replica %d: idle %.2f s CPU (%.1f %% of a core), firing %.2f s CPU (%.1f %% of a"
                            + " core)%n", i, idleCpu, 100 * idleCpu / idleSeconds, busyCpu, 100 * busyCpu / busySeconds);
                }
                System.out.printf("baseline, bare claim query on the same rows (200 runs each, rolled back):%n");
                System.out.printf("  SELECT ... LIMIT %d FOR UPDATE SKIP LOCKED, %d rows due:  p50 %.2f ms  p99 %.2f ms%n",
                        batch, batch, claim[0], claim[1]);
                System.out.printf("  UPDATE … RETURNING: claim + stamp in one statement:     p50 %.2f ms  p99 %.2f ms%n",
                        claimStamp[0], claimStamp[1]);
                System.out.printf("  the claim with nothing due (an idle tick):             p50 %.2f ms  p99 %.2f ms%n",
                        idle[0], idle[1]);
            }
        } finally {
            for (Process p : replicas) {
                p.destroy();
            }
            for (Process p : replicas) {
                if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
            if (broker != null) {
                broker.stop();
            }
            pg.stop();
            pg.deleteRelocated();
        }
    }

    static Process startReplica(Path jar, Path home, int i, int port, int pgPort, String bootstrap, List<String> extra)
            throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m",
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.datasource.reactive.url=postgresql://127.0.0.1:" + pgPort + "/" + DB,
                "-Dquarkus.datasource.jdbc.url=jdbc:postgresql://127.0.0.1:" + pgPort + "/" + DB,
                "-Dquarkus.datasource.username=" + EmbeddedPostgres.USER,
                "-Dkafka.bootstrap.servers=" + bootstrap,
                "-Dquarkus.log.level=WARN"));
        cmd.addAll(extra);
        cmd.add("-jar");
        cmd.add(jar.toString());
        File log = home.resolve("replica-" + i + ".log").toFile();
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log).start();
    }

    static void awaitReady(int port, Process process, Path log) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("replica exited:\n" + Files.readString(log));
            }
            try {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready")).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("replica on port " + port + " not ready:\n" + Files.readString(log));
    }

    /**
     * N/2 tickets with a RUNNING response and resolution clock each; target T in [0.2, 0.4] x window, started so that
     * its 50 % lands in the window and its 125 % before the window's end.
     */
    static void seed(Connection c, int clocks, Instant t0, int window) throws Exception {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("SELECT setseed(0.42)");
            s.execute("CREATE TEMP TABLE seed ON COMMIT DROP AS SELECT lpad(to_hex(g), 32, '0')::uuid AS ticket_id,"
                    + " k.clock, " + window + " * (0.2 + 0.2 * random()) AS t, random() AS u"
                    + " FROM generate_series(1, " + (clocks / 2) + ") g CROSS JOIN (VALUES ('RESPONSE'), ('RESOLUTION')) k(clock)");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO sla_ticket (ticket_id, created_at, ticket_type,"
                    + " customer_tier, priority, status, assignee_id, team_id, team_lead_id, updated_at)"
                    + " SELECT DISTINCT ticket_id, ?::timestamptz, 'SUPPORT', 'ENTERPRISE', 'P2', 'NEW', 'agent-7', 'billing', 'lead-3',"
                    + " now() FROM seed")) {
                ps.setTimestamp(1, Timestamp.from(t0));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("CREATE TEMP TABLE started ON COMMIT DROP AS SELECT *,"
                    + " ?::timestamptz + make_interval(secs => -0.5 * t + u * (" + window + " - 0.75 * t)) AS started_at"
                    + " FROM seed")) {
                ps.setTimestamp(1, Timestamp.from(t0));
                ps.execute();
            }
            s.execute("INSERT INTO sla_clock (id, ticket_id, clock, cycle, priority, target_millis, started_at, due_at,"
                    + " state, paused_millis) SELECT gen_random_uuid(), ticket_id, clock, 1, 'P2', (t * 1000)::bigint,"
                    + " started_at, started_at + make_interval(secs => t), 'RUNNING', 0 FROM started");
            s.execute("INSERT INTO sla_threshold (id, ticket_id, clock, cycle, percent, fire_at)"
                    + " SELECT gen_random_uuid(), ticket_id, clock, 1, p,"
                    + " date_trunc('milliseconds', started_at + make_interval(secs => t * p / 100.0))"
                    + " FROM started CROSS JOIN (VALUES (50), (75), (100), (125)) q(p)");
        }
        c.commit();
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            s.execute("ANALYZE sla_ticket");
            s.execute("ANALYZE sla_clock");
            s.execute("ANALYZE sla_threshold");
        }
    }

    /** p50, p99 in ms of {@code runs} executions of {@code sql} in rolled-back transactions. */
    static double[] timeLoop(Connection c, String sql, Timestamp now, int batch, boolean update, int runs)
            throws Exception {
        c.setAutoCommit(false);
        double[] ms = new double[runs];
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = -20; i < runs; i++) {
                int p = 1;
                if (update) {
                    ps.setTimestamp(p++, now);
                }
                ps.setTimestamp(p++, now);
                ps.setInt(p, batch);
                long t = System.nanoTime();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        // read every row, as the service does
                    }
                }
                double elapsed = (System.nanoTime() - t) / 1e6;
                c.rollback();
                if (i >= 0) {
                    ms[i] = elapsed;
                }
            }
        }
        c.setAutoCommit(true);
        Arrays.sort(ms);
        return new double[] {ms[runs / 2], ms[(int) Math.ceil(runs * 0.99) - 1]};
    }

    static long[] cpu(List<Process> replicas) throws Exception {
        long[] ticks = new long[replicas.size()];
        for (int i = 0; i < replicas.size(); i++) {
            String stat = Files.readString(Path.of("/proc", String.valueOf(replicas.get(i).pid()), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            ticks[i] = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime
        }
        return ticks;
    }

    static void report(Connection c, int clocks, int window, int batch, Instant t0, Instant done, String bootstrap,
            int[] ports) throws Exception {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*),"
                        + " percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM fired_at - fire_at)),"
                        + " percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM fired_at - fire_at)),"
                        + " max(extract(epoch FROM fired_at - fire_at)),"
                        + " min(extract(epoch FROM fired_at - fire_at)),"
                        + " percentile_cont(0.999) WITHIN GROUP (ORDER BY extract(epoch FROM fired_at - fire_at)),"
                        + " count(*) FILTER (WHERE fired_at - fire_at > interval '1 second')"
                        + " FROM sla_threshold WHERE fired_at IS NOT NULL")) {
            // pending ones (if the drain timed out) are reported separately below
            rs.next();
            System.out.printf("fired %,d thresholds of %,d open clocks within %d s (batch %d), all done %.1f s after"
                            + " the window's start%n", rs.getLong(1), clocks, window, batch,
                    Duration.between(t0, done).toMillis() / 1000.0);
            System.out.printf("lateness (fired_at - fire_at): p50 %.0f ms  p99 %.0f ms  p99.9 %.0f ms  max %.0f ms  (min %.0f"
                            + " ms); %,d fired more than 1 s late%n", rs.getDouble(2) * 1000, rs.getDouble(3) * 1000,
                    rs.getDouble(6) * 1000, rs.getDouble(4) * 1000, rs.getDouble(5) * 1000, rs.getLong(7));
        }
        long cancelled = scalar(c, "SELECT count(*) FROM sla_threshold WHERE cancelled_at IS NOT NULL");
        System.out.printf("still pending: %,d thresholds%n",
                scalar(c, "SELECT count(*) FROM sla_threshold WHERE fired_at IS NULL AND cancelled_at IS NULL"));
        long outboxDuplicates = scalar(c, "SELECT count(*) FROM (SELECT payload::jsonb ->> 'ticket_id',"
                + " payload::jsonb ->> 'clock', payload::jsonb ->> 'threshold_percent' FROM outbox"
                + " WHERE event_type LIKE 'sla.%' AND event_type <> 'sla.started' GROUP BY 1, 2, 3 HAVING count(*) > 1) d");
        long outboxRows = scalar(c, "SELECT count(*) FROM outbox");
        long[] published = publishedThresholds(bootstrap);
        System.out.printf("duplicates: %d (clock, threshold) pairs in the outbox more than once (of %,d rows); %d"
                + " published more than once on sla-events (%,d records, %,d distinct); %d cancelled%n",
                outboxDuplicates, outboxRows, published[0] - published[1], published[0], published[1], cancelled);
        for (int i = 0; i < ports.length; i++) {
            System.out.printf("  replica %d fired %s thresholds (ts_sla_thresholds_fired_total); its outbox relay published"
                            + " %s rows (ts_outbox_published_total), insert-to-ack lag p99 %s s, max %s s (ts_outbox_lag,"
                            + " recent window)%n", i, metric(ports[i], "ts_sla_thresholds_fired_total"),
                    metric(ports[i], "ts_outbox_published_total"),
                    metricLine(ports[i], "ts_outbox_lag_seconds{quantile=\"0.99\""),
                    metricLine(ports[i], "ts_outbox_lag_seconds_max"));
        }
    }

    /** Records on sla-events, and distinct (ticket, clock, percent) among them. */
    static long[] publishedThresholds(String bootstrap) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        long records = 0;
        java.util.Set<String> distinct = new java.util.HashSet<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.SLA_EVENTS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofSeconds(1))) {
                    Map<String, String> headers = new HashMap<>();
                    for (Header h : r.headers()) {
                        headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
                    }
                    if (EventCodec.decode(headers, r.value()).data() instanceof SlaThresholdReached t) {
                        records++;
                        distinct.add(r.key() + "/" + t.clock() + "/" + t.thresholdPercent());
                    }
                }
            }
        }
        return new long[] {records, distinct.size()};
    }

    static String metric(int port, String name) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        double sum = 0;
        for (String line : r.body().split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return String.format("%,.0f", sum);
    }

    /** The value of the first /q/metrics line starting with {@code prefix}, or "-". */
    static String metricLine(int port, String prefix) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        for (String line : r.body().split("\n")) {
            if (line.startsWith(prefix)) {
                return String.format("%.3f", Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
            }
        }
        return "-";
    }

    static long scalar(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
