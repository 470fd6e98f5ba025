package io.ticketsuite.reporting.repository;

import io.smallrye.mutiny.Uni;
import io.ticketsuite.reporting.kpi.Histogram;
import io.ticketsuite.reporting.kpi.Totals;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The KPI queries: sums over the per-day aggregate rows (report_daily, report_daily_hist) that the database keeps
 * as events arrive, the open backlog from the partial index of open tickets, and pages of the read model for the
 * CSV. Nothing here loads a window's tickets into memory; a long window's whole months come from the monthly
 * roll-ups (report_monthly, report_monthly_hist), so a year is about 13 x 100 dimension rows, not 365 x 100. The summary's four statements are public for the
 * benchmark (bench/reporting), which times them on a million tickets.
 */
@ApplicationScoped
public class ReportQueries {
    /**
     * The dimension totals of the days [$1, $2): the whole months [$3, $4) from report_monthly, the days before $3
     * and from $4 on from report_daily ({@link MonthSplit}).
     */
    public static final String DIMENSIONS = "SELECT dim, val, " + Totals.sums() + " FROM ("
            + " SELECT dim, val, " + Totals.COLUMNS + " FROM report_monthly WHERE month >= $3 AND month < $4"
            + " UNION ALL SELECT dim, val, " + Totals.COLUMNS + " FROM report_daily"
            + " WHERE (day >= $1 AND day < $3) OR (day >= $4 AND day < $2)) r GROUP BY dim, val";
    /** The histograms of the days [$1, $2), split the same way. */
    public static final String HISTOGRAMS = "SELECT measure, prio, bucket, sum(n)::int8 FROM ("
            + " SELECT measure, prio, bucket, n FROM report_monthly_hist WHERE month >= $3 AND month < $4"
            + " UNION ALL SELECT measure, prio, bucket, n FROM report_daily_hist"
            + " WHERE (day >= $1 AND day < $3) OR (day >= $4 AND day < $2)) r"
            + " GROUP BY measure, prio, bucket HAVING sum(n) > 0";
    /**
     * The open backlog now by team, priority and age (created after $1 = now − 1 day: <1d; after $2 = now − 3 days:
     * 1-3d; after $3 = now − 7 days: 3-7d; else >7d), with the clocks at risk. Tickets created on a UTC day before
     * $4 (the day of now − 7 days) are all older than 7 days: they come from the per-day backlog rows
     * (report_backlog_daily); only those created since $5 (that day's midnight) are read from the partial index of
     * open tickets by creation time, their ages counted as cumulative FILTERs against the three bounds.
     */
    public static final String BACKLOG = "SELECT team, priority, age, sum(n)::int8, sum(r)::int8 FROM ("
            + " SELECT team, priority, '>7d' AS age, open AS n, at_risk AS r FROM report_backlog_daily"
            + " WHERE day < $4 AND open <> 0"
            + " UNION ALL SELECT coalesce(g.team, 'unassigned'), coalesce(g.priority, 'unknown'), a.age, a.n, a.r"
            + " FROM (SELECT team, priority, count(*) AS n7, count(*) FILTER (WHERE risk) AS r7,"
            + " count(*) FILTER (WHERE created_at > $1) AS n0, count(*) FILTER (WHERE created_at > $1 AND risk) AS r0,"
            + " count(*) FILTER (WHERE created_at > $2) AS n1, count(*) FILTER (WHERE created_at > $2 AND risk) AS r1,"
            + " count(*) FILTER (WHERE created_at > $3) AS n3, count(*) FILTER (WHERE created_at > $3 AND risk) AS r3"
            + " FROM (SELECT team, priority, created_at,"
            + " (response_warned AND response_met_within IS NULL AND NOT response_breached)"
            + " OR (resolution_warned AND resolution_met_within IS NULL AND NOT resolution_breached) AS risk"
            + " FROM report_ticket WHERE status NOT IN ('RESOLVED', 'CLOSED') AND created_at >= $5) t"
            + " GROUP BY team, priority) g,"
            + " LATERAL (VALUES ('<1d', g.n0, g.r0), ('1-3d', g.n1 - g.n0, g.r1 - g.r0),"
            + " ('3-7d', g.n3 - g.n1, g.r3 - g.r1), ('>7d', g.n7 - g.n3, g.r7 - g.r3)) a(age, n, r)) b"
            + " GROUP BY team, priority, age HAVING sum(n) > 0";

