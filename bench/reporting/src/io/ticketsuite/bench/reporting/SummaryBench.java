package io.ticketsuite.bench.reporting;

import io.ticketsuite.local.EmbeddedPostgres;
import io.ticketsuite.reporting.repository.ReportQueries;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads N tickets (default 1,000,000 over 365 days) straight into a reporting read model (reporting-service's Flyway
 * migrations, run in order) on a private PostgreSQL, builds the per-day aggregates, then times the summary's four
 * statements (the service's own SQL, from ReportQueries) over the whole year beside a bare count(*) of the same
 * table, in the same run.
 */
public final class SummaryBench {
    public static void main(String[] args) throws Exception {
        int tickets = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Path migrations = Path.of(args.length > 2 ? args[2] : "reporting-service/src/main/resources/db/migration");
        Path home = Files.createTempDirectory("reporting-bench");
        EmbeddedPostgres pg = new EmbeddedPostgres(home, 55999).start();
        try {
            pg.createDatabases(List.of("reporting_bench"));
            try (Connection c = DriverManager.getConnection(pg.jdbcUrl("reporting_bench"), EmbeddedPostgres.USER, "")) {
                migrate(c, migrations);
                load(c, tickets);
                measure(c, tickets, runs);
            }
        } finally {
            pg.stop();
            pg.deleteRelocated();
        }
    }

    private static void migrate(Connection c, Path dir) throws Exception {
        List<Path> files = new ArrayList<>();
        try (var s = Files.list(dir)) {
            s.filter(p -> p.getFileName().toString().matches("V\\d+__.*\\.sql")).forEach(files::add);
        }
        files.sort((a, b) -> Integer.compare(version(a), version(b)));
        for (Path f : files) {
            try (Statement st = c.createStatement()) {
                st.execute(Files.readString(f));
            }
        }
    }

    private static int version(Path p) {
        String name = p.getFileName().toString();
        return Integer.parseInt(name.substring(1, name.indexOf("__")));
    }

    /** Synthetic tickets: 365 days, 5 channels, 10 categories, 4 priorities, 8 teams, 60 agents, ~6 % open. */
    private static void load(Connection c, int n) throws Exception {
        long t = System.nanoTime();
        try (Statement st = c.createStatement()) {
            st.execute("ALTER TABLE report_ticket DISABLE TRIGGER report_ticket_aggregate");
            st.execute("INSERT INTO report_ticket (ticket_id, type, channel, tier, created_at, status, resolved_at,"
                    + " reopens, category, priority, team, assignee, triaged_at, assigned_at, first_response_at,"
                    + " escalations, sla_escalations, response_met_within, resolution_met_within, response_breached,"
                    + " resolution_breached, csat_score, agent_replies, time_logged_minutes, subject)"
                    + " SELECT gen_random_uuid(), (ARRAY['SUPPORT','QUESTION','ESCALATION'])[1 + i % 3],"
                    + " (ARRAY['EMAIL','WEB','CHAT','API','PHONE'])[1 + i % 5],"
                    + " (ARRAY['FREE','STARTER','PROFESSIONAL','ENTERPRISE'])[1 + i % 4], created,"
                    + " CASE WHEN open THEN 'IN_PROGRESS' ELSE 'CLOSED' END,"
                    + " CASE WHEN open THEN NULL ELSE created + (3600 + (i * 7919) % 864000) * interval '1 second' END,"
                    + " CASE WHEN i % 31 = 0 THEN 1 ELSE 0 END, 'category-' || (i % 10), 'P' || (1 + i % 4),"
                    + " 'team-' || (i % 8), 'agent-' || (i % 60), created + interval '40 seconds',"
                    + " created + interval '3 minutes', created + (60 + (i * 104729) % 36000) * interval '1 second',"
                    + " CASE WHEN i % 19 = 0 THEN 1 ELSE 0 END, CASE WHEN i % 23 = 0 THEN 1 ELSE 0 END,"
                    + " i % 20 <> 0, CASE WHEN open THEN NULL ELSE i % 25 <> 0 END, i % 20 = 0, i % 25 = 0,"
                    + " CASE WHEN i % 3 = 0 THEN 1 + i % 5 END, 1 + i % 3, (i % 7) * 15, 'Subject ' || (i % 5000)"
                    + " FROM (SELECT i, timestamptz '2025-01-01 00:00:00+00' + (i * 31536000 / " + n + ")"
                    + " * interval '1 second' AS created, i % 16 = 0 AS open"
                    + " FROM generate_series(1::bigint, " + n + "::bigint) i) g");
        }
        long loaded = System.nanoTime();
        try (Statement st = c.createStatement()) {
            st.execute("SELECT report_daily_rebuild()");
            st.execute("ALTER TABLE report_ticket ENABLE TRIGGER report_ticket_aggregate");
            st.execute("VACUUM ANALYZE report_ticket");
            st.execute("VACUUM ANALYZE report_daily");
            st.execute("VACUUM ANALYZE report_daily_hist");
        }
        long built = System.nanoTime();
        System.out.printf(
                "loaded %,d tickets in %.1f s; per-day aggregates rebuilt in %.1f s (%s daily rows, %s histogram rows)%n",
                n, (loaded - t) / 1e9, (built - loaded) / 1e9, scalar(c, "SELECT count(*) FROM report_daily"),
                scalar(c, "SELECT count(*) FROM report_daily_hist"));
    }

    private static void measure(Connection c, int n, int runs) throws Exception {
        Instant from = Instant.parse("2025-01-01T00:00:00Z");
        Instant to = Instant.parse("2026-01-02T00:00:00Z");
        LocalDate fromDay = LocalDate.of(2025, 1, 1);
        LocalDate toDay = LocalDate.of(2026, 1, 2);
        Instant now = Instant.parse("2026-01-02T00:00:00Z");
        List<Runnable> summary = List.of(
                query(c, ReportQueries.DIMENSIONS, fromDay, toDay),
                query(c, ReportQueries.HISTOGRAMS, fromDay, toDay),
                query(c, ReportQueries.BACKLOG, Timestamp.from(now)),
                query(c, ReportQueries.RECURRING, Timestamp.from(from), Timestamp.from(to), 10));
        Runnable count = query(c, "SELECT count(*) FROM report_ticket");
        long created = Long.parseLong(scalar(
                c, "SELECT sum(created) FROM report_daily WHERE dim = 'all' AND day >= '2025-01-01' AND day < '2026-01-02'"));
        for (int i = 0; i < 3; i++) {
            summary.forEach(Runnable::run);
            count.run();
        }
        double[] s = new double[runs];
        double[] k = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            summary.forEach(Runnable::run);
            long t1 = System.nanoTime();
            count.run();
            long t2 = System.nanoTime();
            s[i] = (t1 - t0) / 1e6;
            k[i] = (t2 - t1) / 1e6;
        }
        Arrays.sort(s);
        Arrays.sort(k);
        System.out.printf("window: the whole year, %,d tickets created in it (of %,d in the table)%n", created, n);
        System.out.printf(
                "summary (4 statements, one after the other): median %.1f ms, max %.1f ms over %d runs%n",
                s[runs / 2], s[runs - 1], runs);
        System.out.printf(
                "bare SELECT count(*) FROM report_ticket:      median %.1f ms, max %.1f ms over %d runs%n",
                k[runs / 2], k[runs - 1], runs);
        System.out.printf("target: summary <= 200 ms -> %s%n", s[runs / 2] <= 200 ? "met" : "NOT met");
    }

    /** A statement of the service (PostgreSQL's $n placeholders) as a JDBC one, its parameters bound by number. */
    private static Runnable query(Connection c, String sql, Object... params) {
        Matcher m = Pattern.compile("\\$(\\d+)").matcher(sql);
        List<Integer> order = new ArrayList<>();
        StringBuilder jdbc = new StringBuilder();
        while (m.find()) {
            order.add(Integer.parseInt(m.group(1)));
            m.appendReplacement(jdbc, "?");
        }
        m.appendTail(jdbc);
        return () -> {
            try (PreparedStatement ps = c.prepareStatement(jdbc.toString())) {
                for (int i = 0; i < order.size(); i++) {
                    ps.setObject(i + 1, params[order.get(i) - 1]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rs.getObject(1);
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }

    private static String scalar(Connection c, String sql) throws Exception {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
