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
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads N tickets (default 1,000,000 over 365 days) straight into a reporting read model on a private PostgreSQL as
 * reporting-service's migrations V1-V2 left it, builds the per-day aggregates and times V2's summary statements
 * ("before"); then applies the later migrations (V3 monthly roll-ups, V4 per-day backlog) to the same rows and times
 * the service's statements of today (ReportQueries, "after"), both over the whole year beside a bare count(*) of
 * the same table, in the same run, and checks that both give the same rows.
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
                // before: the read model as V2 left it (per-day aggregates only), timed with V2's statements
                migrate(c, migrations, 1, 2);
                load(c, tickets);
                Timing before = measure(c, V2_STATEMENTS, runs);
                // after: the later migrations on the same rows (V3 derives its month rows from the day rows),
                // timed with the service's statements of today
                long t = System.nanoTime();
                migrate(c, migrations, 3, Integer.MAX_VALUE);
                analyze(c);
                System.out.printf("later migrations applied in %.1f s (%s monthly rows, %s monthly histogram rows)%n",
                        (System.nanoTime() - t) / 1e9, scalar(c, "SELECT count(*) FROM report_monthly"),
                        scalar(c, "SELECT count(*) FROM report_monthly_hist"));
                Timing after = measure(c, CURRENT_STATEMENTS, runs);
                for (int q = 0; q < CURRENT_STATEMENTS.size(); q++) {
                    List<String> old = rows(c, V2_STATEMENTS.get(q));
                    List<String> now = rows(c, CURRENT_STATEMENTS.get(q));
                    if (!old.equals(now)) {
                        throw new IllegalStateException(CURRENT_STATEMENTS.get(q).name() + " differs:\n" + old + "\n" + now);
                    }
                    System.out.printf("%s: the same %d rows before and after%n", CURRENT_STATEMENTS.get(q).name(),
                            now.size());
                }
                report(c, tickets, runs, before, after);
                if ("1".equals(System.getProperty("bench.explain")) || Boolean.getBoolean("bench.explain")) {
                    for (Statement4 st : CURRENT_STATEMENTS) {
                        explain(c, st.sql(), st.params());
                    }
                }
            }
        } finally {
            pg.stop();
            pg.deleteRelocated();
        }
    }

    private static void migrate(Connection c, Path dir, int first, int last) throws Exception {
        List<Path> files = new ArrayList<>();
        try (var s = Files.list(dir)) {
            s.filter(p -> p.getFileName().toString().matches("V\\d+__.*\\.sql")).forEach(files::add);
        }
        files.sort((a, b) -> Integer.compare(version(a), version(b)));
        for (Path f : files) {
            if (version(f) < first || version(f) > last) {
                continue;
            }
            try (Statement st = c.createStatement()) {
                st.execute(Files.readString(f));
            }
        }
    }

    private static int version(Path p) {
        String name = p.getFileName().toString();
        return Integer.parseInt(name.substring(1, name.indexOf("__")));
    }

    /**
     * Synthetic tickets: 365 days, 5 channels, 10 categories, 4 priorities, 8 teams, 60 agents, 6.25 % open (over
     * every team and priority), a fifth of the response clocks and an eleventh of the resolution clocks warned.
     */
    private static void load(Connection c, int n) throws Exception {
        long t = System.nanoTime();
        try (Statement st = c.createStatement()) {
            st.execute("ALTER TABLE report_ticket DISABLE TRIGGER report_ticket_aggregate");
            st.execute("INSERT INTO report_ticket (ticket_id, type, channel, tier, created_at, status, resolved_at,"
                    + " reopens, category, priority, team, assignee, triaged_at, assigned_at, first_response_at,"
                    + " escalations, sla_escalations, response_met_within, resolution_met_within, response_breached,"
                    + " resolution_breached, csat_score, agent_replies, time_logged_minutes, subject, response_warned,"
                    + " resolution_warned)"
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
                    + " CASE WHEN i % 3 = 0 THEN 1 + i % 5 END, 1 + i % 3, (i % 7) * 15, 'Subject ' || (i % 5000),"
                    + " i % 5 = 0, i % 11 = 0"
                    + " FROM (SELECT i, timestamptz '2025-01-01 00:00:00+00' + (i * 31536000 / " + n + ")"
                    + " * interval '1 second' AS created, (i / 7) % 16 = 0 AS open"
                    + " FROM generate_series(1::bigint, " + n + "::bigint) i) g");
        }
        long loaded = System.nanoTime();
        try (Statement st = c.createStatement()) {
            st.execute("SELECT report_daily_rebuild()");
            st.execute("ALTER TABLE report_ticket ENABLE TRIGGER report_ticket_aggregate");
        }
        analyze(c);
        long built = System.nanoTime();
        System.out.printf(
                "loaded %,d tickets in %.1f s; per-day aggregates rebuilt in %.1f s (%s daily rows, %s histogram rows)%n",
                n, (loaded - t) / 1e9, (built - loaded) / 1e9, scalar(c, "SELECT count(*) FROM report_daily"),
                scalar(c, "SELECT count(*) FROM report_daily_hist"));
    }

    private static void analyze(Connection c) throws Exception {
        try (Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT tablename FROM pg_tables WHERE tablename LIKE 'report_%'")) {
            List<String> tables = new ArrayList<>();
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
            for (String table : tables) {
                st.execute("VACUUM ANALYZE " + table);
            }
        }
    }

    private static final Instant FROM = Instant.parse("2025-01-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-01-02T00:00:00Z");
    private static final LocalDate FROM_DAY = LocalDate.of(2025, 1, 1);
    private static final LocalDate TO_DAY = LocalDate.of(2026, 1, 2);
    private static final Instant NOW = Instant.parse("2026-01-02T00:00:00Z");

    /** A statement of the summary and its parameters. */
    record Statement4(String name, String sql, Object... params) {}

    /** The summary's statements as reporting-service ran them before V3 (per-day rows only; commit 4826603). */
    static final List<Statement4> V2_STATEMENTS = List.of(
            new Statement4(
                    "dimensions",
                    "SELECT dim, val, " + io.ticketsuite.reporting.kpi.Totals.sums()
                            + " FROM report_daily WHERE day >= $1 AND day < $2 GROUP BY dim, val",
                    FROM_DAY,
                    TO_DAY),
            new Statement4(
                    "histograms",
                    "SELECT measure, prio, bucket, sum(n)::int8 FROM report_daily_hist"
                            + " WHERE day >= $1 AND day < $2 GROUP BY measure, prio, bucket HAVING sum(n) > 0",
                    FROM_DAY,
                    TO_DAY),
            new Statement4(
                    "backlog",
                    "SELECT coalesce(team, 'unassigned'), coalesce(priority, 'unknown'),"
                            + " CASE WHEN created_at > $1::timestamptz - interval '1 day' THEN '<1d'"
                            + " WHEN created_at > $1::timestamptz - interval '3 days' THEN '1-3d'"
                            + " WHEN created_at > $1::timestamptz - interval '7 days' THEN '3-7d' ELSE '>7d' END,"
                            + " count(*)::int8, count(*) FILTER (WHERE (response_warned AND response_met_within IS NULL"
                            + " AND NOT response_breached) OR (resolution_warned AND resolution_met_within IS NULL"
                            + " AND NOT resolution_breached))::int8"
                            + " FROM report_ticket WHERE status NOT IN ('RESOLVED', 'CLOSED') AND created_at IS NOT NULL"
                            + " GROUP BY 1, 2, 3",
                    Timestamp.from(NOW)),
            new Statement4(
                    "recurring",
                    ReportQueries.RECURRING,
                    Timestamp.from(FROM),
                    Timestamp.from(TO),
                    10));

    /** The summary's statements as reporting-service runs them now (ReportQueries), same window. */
    static final List<Statement4> CURRENT_STATEMENTS = List.of(
            new Statement4("dimensions", ReportQueries.DIMENSIONS, split()),
            new Statement4("histograms", ReportQueries.HISTOGRAMS, split()),
            new Statement4(
                    "backlog",
                    ReportQueries.BACKLOG,
                    Timestamp.from(NOW.minus(Duration.ofDays(1))),
                    Timestamp.from(NOW.minus(Duration.ofDays(3))),
                    Timestamp.from(NOW.minus(Duration.ofDays(7))),
                    LocalDate.ofInstant(NOW.minus(Duration.ofDays(7)), java.time.ZoneOffset.UTC),
                    Timestamp.from(LocalDate.ofInstant(NOW.minus(Duration.ofDays(7)), java.time.ZoneOffset.UTC)
                            .atStartOfDay(java.time.ZoneOffset.UTC)
                            .toInstant())),
            new Statement4("recurring", ReportQueries.RECURRING, Timestamp.from(FROM), Timestamp.from(TO), 10));

    private static Object[] split() {
        ReportQueries.MonthSplit s = ReportQueries.MonthSplit.of(FROM_DAY, TO_DAY);
        return new Object[] {s.from(), s.to(), s.firstMonth(), s.endMonth()};
    }

    /** Medians over the runs: the summary's statements one after the other, each statement, and count(*). */
    record Timing(double[] summary, double[][] statements, double[] count) {}

    private static Timing measure(Connection c, List<Statement4> statements, int runs) throws Exception {
        List<Runnable> summary = new ArrayList<>();
        for (Statement4 st : statements) {
            summary.add(query(c, st.sql(), st.params()));
        }
        Runnable count = query(c, "SELECT count(*) FROM report_ticket");
        for (int i = 0; i < 3; i++) {
            summary.forEach(Runnable::run);
            count.run();
        }
        double[] s = new double[runs];
        double[][] each = new double[statements.size()][runs];
        double[] k = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            long prev = t0;
            for (int q = 0; q < summary.size(); q++) {
                summary.get(q).run();
                long t = System.nanoTime();
                each[q][i] = (t - prev) / 1e6;
                prev = t;
            }
            s[i] = (prev - t0) / 1e6;
            count.run();
            k[i] = (System.nanoTime() - prev) / 1e6;
        }
        Arrays.sort(s);
        Arrays.sort(k);
        for (double[] e : each) {
            Arrays.sort(e);
        }
        return new Timing(s, each, k);
    }

    private static void report(Connection c, int n, int runs, Timing before, Timing after) throws Exception {
        long created = Long.parseLong(scalar(
                c, "SELECT sum(created) FROM report_daily WHERE dim = 'all' AND day >= '2025-01-01' AND day < '2026-01-02'"));
        System.out.printf("window: the whole year, %,d tickets created in it (of %,d in the table); %d runs each%n",
                created, n, runs);
        System.out.printf("%-44s %12s %12s%n", "median ms (max)", "before (V2)", "after");
        System.out.printf("%-44s %12s %12s%n", "summary, 4 statements one after the other",
                fmt(before.summary()), fmt(after.summary()));
        for (int q = 0; q < CURRENT_STATEMENTS.size(); q++) {
            System.out.printf("%-44s %12s %12s%n", "  " + CURRENT_STATEMENTS.get(q).name(),
                    fmt(before.statements()[q]), fmt(after.statements()[q]));
        }
        System.out.printf("%-44s %12s %12s%n", "bare SELECT count(*) FROM report_ticket", fmt(before.count()),
                fmt(after.count()));
        double b = before.summary()[runs / 2];
        double a = after.summary()[runs / 2];
        System.out.printf("after / before: %.3f (%.1fx faster); after / count(*) same phase: %.2f%n", a / b, b / a,
                a / after.count()[runs / 2]);
        System.out.printf("target: summary <= 200 ms -> %s%n", a <= 200 ? "met" : "NOT met");
    }

    /** A statement's rows, sorted, each as text (fractional sums to 9 significant digits: the order of a sum of
     * doubles may change their last bits). */
    private static List<String> rows(Connection c, Statement4 st) throws Exception {
        String jdbc = st.sql().replaceAll("\\$(\\d+)", "?");
        Matcher m = Pattern.compile("\\$(\\d+)").matcher(st.sql());
        List<Integer> order = new ArrayList<>();
        while (m.find()) {
            order.add(Integer.parseInt(m.group(1)));
        }
        List<String> result = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(jdbc)) {
            for (int i = 0; i < order.size(); i++) {
                ps.setObject(i + 1, st.params()[order.get(i) - 1]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= columns; i++) {
                        Object v = rs.getObject(i);
                        row.append(v instanceof Double d ? String.format("%.9g", d) : String.valueOf(v)).append('|');
                    }
                    result.add(row.toString());
                }
            }
        }
        result.sort(null);
        return result;
    }

    private static String fmt(double[] sorted) {
        return String.format("%.1f (%.0f)", sorted[sorted.length / 2], sorted[sorted.length - 1]);
    }

    /** EXPLAIN (ANALYZE, BUFFERS) of one statement with its parameters bound. */
    private static void explain(Connection c, String sql, Object... params) throws Exception {
        String jdbc = sql.replaceAll("\\$(\\d+)", "?");
        Matcher m = Pattern.compile("\\$(\\d+)").matcher(sql);
        List<Integer> order = new ArrayList<>();
        while (m.find()) {
            order.add(Integer.parseInt(m.group(1)));
        }
        try (PreparedStatement ps = c.prepareStatement("EXPLAIN (ANALYZE, BUFFERS) " + jdbc)) {
            for (int i = 0; i < order.size(); i++) {
                ps.setObject(i + 1, params[order.get(i) - 1]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                System.out.println("---- " + sql.substring(0, Math.min(80, sql.length())));
                while (rs.next()) {
                    System.out.println(rs.getString(1));
                }
            }
        }
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