    public static final String RECURRING = "SELECT coalesce(c.signature, ct.cluster_key), c.category, count(*)::int8"
            + " FROM report_cluster_ticket ct JOIN report_ticket t ON t.ticket_id = ct.ticket_id"
            + " LEFT JOIN report_cluster c ON c.cluster_key = ct.cluster_key"
            + " WHERE t.created_at >= $1 AND t.created_at < $2"
            + " GROUP BY ct.cluster_key, c.signature, c.category ORDER BY 3 DESC, 1 LIMIT $3";
    private static final String PERIODS = "SELECT date_trunc($3, day::timestamp)::date, dim, val, " + Totals.sums()
            + " FROM report_daily WHERE day >= $1 AND day < $2 AND dim IN ('all', 'channel') GROUP BY 1, 2, 3";
    private static final String PERIOD_HISTOGRAMS = "SELECT date_trunc($3, day::timestamp)::date, measure, bucket,"
            + " sum(n)::int8 FROM report_daily_hist WHERE day >= $1 AND day < $2 AND prio = '*'"
            + " AND measure IN ('frt', 'res') GROUP BY 1, 2, 3 HAVING sum(n) > 0";
    private static final String TICKET_PAGE = "SELECT ticket_id, created_at, subject, type, channel, tier, category,"
            + " priority, team, assignee, status, resolved_at, report_seconds(created_at, first_response_at),"
            + " report_seconds(created_at, resolved_at), reopens, agent_replies,"
            + " (escalations > 0 OR sla_escalations > 0), response_breached OR response_met_within IS FALSE,"
            + " response_met_within, resolution_breached OR resolution_met_within IS FALSE, resolution_met_within,"
            + " csat_score, time_logged_minutes"
            + " FROM report_ticket WHERE created_at >= $1 AND created_at < $2 AND (created_at, ticket_id) > ($3, $4)"
            + " ORDER BY created_at, ticket_id LIMIT $5";

    private final Pool pool;

    public ReportQueries(Pool pool) {
        this.pool = pool;
    }

    /**
     * The days [from, to) as the whole months they contain, [firstMonth, endMonth), and the days around them; no
     * whole month: firstMonth = endMonth = to, every day from the daily rows.
     */
    public record MonthSplit(LocalDate from, LocalDate to, LocalDate firstMonth, LocalDate endMonth) {
        public static MonthSplit of(LocalDate from, LocalDate to) {
            LocalDate first =
                    from.getDayOfMonth() == 1 ? from : from.withDayOfMonth(1).plusMonths(1);
            LocalDate end = to.withDayOfMonth(1);
            return first.isBefore(end) ? new MonthSplit(from, to, first, end) : new MonthSplit(from, to, to, to);
        }

        /** $1..$4 of {@link #DIMENSIONS} and {@link #HISTOGRAMS}. */
        public Tuple tuple() {
            return Tuple.of(from, to, firstMonth, endMonth);
        }
    }

    /** Totals per dimension and value ("all" → "*") of the tickets created on the days [from, to). */
    public Uni<Map<String, Map<String, Totals>>> dimensions(LocalDate from, LocalDate to) {
        return pool.preparedQuery(DIMENSIONS)
                .execute(MonthSplit.of(from, to).tuple())
                .map(rows -> {
                    Map<String, Map<String, Totals>> result = new LinkedHashMap<>();
                    for (Row row : rows) {
                        result.computeIfAbsent(row.getString(0), k -> new LinkedHashMap<>())
                                .put(row.getString(1), totals(row, 2));
                    }
                    return result;
                });
    }

    /** Histograms per measure (triage, assign, frt, res) and priority ("*" = all). */
    public Uni<Map<String, Map<String, Histogram>>> histograms(LocalDate from, LocalDate to) {
        return pool.preparedQuery(HISTOGRAMS)
                .execute(MonthSplit.of(from, to).tuple())
                .map(rows -> {
                    Map<String, Map<String, Histogram>> result = new LinkedHashMap<>();
                    for (Row row : rows) {
                        result.computeIfAbsent(row.getString(0), k -> new LinkedHashMap<>())
                                .computeIfAbsent(row.getString(1), k -> new Histogram())
                                .add(row.getInteger(2), row.getLong(3));
                    }
                    return result;
                });
    }

    /** One group of the open backlog now. */
    public record BacklogGroup(String team, String priority, String age, long tickets, long atRisk) {}

    /** $1..$5 of {@link #BACKLOG}: now − 1, 3 and 7 days (UTC days of 24 h), the day of the last and its midnight. */
    public static Tuple backlogBounds(Instant now) {
        Instant week = now.minus(java.time.Duration.ofDays(7));
        LocalDate day = LocalDate.ofInstant(week, ZoneOffset.UTC);
        return Tuple.of(
                        now.minus(java.time.Duration.ofDays(1)).atOffset(ZoneOffset.UTC),
                        now.minus(java.time.Duration.ofDays(3)).atOffset(ZoneOffset.UTC),
                        week.atOffset(ZoneOffset.UTC),
                        day)
                .addValue(day.atStartOfDay().atOffset(ZoneOffset.UTC));
    }

    public Uni<List<BacklogGroup>> backlog(Instant now) {
        return pool.preparedQuery(BACKLOG).execute(backlogBounds(now)).map(rows -> {
            List<BacklogGroup> result = new ArrayList<>();
            for (Row row : rows) {
                result.add(new BacklogGroup(
                        row.getString(0), row.getString(1), row.getString(2), row.getLong(3), row.getLong(4)));
            }
            return result;
        });
    }

