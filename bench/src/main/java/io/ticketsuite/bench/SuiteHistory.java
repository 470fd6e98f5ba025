package io.ticketsuite.bench;

import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;

/**
 * Ticket history straight into the databases of a running suite: {@code count} tickets that went through the whole
 * pipeline over the past 90 days, written with set-based SQL ({@code INSERT … SELECT} over {@code generate_series})
 * into each service's database as that service would hold them — the same ticket ids everywhere. About 3 % stay open
 * (assigned and worked, their clocks breached with every threshold fired, or paused waiting for the customer with the
 * pending thresholds held); the rest are closed, their clocks met (in time or late) with every threshold fired or
 * cancelled. Nothing is due: a running suite fires, publishes and sweeps nothing because of the history.
 *
 * <p>Each database is loaded in one transaction with {@code session_replication_role = replica} (no triggers: the
 * reporting aggregates are added set-based for the new rows, as the trigger would have added them one by one). No
 * outbox row is written. What lives only for a retention (processed-event ids: 8 days; recurring-issue tickets: the
 * 7-day window) is written only for its window, as a suite that ran for 90 days holds it. Every table is analysed at
 * the end.
 *
 * <p>Arguments: {@code pg-host pg-port pg-user texts.jsonl count}. Environment: {@code HISTORY_OPEN_PERCENT} (3),
 * {@code HISTORY_DAYS} (90).
 */
public final class SuiteHistory {

    /** The advisory lock under which triage stores recurring-issue tickets (RecurringService.LOCK_KEY). */
    private static final long TRIAGE_RECURRING_LOCK = 0x7472696167655243L;

    /** The kit's processed-event retention (ts.inbox.retention) and triage's recurring window (defaults). */
    private static final int INBOX_RETENTION_DAYS = 8;

    private static final int RECURRING_WINDOW_DAYS = 7;

    /** HISTORY_VERBOSE=1: the time of each statement; HISTORY_ROLLBACK=1: roll every database back (a dry run). */
    private static final boolean VERBOSE = "1".equals(System.getenv("HISTORY_VERBOSE"));

    private static final boolean ROLLBACK = "1".equals(System.getenv("HISTORY_ROLLBACK"));

    private final Map<String, Long> written = new LinkedHashMap<>();
    private final Map<String, Long> pending = new LinkedHashMap<>();
    private final String pgUrl;
    private final String pgUser;
    private final int count;
    private final String run;
    private final long seed;
    private final String now;
    private final double openFraction;
    private final int days;
    private final List<String[]> texts;
    private final List<String[]> staff = new ArrayList<>();

    private SuiteHistory(String pgUrl, String pgUser, int count, List<String[]> texts) {
        this.pgUrl = pgUrl;
        this.pgUser = pgUser;
        this.count = count;
        this.texts = texts;
        long millis = System.currentTimeMillis();
        this.run = "h" + Long.toString(millis, 36);
        this.seed = millis;
        this.now = "TIMESTAMPTZ '" + Instant.now().truncatedTo(ChronoUnit.MICROS) + "'";
        this.openFraction = Double.parseDouble(System.getenv().getOrDefault("HISTORY_OPEN_PERCENT", "3")) / 100;
        this.days = Integer.parseInt(System.getenv().getOrDefault("HISTORY_DAYS", "90"));
    }

    public static void main(String[] args) throws Exception {
        String pgUrl = "jdbc:postgresql://" + args[0] + ":" + args[1] + "/";
        List<String[]> texts = SuiteSurge.texts(Path.of(args[3]));
        int count = Integer.parseInt(args[4]);
        new SuiteHistory(pgUrl, args[2], count, texts).load();
    }