    /** A recurring issue (a triage cluster) and how many of its tickets were created in the window. */
    public record Recurring(String signature, String category, long tickets) {}

    public Uni<List<Recurring>> recurring(Instant from, Instant to, int limit) {
        return pool.preparedQuery(RECURRING)
                .execute(Tuple.of(from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC), limit))
                .map(rows -> {
                    List<Recurring> result = new ArrayList<>();
                    for (Row row : rows) {
                        result.add(new Recurring(row.getString(0), row.getString(1), row.getLong(2)));
                    }
                    return result;
                });
    }

    /** Totals per period start, then dimension ("all" or "channel") and value. */
    public Uni<Map<LocalDate, Map<String, Map<String, Totals>>>> periods(
            LocalDate from, LocalDate to, String granularity) {
        return pool.preparedQuery(PERIODS)
                .execute(Tuple.of(from, to, granularity))
                .map(rows -> {
                    Map<LocalDate, Map<String, Map<String, Totals>>> result = new LinkedHashMap<>();
                    for (Row row : rows) {
                        result.computeIfAbsent(row.getLocalDate(0), k -> new LinkedHashMap<>())
                                .computeIfAbsent(row.getString(1), k -> new LinkedHashMap<>())
                                .put(row.getString(2), totals(row, 3));
                    }
                    return result;
                });
    }

    /** Histograms of all priorities per period start and measure (frt, res). */
    public Uni<Map<LocalDate, Map<String, Histogram>>> periodHistograms(
            LocalDate from, LocalDate to, String granularity) {
        return pool.preparedQuery(PERIOD_HISTOGRAMS)
                .execute(Tuple.of(from, to, granularity))
                .map(rows -> {
                    Map<LocalDate, Map<String, Histogram>> result = new LinkedHashMap<>();
                    for (Row row : rows) {
                        result.computeIfAbsent(row.getLocalDate(0), k -> new LinkedHashMap<>())
                                .computeIfAbsent(row.getString(1), k -> new Histogram())
                                .add(row.getInteger(2), row.getLong(3));
                    }
                    return result;
                });
    }

    /** Where a page of the tickets CSV resumes: after this (created_at, ticket_id). */
    public record Cursor(Instant createdAt, UUID ticketId) {}

    /** One ticket as the CSV shows it. */
    public record TicketLine(
            UUID ticketId,
            Instant createdAt,
            String subject,
            String type,
            String channel,
            String tier,
            String category,
            String priority,
            String team,
            String assignee,
            String status,
            Instant resolvedAt,
            Double firstResponseSeconds,
            Double resolutionSeconds,
            int reopens,
            int agentReplies,
            boolean escalated,
            String responseSla,
            String resolutionSla,
            Integer csatScore,
            long timeLoggedMinutes) {}

    public Uni<List<TicketLine>> ticketPage(Instant from, Instant to, Cursor after, int size) {
        Tuple params = Tuple.tuple()
                .addValue(from.atOffset(ZoneOffset.UTC))
                .addValue(to.atOffset(ZoneOffset.UTC))
                .addValue(after.createdAt().atOffset(ZoneOffset.UTC))
                .addValue(after.ticketId())
                .addValue(size);
        return pool.preparedQuery(TICKET_PAGE).execute(params).map(ReportQueries::lines);
    }

    private static List<TicketLine> lines(RowSet<Row> rows) {
        List<TicketLine> result = new ArrayList<>();
        for (Row row : rows) {
            result.add(new TicketLine(
                    row.getUUID(0),
                    instant(row.getOffsetDateTime(1)),
                    row.getString(2),
                    row.getString(3),
                    row.getString(4),
                    row.getString(5),
                    row.getString(6),
                    row.getString(7),
                    row.getString(8),
                    row.getString(9),
                    row.getString(10),
                    instant(row.getOffsetDateTime(11)),
                    row.getDouble(12),
                    row.getDouble(13),
                    row.getInteger(14),
                    row.getInteger(15),
                    row.getBoolean(16),
                    sla(row.getBoolean(17), row.getBoolean(18)),
                    sla(row.getBoolean(19), row.getBoolean(20)),
                    row.getInteger(21),
                    row.getLong(22)));
        }
        return result;
    }

    private static String sla(Boolean breached, Boolean metWithin) {
        if (Boolean.TRUE.equals(breached)) {
            return "breached";
        }
        return Boolean.TRUE.equals(metWithin) ? "met" : "open";
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }

    private static Totals totals(Row row, int offset) {
        double[] v = new double[26];
        for (int i = 0; i < v.length; i++) {
            Double d = row.getDouble(offset + i);
            v[i] = d == null ? 0 : d;
        }
        return Totals.of(v);
    }
}