    private void load() throws Exception {
        long start = System.nanoTime();
        System.out.printf(
                "history: %,d tickets over %d days (%.1f %% open), run %s, %d ticket texts%n",
                count, days, openFraction * 100, run, texts.size());
        try (Connection routing = open("ticketsuite_routing")) {
            readStaff(routing);
        }
        String refs;
        try (Connection c = open("ticketsuite_intake")) {
            refs = step("intake", c, () -> intake(c));
        }
        try (Connection c = open("ticketsuite_triage")) {
            step("triage", c, () -> triage(c));
        }
        try (Connection c = open("ticketsuite_routing")) {
            step("routing", c, () -> routing(c));
        }
        try (Connection c = open("ticketsuite_sla")) {
            step("sla", c, () -> sla(c));
        }
        try (Connection c = open("ticketsuite_notification")) {
            step("notification", c, () -> notification(c, refs));
        }
        try (Connection c = open("ticketsuite_reporting")) {
            step("reporting", c, () -> reporting(c));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long total = 0;
        System.out.printf("%-40s %12s%n", "rows written", "rows");
        for (var e : written.entrySet()) {
            System.out.printf("  %-38s %,12d%n", e.getKey(), e.getValue());
            total += e.getValue();
        }
        System.out.printf(
                "history: %,d tickets, %,d rows in %.1f s = %,.0f rows/s, %,.0f tickets/s (ANALYZE included)%n",
                count, total, seconds, total / seconds, count / seconds);
    }

    private interface Step<T> {
        T run() throws SQLException;
    }

    /** One database in one transaction, then ANALYZE of its tables. */
    private <T> T step(String name, Connection c, Step<T> body) throws SQLException {
        long t0 = System.nanoTime();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("SET temp_buffers = '256MB'"); // before the first temporary table of the session
        }
        T result;
        for (int attempt = 1; ; attempt++) {
            pending.clear();
            try {
                try (Statement s = c.createStatement()) {
                    s.execute("SET LOCAL session_replication_role = replica");
                    s.execute("SET LOCAL synchronous_commit = off");
                    s.execute("SET LOCAL work_mem = '64MB'");
                }
                common(c);
                result = body.run();
                if (ROLLBACK) {
                    c.rollback();
                } else {
                    c.commit();
                }
                break;
            } catch (SQLException e) {
                c.rollback();
                // a deadlock or serialization failure with the running service: the whole database again
                if (attempt >= 3 || !("40P01".equals(e.getSQLState()) || "40001".equals(e.getSQLState()))) {
                    throw e;
                }
                System.out.printf("  %-14s %s — again (attempt %d)%n", name, e.getMessage(), attempt + 1);
            }
        }
        pending.forEach((table, n) -> written.merge(table, n, Long::sum));
        long t1 = System.nanoTime();
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            s.execute("ANALYZE");
        }
        System.out.printf(
                "  %-14s loaded in %5.1f s, analysed in %4.1f s%n",
                name, (t1 - t0) / 1e9, (System.nanoTime() - t1) / 1e9);
        return result;
    }

    private Connection open(String db) throws SQLException {
        return DriverManager.getConnection(pgUrl + db, SuitePostgres.props(pgUser));
    }

    private long exec(Connection c, String table, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            long t0 = System.nanoTime();
            long n = s.executeLargeUpdate(fill(sql));
            if (VERBOSE) {
                System.out.printf(
                        "    %6.2f s %,10d %s%n",
                        (System.nanoTime() - t0) / 1e9,
                        n,
                        table != null ? table : sql.strip().lines().findFirst().orElse(""));
            }
            if (table != null) {
                pending.merge(table, n, Long::sum);
            }
            return n;
        }
    }

    /** Teams and their active agents as routing holds them (its seed migrations and whatever changed since). */
    private void readStaff(Connection routing) throws SQLException {
        try (Statement s = routing.createStatement();
                ResultSet rs = s.executeQuery("SELECT t.id, t.name, t.lead_id, coalesce(t.tier, ''), a.id, a.name,"
                        + " row_number() OVER (PARTITION BY t.id ORDER BY a.id) - 1,"
                        + " count(*) OVER (PARTITION BY t.id), t.lead_name FROM team t JOIN agent a ON a.team_id = t.id"
                        + " WHERE a.active ORDER BY t.id, a.id")) {
            while (rs.next()) {
                staff.add(new String[] {
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    rs.getString(6),
                    rs.getString(7),
                    rs.getString(8),
                    rs.getString(9)
                });
            }
        }
        if (staff.isEmpty()) {
            throw new IllegalStateException("routing has no active agents");
        }
    }

    /**
     * The same temporary tables in every database: the ticket texts, the staff, a deterministic pseudo-random
     * function of (ticket number, draw) seeded by this run, and {@code hist} — one row per ticket with everything
     * each service needs about it — and {@code ev}, the events of the tickets whose events are still remembered.
     */
    private void common(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TEMP TABLE txt (k int PRIMARY KEY, subject text, description text, category text,"
                    + " priority text, terms text) ON COMMIT DROP");
            s.execute("CREATE TEMP TABLE staff (team_id text, team_name text, lead_id text, team_tier text,"
                    + " agent_id text, agent_name text, k int, n int, lead_name text) ON COMMIT DROP");
            s.execute("CREATE FUNCTION pg_temp.r(i int, k int) RETURNS float8 LANGUAGE sql STABLE AS"
                    + " $$ SELECT ((hashtextextended(i::text || ':' || k::text, " + seed
                    + ") >> 11) & 9007199254740991)::float8"
                    + " / 9007199254740992 $$");
            s.execute("CREATE FUNCTION pg_temp.u(t text) RETURNS uuid LANGUAGE sql IMMUTABLE AS"
                    + " $$ SELECT overlay(overlay(md5(t) PLACING '4' FROM 13) PLACING '8' FROM 17)::uuid $$");
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO txt VALUES (?, ?, ?, ?, ?, NULL)")) {
            for (int k = 0; k < texts.size(); k++) {
                String[] t = texts.get(k);
                p.setInt(1, k);
                p.setString(2, t[0]);
                p.setString(3, t[1]);
                p.setString(4, t[2]);
                p.setString(5, t[3]);
                p.addBatch();
            }
            p.executeBatch();
        }
        try (PreparedStatement p = c.prepareStatement("INSERT INTO staff VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (String[] a : staff) {
                for (int i = 0; i < 6; i++) {
                    p.setString(i + 1, a[i]);
                }
                p.setInt(7, Integer.parseInt(a[6]));
                p.setInt(8, Integer.parseInt(a[7]));
                p.setString(9, a[8]);
                p.addBatch();
            }
            p.executeBatch();
        }
        exec(
                c,
                null,
                "UPDATE txt SET terms = array_to_string(tsvector_to_array(to_tsvector('english',"
                        + " subject || ' ' || description)), ' ')");
        exec(c, null, HIST);
        exec(c, null, ESCALATIONS);
        exec(c, null, NOTICES);
        exec(
                c,
                null,
                "UPDATE hist h SET notices = h.notices + x.targets, escalations = x.n FROM (SELECT i, count(*) AS n,"
                        + " sum(jsonb_array_length(targets)) AS targets FROM esc GROUP BY i) x WHERE h.i = x.i");
        exec(c, null, "CREATE INDEX ON hist (i)");
        exec(c, null, EVENTS);
    }

    /** The SQL with this run's values in place of {@code {RUN}}, {@code {NOW}} & co. */
    private String fill(String sql) {
        return sql.replace("{RUN}", run)
                .replace("{NOW}", now)
                .replace("{N}", Integer.toString(count))
                .replace("{TEXTS}", Integer.toString(texts.size()))
                .replace("{OPEN}", Double.toString(openFraction))
                .replace("{DAYS}", Integer.toString(days))
                .replace("{WINDOW}", Integer.toString(RECURRING_WINDOW_DAYS))
                .replace("{RETENTION}", Integer.toString(INBOX_RETENTION_DAYS));
    }

    /** What every service's consumers took in: one processed-event row per consumer and event (within retention). */
    private void processed(Connection c, String... consumers) throws SQLException {
        StringBuilder values = new StringBuilder();
        for (String consumer : consumers) {
            String[] p = consumer.split(" ");
            values.append(values.length() == 0 ? "" : ", ")
                    .append("('")
                    .append(p[0])
                    .append("', '")
                    .append(p[1])
                    .append("', ")
                    .append(p.length > 2 ? "'{" + p[2] + "}'::text[]" : "NULL::text[]")
                    .append(")");
        }
        exec(
                c,
                consumers[0].substring(0, consumers[0].indexOf('.')) + ".processed_event",
                "INSERT INTO processed_event (consumer, event_id, processed_at)"
                        + " SELECT k.consumer, e.event_id, e.at + interval '20 milliseconds' FROM ev e"
                        + " JOIN (VALUES " + values + ") k(consumer, topic, kinds) ON k.topic = e.topic"
                        + " AND (k.kinds IS NULL OR e.kind = ANY(k.kinds))"
                        + " WHERE e.at >= {NOW} - interval '{RETENTION} days'");
    }

    // ---------------------------------------------------------------------------------------------------- intake

    private String intake(Connection c) throws SQLException {
        // refs from intake's own sequence, in creation order: never a clash with a ticket the running intake writes
        exec(
                c,
                null,
                "CREATE TEMP TABLE refs ON COMMIT DROP AS SELECT i, 'TS-' || nextval('ticket_ref_seq') AS ref"
                        + " FROM (SELECT i FROM hist ORDER BY created_at, i) o");
        exec(
                c,
                "intake.ticket",
                "INSERT INTO ticket (id, type, channel, status, subject, description, customer_id, customer_email,"
                        + " customer_tier, customer_language, tags, category, priority, team_id, assignee_id,"
                        + " created_at, updated_at, resolved_at, classified_category, classified_priority,"
                        + " time_logged_minutes, resolution_category, resolution_summary, closed_at, ref)"
                        + " SELECT h.id, h.type, h.channel, h.status, h.subject, h.description, h.customer_id,"
                        + " h.customer_email, h.tier, h.language, '{}', h.category, h.priority, h.team_id,"
                        + " h.agent_id, h.created_at, h.updated_at, h.resolved_at, h.category, h.priority,"
                        + " h.time_minutes,"
                        + " CASE WHEN h.closed THEN (ARRAY['fixed', 'fixed', 'fixed', 'answered', 'workaround',"
                        + " 'duplicate', 'not_reproducible', 'no_response'])[1 + floor(pg_temp.r(h.i, 30) * 8)::int]"
                        + " END,"
                        + " CASE WHEN h.closed THEN 'Resolved by ' || h.agent_name || ': ' || left(h.subject, 60) END,"
                        + " h.closed_at, f.ref FROM hist h JOIN refs f ON f.i = h.i ORDER BY h.created_at");
        exec(
                c,
                "intake.ticket_comment",
                "INSERT INTO ticket_comment (id, ticket_id, author_id, author_role, visibility, body, created_at)"
                        + " SELECT pg_temp.u('{RUN}:c1:' || i), id, agent_id, 'AGENT', 'PUBLIC',"
                        + " 'Hello, thank you for the details. We are looking into \"' || subject || '\" and will"
                        + " update you shortly. ' || agent_name, first_response_at FROM hist"
                        + " UNION ALL SELECT pg_temp.u('{RUN}:c2:' || i), id, customer_id, 'CUSTOMER', 'PUBLIC',"
                        + " 'Thanks, here is more information: ' || left(description, 200), customer_comment_at"
                        + " FROM hist WHERE customer_comment_at IS NOT NULL");
        exec(
                c,
                "intake.ticket_time_entry",
                "INSERT INTO ticket_time_entry (id, ticket_id, minutes, note, work_date, logged_by, logged_at)"
                        + " SELECT pg_temp.u('{RUN}:te:' || i), id, time_minutes, 'investigation and fix',"
                        + " (resolved_at AT TIME ZONE 'UTC')::date, agent_id, resolved_at - interval '1 minute'"
                        + " FROM hist WHERE time_minutes > 0");
        exec(
                c,
                null,
                "CREATE TEMP TABLE escr ON COMMIT DROP AS SELECT e.*, (SELECT string_agg((t ->> 'name') || ' ('"
                        + " || (t ->> 'role') || ')', ', ') FROM jsonb_array_elements(e.targets) t) AS names FROM esc e");
        exec(
                c,
                "intake.ticket_escalation",
                "INSERT INTO ticket_escalation (escalation_id, ticket_id, level, rule, reason, team_id, targets,"
                        + " acknowledge_by, immediate, escalated_at) SELECT escalation_id, ticket_id,"
                        + " 'L1 ' || level_name, rule, " + ESCALATION_REASON + ", team_id, targets::text, at + ack,"
                        + " immediate, at + interval '30 milliseconds' FROM escr");
        processed(c, "intake.triage triage", "intake.routing routing");
        StringWriter out = new StringWriter();
        try {
            ((PGConnection) c.unwrap(PGConnection.class))
                    .getCopyAPI()
                    .copyOut("COPY (SELECT i, ref FROM refs) TO STDOUT", out);
        } catch (java.io.IOException e) {
            throw new SQLException(e);
        }
        return out.toString();
    }

    // ---------------------------------------------------------------------------------------------------- triage

    private Void triage(Connection c) throws SQLException {
        exec(
                c,
                "triage.triage_decision",
                "INSERT INTO triage_decision (ticket_id, category, priority, confidence, explanation,"
                        + " rule_pack_version, customer_tier, decided_at, source_event_id, subject, description)"
                        + " SELECT h.id, h.category, h.priority, round((0.45 + pg_temp.r(h.i, 31) * 0.5)::numeric, 3),"
                        + " json_build_object('scores', json_build_object(h.category, round((2 + pg_temp.r(h.i, 32)"
                        + " * 6)::numeric, 2)), 'matched_terms', json_build_object(h.category,"
                        + " (string_to_array(t.terms, ' '))[1:3]), 'negations', '[]'::json, 'priority_rule',"
                        + " 'matrix ' || h.tier || ' ' || h.priority)::text,"
                        + " coalesce((SELECT version FROM rule_pack ORDER BY seq DESC LIMIT 1), '1.4.0'), h.tier,"
                        + " h.triaged_at, h.created_event, h.subject, h.description"
                        + " FROM hist h JOIN txt t ON t.k = h.k");
        // recurring-issue detection keeps the tickets of its window (older ones are swept) and the clusters a ticket
        // joined within it; rows are stored under triage's advisory lock, in seq order, as the service does, so the
        // running triage reads them into its similarity index at its next decision
        try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_advisory_xact_lock(" + TRIAGE_RECURRING_LOCK + ")");
        }
        exec(
                c,
                "triage.recurring_ticket",
                "INSERT INTO recurring_ticket (ticket_id, customer_id, category, subject, description, terms,"
                        + " created_at) SELECT h.id, h.customer_id, h.category, h.subject, h.description, t.terms,"
                        + " h.created_at FROM hist h JOIN txt t ON t.k = h.k WHERE h.recurring ORDER BY h.created_at");
        exec(c, null, CLUSTER_MEMBERS);
        exec(c, null, "DELETE FROM cm WHERE size < 2");
        exec(
                c,
                "triage.recurring_cluster",
                "INSERT INTO recurring_cluster (cluster_id, category, signature, shared_terms, size,"
                        + " last_announced_size, first_detected_at, created_at, updated_at)"
                        + " SELECT cluster_id, min(category),"
                        + " array_to_string((string_to_array(min(terms) FILTER (WHERE pos = 1), ' '))[1:3], ' '),"
                        + " array_to_string((string_to_array(min(terms) FILTER (WHERE pos = 1), ' '))[1:6], ' '),"
                        + " max(size), CASE WHEN max(size) >= 5 THEN 5 WHEN max(size) >= 3 THEN 3 END,"
                        + " min(created_at) FILTER (WHERE pos = 3), min(created_at) FILTER (WHERE pos = 2),"
                        + " max(created_at) FROM cm GROUP BY cluster_id");
        exec(
                c,
                "triage.recurring_member",
                "INSERT INTO recurring_member (ticket_id, cluster_id, similarity, joined_at)"
                        + " SELECT m.id, m.cluster_id, round((0.35 + pg_temp.r(m.i, 34) * 0.5)::numeric, 3),"
                        + " CASE WHEN m.pos = 1 THEN (SELECT created_at FROM cm f WHERE f.cluster_id = m.cluster_id"
                        + " AND f.pos = 2) ELSE m.created_at END FROM cm m");
        exec(
                c,
                "triage.recurring_announcement",
                "INSERT INTO recurring_announcement (cluster_id, size, ticket_id, announced_at)"
                        + " SELECT cluster_id, pos, id, created_at FROM cm WHERE pos IN (3, 5)");
        processed(c, "triage.ticket-events ticket created");
        return null;
    }

    // --------------------------------------------------------------------------------------------------- routing

    /** The reason routing writes on an escalation (EscalationService), over {@code escr}. */
    private static final String ESCALATION_REASON = "description || ' (' || trigger_event || '); L1 ' || level_name"
            + " || ' → ' || names || CASE WHEN immediate THEN ' (immediately)' ELSE '' END || '; acknowledge by '"
            + " || to_char((at + ack) AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')";

    private Void routing(Connection c) throws SQLException {
        exec(
                c,
                "routing.routing_ticket",
                "INSERT INTO routing_ticket (ticket_id, customer_id, tier, language, category, priority, triaged_at,"
                        + " created_seen, triaged_seen, assigned, ticket_open, first_seen_at, status)"
                        + " SELECT id, customer_id, tier, language, category, priority, triaged_at, true, true, true,"
                        + " NOT closed, created_at + interval '50 milliseconds', status FROM hist");
        exec(
                c,
                "routing.assignment",
                "INSERT INTO assignment (ticket_id, team_id, team_name, team_lead_id, agent_id, agent_name, rule,"
                        + " reason, category, priority, customer_tier, language, open, triaged_at, assigned_at,"
                        + " closed_at, customer_id, tier, reassignments)"
                        + " SELECT id, team_id, team_name, lead_id, agent_id, agent_name, rule,"
                        + " 'category ' || category || ' → ' || team_id || ' (rule ' || rule || '); agent chosen '"
                        + " || CASE WHEN rule IN ('safety', 'security', 'default') THEN 'least loaded'"
                        + " ELSE 'round-robin' END || ' among ' || language || ' speakers', category, priority, tier,"
                        + " language, NOT closed, triaged_at, assigned_at, CASE WHEN closed THEN resolved_at END,"
                        + " customer_id, nullif(team_tier, ''), 0 FROM hist");
        // what the escalation matrix opened (all acknowledged) and its "fires once" guard
        exec(
                c,
                null,
                "CREATE TEMP TABLE escr ON COMMIT DROP AS SELECT e.*, (SELECT string_agg((t ->> 'name') || ' ('"
                        + " || (t ->> 'role') || ')', ', ') FROM jsonb_array_elements(e.targets) t) AS names,"
                        + " ARRAY(SELECT t ->> 'staff_id' FROM jsonb_array_elements(e.targets) t) AS target_ids FROM esc e");
        exec(
                c,
                "routing.escalation",
                "INSERT INTO escalation (id, ticket_id, rule, level, level_name, state, reason, trigger_event, team_id,"
                        + " ticket_team_id, targets, target_ids, immediate, created_at, acknowledge_by,"
                        + " acknowledged_at, acknowledged_by) SELECT escalation_id, ticket_id, rule, 1, level_name,"
                        + " 'ACKNOWLEDGED', " + ESCALATION_REASON + ", trigger_event, team_id, ticket_team_id,"
                        + " targets::text, target_ids, immediate, at, at + ack, at + ack * 0.4, target_ids[1]"
                        + " FROM escr");
        exec(
                c,
                "routing.escalation_fired",
                "INSERT INTO escalation_fired (dedupe_key, escalation_id, fired_at)"
                        + " SELECT dedupe_key, escalation_id, at FROM esc");
        // the maintained load counter follows the open assignments added
        exec(
                c,
                "routing.agent (open_assignments +)",
                "UPDATE agent a SET open_assignments = a.open_assignments + o.n FROM (SELECT agent_id, count(*) AS n"
                        + " FROM hist WHERE NOT closed GROUP BY agent_id) o WHERE a.id = o.agent_id");
        processed(
                c,
                "routing.ticket-events ticket created,status",
                "routing.triage-events triage triaged",
                "routing.escalations.ticket-events ticket created,status",
                "routing.escalations.triage-events triage",
                "routing.escalations.sla-events sla breached");
        return null;
    }

    // ------------------------------------------------------------------------------------------------------- sla

    private Void sla(Connection c) throws SQLException {
        exec(
                c,
                "sla.sla_ticket",
                "INSERT INTO sla_ticket (ticket_id, created_at, ticket_type, customer_tier, priority, status,"
                        + " first_response_at, resolved_at, assignee_id, team_id, team_lead_id, updated_at)"
                        + " SELECT id, created_at, type, tier, priority, status, first_response_at, resolved_at,"
                        + " agent_id, team_id, lead_id, updated_at FROM hist");
        exec(
                c,
                "sla.sla_clock",
                "INSERT INTO sla_clock (id, ticket_id, clock, cycle, priority, target_millis, started_at, due_at,"
                        + " state, met_at, within_target, paused_at, paused_millis)"
                        + " SELECT pg_temp.u('{RUN}:k1:' || i), id, 'RESPONSE', 1, priority, resp_ms, created_at,"
                        + " created_at + resp_ms * interval '1 millisecond', 'MET', first_response_at, resp_within,"
                        + " NULL, 0 FROM hist"
                        + " UNION ALL SELECT pg_temp.u('{RUN}:k2:' || i), id, 'RESOLUTION', 1, priority, resol_ms,"
                        + " created_at, created_at + resol_ms * interval '1 millisecond',"
                        + " CASE WHEN closed THEN 'MET' ELSE 'RUNNING' END, resolved_at,"
                        + " CASE WHEN closed THEN resol_within END, paused_at, 0 FROM hist");
        // every threshold of a stopped clock fired (due before it stopped) or was cancelled when it stopped; a paused
        // clock's thresholds not due at the pause are held; nothing pending is due
        exec(
                c,
                "sla.sla_threshold",
                "INSERT INTO sla_threshold (id, ticket_id, clock, cycle, percent, fire_at, fired_at, cancelled_at,"
                        + " held_since)"
                        + " SELECT pg_temp.u('{RUN}:t:' || h.i || ':' || x.clock || ':' || p.pct), h.id, x.clock, 1,"
                        + " p.pct, x.fire, CASE WHEN x.fire <= x.stop THEN x.fire + interval '40 milliseconds' END,"
                        + " CASE WHEN x.fire > x.stop AND x.stopped THEN x.stop END,"
                        + " CASE WHEN x.fire > x.stop AND NOT x.stopped THEN x.stop END"
                        + " FROM hist h CROSS JOIN (VALUES (50), (75), (100), (125)) p(pct)"
                        + " CROSS JOIN LATERAL (VALUES ('RESPONSE', h.created_at + h.resp_ms * p.pct / 100"
                        + " * interval '1 millisecond', h.first_response_at, true), ('RESOLUTION', h.created_at"
                        + " + h.resol_ms * p.pct / 100 * interval '1 millisecond', h.resol_stop, h.closed))"
                        + " x(clock, fire, stop, stopped)");
        exec(
                c,
                "sla.sla_pause",
                "INSERT INTO sla_pause (id, ticket_id, clock, cycle, reason, paused_at)"
                        + " SELECT pg_temp.u('{RUN}:p:' || i), id, 'RESOLUTION', 1, status, paused_at FROM hist"
                        + " WHERE paused_at IS NOT NULL");
        exec(
                c,
                "sla.sla_clock_event",
                "INSERT INTO sla_clock_event (id, ticket_id, clock, cycle, event, at, priority, due_at, within_target,"
                        + " detail) SELECT pg_temp.u('{RUN}:e:' || h.i || ':' || x.clock || ':' || x.event), h.id,"
                        + " x.clock, 1, x.event, x.at, h.priority, x.due, x.within, x.detail FROM hist h"
                        + " CROSS JOIN LATERAL (VALUES"
                        + " ('RESPONSE', 'started', h.created_at, h.created_at + h.resp_ms * interval '1 millisecond',"
                        + " NULL::boolean, NULL),"
                        + " ('RESOLUTION', 'started', h.created_at, h.created_at + h.resol_ms"
                        + " * interval '1 millisecond', NULL, NULL),"
                        + " ('RESPONSE', 'met', h.first_response_at, h.created_at + h.resp_ms"
                        + " * interval '1 millisecond', h.resp_within, CASE WHEN h.resp_within THEN 'within target'"
                        + " ELSE 'after its due instant' END),"
                        + " ('RESOLUTION', 'met', h.resolved_at, h.created_at + h.resol_ms * interval '1 millisecond',"
                        + " h.resol_within, CASE WHEN h.resol_within THEN 'within target'"
                        + " ELSE 'after its due instant' END))"
                        + " x(clock, event, at, due, within, detail) WHERE x.at IS NOT NULL");
        processed(
                c,
                "sla.ticket-events ticket created,comment,status",
                "sla.triage-events triage triaged",
                "sla.routing-events routing assigned");
        return null;
    }

    // ---------------------------------------------------------------------------------------------- notification

    private Void notification(Connection c, String refs) throws SQLException {
        exec(c, null, "CREATE TEMP TABLE refs (i int PRIMARY KEY, ref text) ON COMMIT DROP");
        try {
            ((PGConnection) c.unwrap(PGConnection.class))
                    .getCopyAPI()
                    .copyIn("COPY refs FROM STDIN", new StringReader(refs));
        } catch (java.io.IOException e) {
            throw new SQLException(e);
        }
        exec(
                c,
                "notification.notification_ticket",
                "INSERT INTO notification_ticket (ticket_id, type, subject, customer_id, customer_email, created_at,"
                        + " ref) SELECT h.id, h.type, h.subject, h.customer_id, h.customer_email, h.created_at, f.ref"
                        + " FROM hist h JOIN refs f ON f.i = h.i");
        // the notices each ticket's events made (NotificationPlanner): the customer's acknowledgement, reply,
        // resolution and waiting notices; the assignee's; per clock the warning (50 %) to the assignee and (75 %) to
        // the team lead, the breach to the manager and the customer, the escalation (125 %) to the director
        exec(
                c,
                null,
                "CREATE TEMP TABLE nt ON COMMIT DROP AS SELECT pg_temp.u('{RUN}:n:' || h.i || ':' || x.kind || ':' || x.src) AS id,"
                        + " h.i, h.id AS ticket_id, x.kind, x.role, x.recipient, x.at, x.email,"
                        + " pg_temp.u('{RUN}:ev:' || h.i || ':' || x.src) AS source_event_id, h.subject, f.ref"
                        + " FROM hist h JOIN refs f ON f.i = h.i CROSS JOIN LATERAL (VALUES"
                        + " ('ticket-acknowledged', 'CUSTOMER', h.customer_email, 'created', h.created_at, true),"
                        + " ('ticket-assigned', 'AGENT', h.agent_id, 'assigned', h.assigned_at, false),"
                        + " ('ticket-replied', 'CUSTOMER', h.customer_email, 'comment1', h.first_response_at, true),"
                        + " ('ticket-resolved', 'CUSTOMER', h.customer_email, 'resolved', h.resolved_at, true),"
                        + " ('ticket-waiting-for-customer', 'CUSTOMER', h.customer_email, 'paused', h.paused_at, true),"
                        + " ('sla-warning-assignee', 'AGENT', h.agent_id, 'RESPONSE50', h.r50, false),"
                        + " ('sla-warning-team-lead', 'TEAM_LEAD', h.lead_id, 'RESPONSE75', h.r75, false),"
                        + " ('sla-breached-manager', 'MANAGER', h.manager_id, 'RESPONSE100', h.r100, true),"
                        + " ('sla-breached-customer', 'CUSTOMER', h.customer_email, 'RESPONSE100', h.r100, true),"
                        + " ('sla-escalated-director', 'DIRECTOR', h.director_id, 'RESPONSE125', h.r125, true),"
                        + " ('sla-warning-assignee', 'AGENT', h.agent_id, 'RESOLUTION50', h.s50, false),"
                        + " ('sla-warning-team-lead', 'TEAM_LEAD', h.lead_id, 'RESOLUTION75', h.s75, false),"
                        + " ('sla-breached-manager', 'MANAGER', h.manager_id, 'RESOLUTION100', h.s100, true),"
                        + " ('sla-breached-customer', 'CUSTOMER', h.customer_email, 'RESOLUTION100', h.s100, true),"
                        + " ('sla-escalated-director', 'DIRECTOR', h.director_id, 'RESOLUTION125', h.s125, true))"
                        + " x(kind, role, recipient, src, at, email) WHERE x.at IS NOT NULL"
                        + " UNION ALL SELECT pg_temp.u('{RUN}:n:' || e.i || ':esc' || e.n || ':' || (t ->> 'staff_id')),"
                        + " e.i, e.ticket_id, CASE WHEN e.immediate THEN 'ticket-escalated-page'"
                        + " ELSE 'ticket-escalated' END, 'ESCALATION_TARGET', t ->> 'staff_id', e.at, false, e.event_id,"
                        + " h.subject, f.ref FROM esc e JOIN hist h ON h.i = e.i JOIN refs f ON f.i = e.i"
                        + " CROSS JOIN LATERAL jsonb_array_elements(e.targets) t");
        exec(
                c,
                "notification.notification",
                "INSERT INTO notification (id, recipient, recipient_role, kind, ticket_id, subject, body,"
                        + " source_event_id, created_at) SELECT id, recipient, role, kind, ticket_id,"
                        + " initcap(replace(kind, '-', ' ')) || ': ' || subject,"
                        + " 'Hello,' || chr(10) || chr(10) || 'about your request \"' || subject || '\" (' || ref"
                        + " || '): ' || replace(kind, '-', ' ') || '.' || chr(10) || chr(10) || 'Ticket Suite Support',"
                        + " source_event_id, at + interval '300 milliseconds' FROM nt");
        exec(
                c,
                "notification.email_outbox",
                "INSERT INTO email_outbox (id, notification_id, source_event_id, recipient, recipient_role, kind,"
                        + " ticket_id, to_address, subject, body, message_id, status, attempts, next_attempt_at,"
                        + " created_at, sent_at) SELECT pg_temp.u('{RUN}:m:' || n.id), n.id, n.source_event_id,"
                        + " n.recipient, n.role, n.kind, n.ticket_id, coalesce(d.email, n.recipient),"
                        + " '[' || n.ref || '] ' || initcap(replace(n.kind, '-', ' ')) || ': ' || n.subject,"
                        + " 'Hello,' || chr(10) || chr(10) || 'about your request \"' || n.subject || '\": '"
                        + " || replace(n.kind, '-', ' ') || '.' || chr(10) || chr(10) || 'Ticket Suite Support',"
                        + " '<' || n.id || '.' || n.ticket_id || '@ticketsuite.local>', 'SENT', 1,"
                        + " n.at + interval '300 milliseconds', n.at + interval '300 milliseconds',"
                        + " n.at + interval '2 seconds' FROM nt n"
                        + " LEFT JOIN (SELECT DISTINCT ON (staff_id) staff_id, email FROM recipient ORDER BY staff_id)"
                        + " d ON d.staff_id = n.recipient"
                        + " WHERE n.email AND (n.role = 'CUSTOMER' OR d.email LIKE '%@%')");
        exec(
                c,
                "notification.csat_resolution",
                "INSERT INTO csat_resolution (ticket_id, resolved_at, score, comment, answered_by, answered_at)"
                        + " SELECT id, resolved_at, csat, CASE WHEN csat IS NOT NULL THEN 'thanks' END,"
                        + " CASE WHEN csat IS NOT NULL THEN customer_id END, csat_at FROM hist WHERE closed");
        processed(
                c,
                "notification.ticket-events ticket created,status,comment",
                "notification.routing-events routing",
                "notification.sla-events sla warning,breached,escalated",
                "notification.csat ticket status",
                "notification.webhooks ticket",
                "notification.webhooks triage",
                "notification.webhooks routing",
                "notification.webhooks sla");
        return null;
    }

    // ------------------------------------------------------------------------------------------------- reporting

    private static final String[] DAILY = {
        "created",
        "resolved",
        "resolved_on_day",
        "open_now",
        "reopened",
        "reopen_events",
        "fcr",
        "escalated",
        "triage_n",
        "triage_s",
        "assign_n",
        "assign_s",
        "frt_n",
        "frt_s",
        "res_n",
        "res_s",
        "resp_met",
        "resp_breached",
        "resol_met",
        "resol_breached",
        "sla_warnings",
        "sla_breaches",
        "sla_escalations",
        "csat_n",
        "csat_sum",
        "logged_minutes"
    };

    private Void reporting(Connection c) throws SQLException {
        exec(
                c,
                "reporting.report_ticket",
                "INSERT INTO report_ticket (ticket_id, type, channel, tier, created_at, status, status_at, resolved_at,"
                        + " reopens, category, priority, classified_at, triaged_at, team, assignee, assignment_at,"
                        + " assigned_at, escalations, first_response_at, sla_warnings, sla_breaches, sla_escalations,"
                        + " response_warned, resolution_warned, response_breached, resolution_breached,"
                        + " response_met_within, resolution_met_within, notifications, csat_score, csat_at,"
                        + " updated_at, subject, agent_replies, time_logged_minutes)"
                        + " SELECT id, type, channel, tier, created_at, status, updated_at, resolved_at, 0, category,"
                        + " priority, triaged_at, triaged_at, team_id, agent_id, assigned_at, assigned_at, escalations,"
                        + " first_response_at,"
                        + " (r50 IS NOT NULL)::int + (r75 IS NOT NULL)::int + (s50 IS NOT NULL)::int"
                        + " + (s75 IS NOT NULL)::int, (r100 IS NOT NULL)::int + (s100 IS NOT NULL)::int,"
                        + " (r125 IS NOT NULL)::int + (s125 IS NOT NULL)::int, r75 IS NOT NULL, s75 IS NOT NULL,"
                        + " r100 IS NOT NULL, s100 IS NOT NULL, resp_within, CASE WHEN closed THEN resol_within END,"
                        + " notices, csat, csat_at, updated_at, subject, 1, time_minutes FROM hist");
        // the aggregates the row trigger keeps (report_contributions & co.), added for the new rows set-based, in the
        // trigger's order (tables daily, daily_hist, monthly, monthly_hist, backlog; keys sorted in each) so that a
        // running reporting-service applying events meanwhile never deadlocks with this transaction
        String sums = String.join(
                ", ",
                java.util.Arrays.stream(DAILY).map(d -> "sum(c." + d + ")").toList());
        String adds = String.join(
                ", ",
                java.util.Arrays.stream(DAILY)
                        .map(d -> d + " = d." + d + " + EXCLUDED." + d)
                        .toList());
        String newRows = " FROM report_ticket t JOIN hist h ON h.id = t.ticket_id";
        exec(
                c,
                "reporting.report_daily (upserted)",
                "INSERT INTO report_daily AS d SELECT c.day, c.dim, c.val, " + sums + newRows
                        + ", LATERAL report_contributions(t) c GROUP BY 1, 2, 3 ORDER BY 1, 2, 3"
                        + " ON CONFLICT (day, dim, val) DO UPDATE SET " + adds);
        exec(
                c,
                "reporting.report_daily_hist (upserted)",
                "INSERT INTO report_daily_hist AS d SELECT c.day, c.measure, c.prio, c.bucket, count(*)" + newRows
                        + ", LATERAL report_hist_contributions(t) c GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4"
                        + " ON CONFLICT (day, measure, prio, bucket) DO UPDATE SET n = d.n + EXCLUDED.n");
        exec(
                c,
                "reporting.report_monthly (upserted)",
                "INSERT INTO report_monthly AS d SELECT date_trunc('month', c.day)::date, c.dim, c.val, " + sums
                        + newRows + ", LATERAL report_contributions(t) c GROUP BY 1, 2, 3 ORDER BY 1, 2, 3"
                        + " ON CONFLICT (month, dim, val) DO UPDATE SET " + adds);
        exec(
                c,
                "reporting.report_monthly_hist (upserted)",
                "INSERT INTO report_monthly_hist AS d SELECT date_trunc('month', c.day)::date, c.measure, c.prio,"
                        + " c.bucket, count(*)" + newRows
                        + ", LATERAL report_hist_contributions(t) c GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4"
                        + " ON CONFLICT (month, measure, prio, bucket) DO UPDATE SET n = d.n + EXCLUDED.n");
        exec(
                c,
                "reporting.report_backlog_daily (upserted)",
                "INSERT INTO report_backlog_daily AS d SELECT c.day, c.team, c.priority, sum(c.open), sum(c.at_risk)"
                        + newRows + ", LATERAL report_backlog_contribution(t) c GROUP BY 1, 2, 3 ORDER BY 1, 2, 3"
                        + " ON CONFLICT (day, team, priority) DO UPDATE SET open = d.open + EXCLUDED.open,"
                        + " at_risk = d.at_risk + EXCLUDED.at_risk");
        // the recurring issues triage announced (issue.recurring-detected), as reporting keeps them
        exec(c, null, CLUSTER_MEMBERS);
        exec(c, null, "DELETE FROM cm WHERE size < 3");
        exec(
                c,
                "reporting.report_cluster",
                "INSERT INTO report_cluster (cluster_key, signature, category, detected_at)"
                        + " SELECT cluster_id::text, array_to_string((string_to_array(min(terms) FILTER"
                        + " (WHERE pos = 1), ' '))[1:3], ' '), min(category), min(created_at) FILTER (WHERE pos = 3)"
                        + " FROM cm GROUP BY cluster_id");
        exec(
                c,
                "reporting.report_cluster_ticket",
                "INSERT INTO report_cluster_ticket (cluster_key, ticket_id) SELECT cluster_id::text, id FROM cm");
        processed(
                c,
                "reporting.ticket-events ticket",
                "reporting.triage-events triage",
                "reporting.routing-events routing",
                "reporting.sla-events sla",
                "reporting.notification-events notification");
        return null;
    }

    /**
     * One row per ticket. Closed tickets: created over the last {@code :days} days (early enough to have been
     * closed), triaged and assigned within seconds, first answered and resolved after a fraction of their targets
     * (some late), closed 1-72 h after resolution. Open tickets (created within 3 days): answered; resolution clock
     * either breached (every threshold behind it: IN_PROGRESS) or paused waiting for the customer (what was not due
     * at the pause is held). Times in seconds from creation; the policy's targets per tier and priority.
     */
    private static final String HIST = """
            CREATE TEMP TABLE hist ON COMMIT DROP AS
            WITH a AS (
              SELECT i, pg_temp.u('{RUN}:' || i) AS id, pg_temp.u('{RUN}:ev:' || i || ':created') AS created_event,
                pg_temp.r(i, 1) < {OPEN} AS open,
                CASE WHEN pg_temp.r(i, 1) < {OPEN} OR pg_temp.r(i, 3) >= 0.15 THEN 'SUPPORT' ELSE 'QUESTION' END AS type,
                CASE WHEN pg_temp.r(i, 4) < 0.3 THEN 'EMAIL' WHEN pg_temp.r(i, 4) < 0.6 THEN 'WEB'
                     WHEN pg_temp.r(i, 4) < 0.75 THEN 'API' WHEN pg_temp.r(i, 4) < 0.9 THEN 'CHAT' ELSE 'PHONE' END AS channel,
                CASE WHEN pg_temp.r(i, 5) < 0.15 THEN 'ENTERPRISE' WHEN pg_temp.r(i, 5) < 0.45 THEN 'PROFESSIONAL'
                     WHEN pg_temp.r(i, 5) < 0.75 THEN 'STARTER' ELSE 'FREE' END AS tier,
                floor(pg_temp.r(i, 6) ^ 3 * 5000)::int AS cn,
                CASE WHEN pg_temp.r(i, 22) < 0.85 THEN 'en' WHEN pg_temp.r(i, 22) < 0.9 THEN 'de'
                     WHEN pg_temp.r(i, 22) < 0.95 THEN 'fr' ELSE 'es' END AS language,
                floor(pg_temp.r(i, 7) * {TEXTS})::int AS k
              FROM generate_series(1, {N}) i
            ), b AS (
              SELECT a.*, t.subject, t.description,
                CASE WHEN t.category IN ('safety', 'security', 'billing', 'account', 'integration', 'technical',
                     'feature') THEN t.category ELSE 'general' END AS category,
                CASE WHEN pg_temp.r(a.i, 8) < 0.03 THEN 'P1' ELSE coalesce(t.priority, 'P3') END AS priority
              FROM a JOIN txt t ON t.k = a.k
            ), c AS (
              SELECT b.*,
                CASE WHEN category = 'safety' THEN 'safety'
                     WHEN category = 'billing' AND tier = 'ENTERPRISE' THEN 'billing-enterprise'
                     WHEN category = 'technical' AND tier = 'ENTERPRISE' THEN 'technical-enterprise'
                     WHEN category IN ('billing', 'security', 'technical', 'account', 'feature', 'integration')
                     THEN category ELSE 'default' END AS rule,
                CASE WHEN category = 'safety' THEN 'clinical-safety'
                     WHEN category = 'billing' AND tier = 'ENTERPRISE' THEN 'account-management'
                     WHEN category = 'billing' THEN 'billing' WHEN category = 'security' THEN 'security'
                     WHEN category = 'technical' AND tier = 'ENTERPRISE' THEN 'eng-tier2'
                     WHEN category = 'account' THEN 'account' WHEN category = 'feature' THEN 'product'
                     WHEN category = 'integration' THEN 'devrel' ELSE 'eng-tier1' END AS rule_team,
                1000 * CASE priority
                  WHEN 'P1' THEN CASE tier WHEN 'ENTERPRISE' THEN 900 WHEN 'PROFESSIONAL' THEN 1800
                                 WHEN 'STARTER' THEN 3600 ELSE 14400 END
                  WHEN 'P2' THEN CASE tier WHEN 'ENTERPRISE' THEN 3600 WHEN 'PROFESSIONAL' THEN 7200
                                 WHEN 'STARTER' THEN 14400 ELSE 86400 END
                  WHEN 'P3' THEN 14400 ELSE 86400 END::bigint AS resp_ms,
                1000 * CASE priority WHEN 'P1' THEN 14400 WHEN 'P2' THEN 28800 WHEN 'P3' THEN 172800
                  ELSE 432000 END::bigint AS resol_ms,
                0.5 + pg_temp.r(i, 12) * 2.5 AS triage_s,
                600 + pg_temp.r(i, 2) * 3 * 86400 AS age_open
              FROM b
            ), d AS (
              SELECT c.*, s.team_id, s.team_name, s.lead_id, s.lead_name, s.team_tier, s.agent_id, s.agent_name,
                c.triage_s + 0.3 + pg_temp.r(c.i, 13) * 2 AS assign_s,
                greatest(c.triage_s + 40, c.resp_ms / 1000.0 * (0.05 + pg_temp.r(c.i, 10) ^ 2 * 1.3)) AS frt_raw
              FROM c JOIN staff s ON s.team_id = CASE WHEN c.rule_team IN (SELECT team_id FROM staff) THEN c.rule_team
                ELSE (SELECT min(team_id) FROM staff) END AND s.k = floor(pg_temp.r(c.i, 9) * s.n)::int
            ), e AS (
              SELECT d.*,
                CASE WHEN open THEN least(frt_raw, 0.3 * age_open) ELSE frt_raw END AS frt_s,
                greatest(frt_raw + 600, resol_ms / 1000.0 * (0.1 + pg_temp.r(i, 11) ^ 2 * 1.25)) AS res_raw
              FROM d
            ), f AS (
              SELECT e.*, NOT open AS closed,
                CASE WHEN open THEN NULL ELSE res_raw END AS res_s,
                CASE WHEN open THEN NULL ELSE res_raw + 3600 + pg_temp.r(i, 14) * 71 * 3600 END AS close_s,
                open AND 1.25 * resol_ms / 1000.0 > age_open - 60 AS waiting
              FROM e
            ), g AS (
              SELECT f.*,
                CASE WHEN open THEN {NOW} - age_open * interval '1 second'
                     ELSE least({NOW} - pg_temp.r(i, 2) * {DAYS} * interval '1 day',
                                {NOW} - (close_s + 300) * interval '1 second') END AS created_at,
                CASE WHEN waiting THEN 0.6 * age_open END AS pause_s
              FROM f
            )
            SELECT g.i, g.id, g.created_event, g.open, g.closed, g.type, g.channel, g.tier, g.language, g.k,
              'hist-c-' || g.cn AS customer_id, 'hist-c-' || g.cn || '@example.com' AS customer_email,
              g.subject, g.description, g.category, g.priority, g.rule, g.team_id, g.team_name, g.lead_id, g.lead_name,
              g.team_tier,
              g.agent_id, g.agent_name, g.resp_ms, g.resol_ms,
              CASE g.team_id WHEN 'billing' THEN 'mgr-billing' WHEN 'account-management' THEN 'mgr-accounts'
                WHEN 'eng-tier1' THEN 'mgr-engineering' WHEN 'eng-tier2' THEN 'mgr-engineering'
                WHEN 'eng-tier3' THEN 'mgr-engineering' WHEN 'security' THEN 'mgr-security'
                WHEN 'product' THEN 'mgr-product' WHEN 'devrel' THEN 'mgr-devrel' WHEN 'account' THEN 'mgr-account'
                ELSE 'mgr-support' END AS manager_id,
              CASE WHEN g.team_id LIKE 'eng-tier%' THEN 'dir-engineering' WHEN g.team_id = 'security'
                THEN 'dir-security' ELSE 'dir-support' END AS director_id,
              CASE WHEN g.closed THEN 'CLOSED' WHEN g.waiting THEN 'WAITING_FOR_CUSTOMER' ELSE 'IN_PROGRESS' END
                AS status,
              g.created_at,
              g.created_at + g.triage_s * interval '1 second' AS triaged_at,
              g.created_at + g.assign_s * interval '1 second' AS assigned_at,
              g.created_at + g.frt_s * interval '1 second' AS first_response_at,
              g.created_at + g.res_s * interval '1 second' AS resolved_at,
              g.created_at + g.close_s * interval '1 second' AS closed_at,
              g.created_at + g.pause_s * interval '1 second' AS paused_at,
              CASE WHEN g.closed AND pg_temp.r(g.i, 15) < 0.3
                THEN g.created_at + (g.frt_s + (g.res_s - g.frt_s) * 0.5) * interval '1 second' END
                AS customer_comment_at,
              g.created_at + coalesce(g.close_s, g.pause_s, g.frt_s + 1) * interval '1 second' AS updated_at,
              g.created_at + coalesce(g.res_s, g.pause_s, g.age_open) * interval '1 second' AS resol_stop,
              g.frt_s * 1000 <= g.resp_ms AS resp_within,
              g.res_s * 1000 <= g.resol_ms AS resol_within,
              CASE WHEN g.resp_ms * 0.50 <= g.frt_s * 1000 THEN g.created_at + g.resp_ms * 0.50 * interval '1 millisecond' END AS r50,
              CASE WHEN g.resp_ms * 0.75 <= g.frt_s * 1000 THEN g.created_at + g.resp_ms * 0.75 * interval '1 millisecond' END AS r75,
              CASE WHEN g.resp_ms * 1.00 <= g.frt_s * 1000 THEN g.created_at + g.resp_ms * 1.00 * interval '1 millisecond' END AS r100,
              CASE WHEN g.resp_ms * 1.25 <= g.frt_s * 1000 THEN g.created_at + g.resp_ms * 1.25 * interval '1 millisecond' END AS r125,
              CASE WHEN g.resol_ms * 0.50 <= coalesce(g.res_s, g.pause_s, g.age_open) * 1000 THEN g.created_at + g.resol_ms * 0.50 * interval '1 millisecond' END AS s50,
              CASE WHEN g.resol_ms * 0.75 <= coalesce(g.res_s, g.pause_s, g.age_open) * 1000 THEN g.created_at + g.resol_ms * 0.75 * interval '1 millisecond' END AS s75,
              CASE WHEN g.resol_ms * 1.00 <= coalesce(g.res_s, g.pause_s, g.age_open) * 1000 THEN g.created_at + g.resol_ms * 1.00 * interval '1 millisecond' END AS s100,
              CASE WHEN g.resol_ms * 1.25 <= coalesce(g.res_s, g.pause_s, g.age_open) * 1000 THEN g.created_at + g.resol_ms * 1.25 * interval '1 millisecond' END AS s125,
              CASE WHEN g.type = 'SUPPORT' AND g.closed AND pg_temp.r(g.i, 16) < 0.4
                THEN 15 + floor(pg_temp.r(g.i, 17) * 225)::int ELSE 0 END AS time_minutes,
              CASE WHEN g.closed AND pg_temp.r(g.i, 18) < 0.25 THEN least(5, 1 + floor(sqrt(pg_temp.r(g.i, 19)) * 5)::int)
                END AS csat,
              CASE WHEN g.closed AND pg_temp.r(g.i, 18) < 0.25
                THEN g.created_at + (g.res_s + (g.close_s - g.res_s) * 0.5) * interval '1 second' END AS csat_at,
              g.type <> 'ESCALATION' AND g.created_at >= {NOW} - interval '{WINDOW} days' AS recurring,
              0 AS notices, 0 AS emails, 0 AS escalations
            FROM g
            """;

    /**
     * The events of each ticket still within the inbox retention (topic, kind, instant, id — the same id in every
     * database), and the notices count of each ticket (one notification.delivered per in-app notice and per e-mail).
     */
    private static final String EVENTS = """
            CREATE TEMP TABLE ev ON COMMIT DROP AS
            SELECT h.i, x.topic, x.kind, x.at, pg_temp.u('{RUN}:ev:' || h.i || ':' || x.src) AS event_id
            FROM hist h CROSS JOIN LATERAL (VALUES
              ('ticket', 'created', 'created', h.created_at),
              ('ticket', 'status', 'triagedst', h.triaged_at + interval '50 milliseconds'),
              ('ticket', 'status', 'assignedst', h.assigned_at + interval '50 milliseconds'),
              ('ticket', 'updated', 'triagedup', h.triaged_at + interval '60 milliseconds'),
              ('ticket', 'updated', 'assignedup', h.assigned_at + interval '60 milliseconds'),
              ('ticket', 'comment', 'comment1', h.first_response_at),
              ('ticket', 'status', 'inprogress', h.first_response_at + interval '1 second'),
              ('ticket', 'comment', 'comment2', h.customer_comment_at),
              ('ticket', 'status', 'resolved', h.resolved_at),
              ('ticket', 'status', 'closed', h.closed_at),
              ('ticket', 'status', 'paused', h.paused_at),
              ('triage', 'triaged', 'triaged', h.triaged_at),
              ('routing', 'assigned', 'assigned', h.assigned_at),
              ('sla', 'started', 'slastarted', h.triaged_at + interval '100 milliseconds'),
              ('sla', 'met', 'metresponse', h.first_response_at + interval '100 milliseconds'),
              ('sla', 'met', 'metresolution', h.resolved_at + interval '100 milliseconds'),
              ('sla', 'paused', 'slapaused', h.paused_at + interval '100 milliseconds'),
              ('sla', 'warning', 'RESPONSE50', h.r50), ('sla', 'warning', 'RESPONSE75', h.r75),
              ('sla', 'breached', 'RESPONSE100', h.r100), ('sla', 'escalated', 'RESPONSE125', h.r125),
              ('sla', 'warning', 'RESOLUTION50', h.s50), ('sla', 'warning', 'RESOLUTION75', h.s75),
              ('sla', 'breached', 'RESOLUTION100', h.s100), ('sla', 'escalated', 'RESOLUTION125', h.s125)
            ) x(topic, kind, src, at)
            WHERE x.at IS NOT NULL AND coalesce(h.closed_at, {NOW}) >= {NOW} - interval '{RETENTION} days'
            UNION ALL
            SELECT e.i, 'routing', 'escalated', e.at, e.event_id FROM esc e JOIN hist h ON h.i = e.i
            WHERE coalesce(h.closed_at, {NOW}) >= {NOW} - interval '{RETENTION} days'
            UNION ALL
            SELECT h.i, 'notification', 'delivered', h.created_at + (h.updated_at - h.created_at) * (n::float8 / (h.notices
              + h.emails + 1)), pg_temp.u('{RUN}:ev:' || h.i || ':nd' || n)
            FROM hist h CROSS JOIN LATERAL generate_series(1, h.notices + h.emails + (h.csat IS NOT NULL)::int) n
            WHERE coalesce(h.closed_at, {NOW}) >= {NOW} - interval '{RETENTION} days'
            """;

    /**
     * The escalations the matrix (routing's escalation-matrix.yaml) opened for each ticket, all acknowledged by their
     * first target: a security ticket's security-incident (data-breach when P1), a P1's on-call page, and each breach
     * of a P1/P2 clock's team-lead escalation. Contacts as routing's V10 seeds them; the on-call of eng-tier3 alternates
     * weekly between its two members.
     */
    private static final String ESCALATIONS = """
            CREATE TEMP TABLE esc ON COMMIT DROP AS
            SELECT h.i, h.id AS ticket_id, h.team_id AS ticket_team_id, x.n, x.rule, x.level_name, x.trigger_event,
              x.team_id, x.immediate, x.at, x.ack, x.targets, x.description,
              pg_temp.u('{RUN}:esc:' || h.i || ':' || x.n) AS escalation_id,
              pg_temp.u('{RUN}:ev:' || h.i || ':esc' || x.n) AS event_id,
              x.rule || CASE WHEN x.src IS NULL THEN ':ticket:' || h.id
                ELSE ':event:' || pg_temp.u('{RUN}:ev:' || h.i || ':' || x.src) END AS dedupe_key
            FROM hist h CROSS JOIN LATERAL (VALUES
              (1, h.category = 'security' AND h.priority = 'P1', 'data-breach', 'ciso-and-legal', 'ticket.triaged',
               'security', true, h.triaged_at + interval '200 milliseconds', interval '15 minutes',
               jsonb_build_array(jsonb_build_object('staff_id', 'ciso', 'name', 'Viktor Hale', 'role', 'ciso'),
                 jsonb_build_object('staff_id', 'legal-counsel', 'name', 'Naomi Brandt', 'role', 'legal'),
                 jsonb_build_object('staff_id', 'lead-security', 'name', 'Rachel Adler', 'role', 'team-lead')),
               'A data breach (security with P1 or breach evidence) goes to the CISO and legal', NULL),
              (2, h.category = 'security' AND h.priority <> 'P1', 'security-incident', 'security-lead-and-ciso',
               'ticket.triaged', 'security', true, h.triaged_at + interval '200 milliseconds', interval '15 minutes',
               jsonb_build_array(jsonb_build_object('staff_id', 'lead-security', 'name', 'Rachel Adler', 'role',
                 'team-lead'), jsonb_build_object('staff_id', 'ciso', 'name', 'Viktor Hale', 'role', 'ciso')),
               'A security incident goes to the security team lead and the CISO', NULL),
              (3, h.priority = 'P1', 'p1-on-call', 'on-call-engineer', 'ticket.triaged', 'eng-tier3', true,
               h.triaged_at + interval '210 milliseconds', interval '15 minutes',
               CASE WHEN floor(extract(epoch FROM h.created_at) / 604800)::int % 2 = 0
                 THEN jsonb_build_array(jsonb_build_object('staff_id', 'agent-eng-tier3-1', 'name', 'Hannah Becker',
                   'role', 'on-call'))
                 ELSE jsonb_build_array(jsonb_build_object('staff_id', 'lead-eng-tier3', 'name', 'Ingrid Holm',
                   'role', 'on-call')) END,
               'A P1 ticket pages the on-call engineer', NULL),
              (4, h.priority IN ('P1', 'P2') AND h.r100 IS NOT NULL, 'sla-breach-p1-p2', 'team-lead', 'sla.breached',
               h.team_id, false, h.r100 + interval '200 milliseconds', interval '1 hour',
               jsonb_build_array(jsonb_build_object('staff_id', h.lead_id, 'name', h.lead_name, 'role', 'team-lead')),
               'An SLA breach on a P1 or P2 ticket goes to the team lead', 'RESPONSE100'),
              (5, h.priority IN ('P1', 'P2') AND h.s100 IS NOT NULL, 'sla-breach-p1-p2', 'team-lead', 'sla.breached',
               h.team_id, false, h.s100 + interval '200 milliseconds', interval '1 hour',
               jsonb_build_array(jsonb_build_object('staff_id', h.lead_id, 'name', h.lead_name, 'role', 'team-lead')),
               'An SLA breach on a P1 or P2 ticket goes to the team lead', 'RESOLUTION100')
            ) x(n, fires, rule, level_name, trigger_event, team_id, immediate, at, ack, targets, description, src)
            WHERE x.fires
            """;

    /**
     * The recurring-issue clusters of the history, as a temp table {@code cm}: built the same way (same ids, from the
     * run's seed) in triage's database and in reporting's, which each keep their own copy of them.
     */
    private static final String CLUSTER_MEMBERS =
            "CREATE TEMP TABLE cm ON COMMIT DROP AS SELECT c.*, pg_temp.u('{RUN}:cl:' || c.category || ':' || c.g)"
                    + " AS cluster_id, count(*) OVER (PARTITION BY c.category, c.g) AS size,"
                    + " row_number() OVER (PARTITION BY c.category, c.g ORDER BY c.created_at, c.i) AS pos"
                    + " FROM (SELECT h.i, h.id, h.category, h.created_at, t.terms, (row_number() OVER"
                    + " (PARTITION BY h.category ORDER BY h.created_at, h.i) - 1) / 5 AS g FROM hist h"
                    + " JOIN txt t ON t.k = h.k WHERE h.recurring AND pg_temp.r(h.i, 33) < 0.2) c";

    /** How many in-app notices and e-mails each ticket's events made (see the notification step). */
    private static final String NOTICES = """
            UPDATE hist SET
              notices = 3 + closed::int + (paused_at IS NOT NULL)::int + (r50 IS NOT NULL)::int + (r75 IS NOT NULL)::int
                + 2 * (r100 IS NOT NULL)::int + (r125 IS NOT NULL)::int + (s50 IS NOT NULL)::int
                + (s75 IS NOT NULL)::int + 2 * (s100 IS NOT NULL)::int + (s125 IS NOT NULL)::int,
              emails = 2 + closed::int + (paused_at IS NOT NULL)::int + 2 * (r100 IS NOT NULL)::int
                + (r125 IS NOT NULL)::int + 2 * (s100 IS NOT NULL)::int + (s125 IS NOT NULL)::int
            """;

    private SuiteHistory() {
        throw new AssertionError();
    }
}
