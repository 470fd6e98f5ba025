-- KPIs in SQL: per-day aggregate rows maintained by a trigger on report_ticket as events arrive.
-- Every aggregate is a sum over tickets of report_contributions(ticket): the trigger subtracts the old row's
-- contribution and adds the new one's, so the aggregates depend only on the final rows, never on the order or the
-- repetition of the events that built them (report_daily_rebuild() recomputes them from scratch, same function).

ALTER TABLE report_ticket
    ADD COLUMN subject             TEXT,
    ADD COLUMN agent_replies       INT NOT NULL DEFAULT 0,
    ADD COLUMN time_logged_minutes BIGINT NOT NULL DEFAULT 0;

-- one row per UTC day of creation (or of resolution, for resolved_on_day) x dimension value
CREATE TABLE report_daily (
    day             DATE   NOT NULL,
    dim             TEXT   NOT NULL, -- all, channel, category, priority, tier, type, team, agent, status
    val             TEXT   NOT NULL, -- '*' for dim all; 'unknown' / 'unassigned' when not known
    created         BIGINT NOT NULL DEFAULT 0,
    resolved        BIGINT NOT NULL DEFAULT 0, -- created that day and resolved since
    resolved_on_day BIGINT NOT NULL DEFAULT 0, -- resolved (last resolution) that day, whenever created
    open_now        BIGINT NOT NULL DEFAULT 0,
    reopened        BIGINT NOT NULL DEFAULT 0,
    reopen_events   BIGINT NOT NULL DEFAULT 0,
    fcr             BIGINT NOT NULL DEFAULT 0,
    escalated       BIGINT NOT NULL DEFAULT 0,
    triage_n        BIGINT NOT NULL DEFAULT 0,
    triage_s        DOUBLE PRECISION NOT NULL DEFAULT 0,
    assign_n        BIGINT NOT NULL DEFAULT 0,
    assign_s        DOUBLE PRECISION NOT NULL DEFAULT 0,
    frt_n           BIGINT NOT NULL DEFAULT 0,
    frt_s           DOUBLE PRECISION NOT NULL DEFAULT 0,
    res_n           BIGINT NOT NULL DEFAULT 0,
    res_s           DOUBLE PRECISION NOT NULL DEFAULT 0,
    resp_met        BIGINT NOT NULL DEFAULT 0,
    resp_breached   BIGINT NOT NULL DEFAULT 0,
    resol_met       BIGINT NOT NULL DEFAULT 0,
    resol_breached  BIGINT NOT NULL DEFAULT 0,
    sla_warnings    BIGINT NOT NULL DEFAULT 0,
    sla_breaches    BIGINT NOT NULL DEFAULT 0,
    sla_escalations BIGINT NOT NULL DEFAULT 0,
    csat_n          BIGINT NOT NULL DEFAULT 0,
    csat_sum        BIGINT NOT NULL DEFAULT 0,
    logged_minutes  BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (day, dim, val)
);

-- duration histograms per creation day, measure (triage, assign, frt, res) and priority ('*' = all):
-- bucket 0 holds [0, 1) s, bucket b >= 1 holds [1.1^(b-1), 1.1^b) s
CREATE TABLE report_daily_hist (
    day      DATE     NOT NULL,
    measure  TEXT     NOT NULL,
    prio     TEXT     NOT NULL,
    bucket   SMALLINT NOT NULL,
    n        BIGINT   NOT NULL DEFAULT 0,
    PRIMARY KEY (day, measure, prio, bucket)
);

-- recurring issues announced by triage (issue.recurring-detected): clusters and their member tickets
CREATE TABLE report_cluster (
    cluster_key TEXT PRIMARY KEY, -- the cluster id, or the signature for events without one
    signature   TEXT,
    category    TEXT,
    detected_at TIMESTAMPTZ
);
CREATE TABLE report_cluster_ticket (
    cluster_key TEXT NOT NULL,
    ticket_id   UUID NOT NULL,
    PRIMARY KEY (cluster_key, ticket_id)
);
CREATE INDEX report_cluster_ticket_ticket_idx ON report_cluster_ticket (ticket_id);

-- the tickets CSV pages through a window by (created_at, ticket_id)
CREATE INDEX report_ticket_created_id_idx ON report_ticket (created_at, ticket_id);
-- backlog now: open tickets by team, priority and age without touching the heap of closed ones
DROP INDEX report_ticket_open_idx;
CREATE INDEX report_ticket_open_idx ON report_ticket (team, priority, created_at)
    WHERE status NOT IN ('RESOLVED', 'CLOSED');

CREATE FUNCTION report_seconds(from_at TIMESTAMPTZ, to_at TIMESTAMPTZ) RETURNS DOUBLE PRECISION
    LANGUAGE sql IMMUTABLE AS
$$ SELECT CASE WHEN from_at IS NULL OR to_at IS NULL THEN NULL
               ELSE greatest(0, extract(epoch FROM (to_at - from_at)))::double precision END $$;

CREATE FUNCTION report_bucket(seconds DOUBLE PRECISION) RETURNS SMALLINT
    LANGUAGE sql IMMUTABLE AS
$$ SELECT CASE WHEN seconds < 1 THEN 0 ELSE least(32000, floor(ln(seconds) / ln(1.1))::int + 1) END::smallint $$;

-- what one ticket adds to report_daily: one row per dimension on its creation day, plus one per dimension on its
-- resolution day (resolved_on_day only). Nothing for a ticket whose ticket.created was not seen yet.
CREATE FUNCTION report_contributions(t report_ticket)
    RETURNS TABLE (day DATE, dim TEXT, val TEXT, created INT, resolved INT, resolved_on_day INT, open_now INT,
                   reopened INT, reopen_events INT, fcr INT, escalated INT,
                   triage_n INT, triage_s DOUBLE PRECISION, assign_n INT, assign_s DOUBLE PRECISION,
                   frt_n INT, frt_s DOUBLE PRECISION, res_n INT, res_s DOUBLE PRECISION,
                   resp_met INT, resp_breached INT, resol_met INT, resol_breached INT,
                   sla_warnings INT, sla_breaches INT, sla_escalations INT, csat_n INT, csat_sum INT,
                   logged_minutes BIGINT)
    LANGUAGE sql IMMUTABLE AS
$$
WITH m AS (
    SELECT (t.created_at AT TIME ZONE 'UTC')::date AS cday,
           (t.resolved_at AT TIME ZONE 'UTC')::date AS rday,
           report_seconds(t.created_at, t.triaged_at) AS triage,
           report_seconds(t.created_at, t.assigned_at) AS assign,
           report_seconds(t.created_at, t.first_response_at) AS frt,
           report_seconds(t.created_at, t.resolved_at) AS res,
           (t.response_breached OR t.response_met_within IS FALSE) AS resp_breached,
           (t.resolution_breached OR t.resolution_met_within IS FALSE) AS resol_breached
    WHERE t.created_at IS NOT NULL
), dims AS (
    SELECT * FROM (VALUES ('all', '*'),
                          ('channel', coalesce(t.channel, 'unknown')),
                          ('category', coalesce(t.category, 'unknown')),
                          ('priority', coalesce(t.priority, 'unknown')),
                          ('tier', coalesce(t.tier, 'unknown')),
                          ('type', coalesce(t.type, 'unknown')),
                          ('team', coalesce(t.team, 'unassigned')),
                          ('agent', coalesce(t.assignee, 'unassigned')),
                          ('status', coalesce(t.status, 'unknown'))) v(dim, val)
)
SELECT m.cday, dims.dim, dims.val, 1,
       (t.resolved_at IS NOT NULL)::int,
       0,
       (coalesce(t.status, '') NOT IN ('RESOLVED', 'CLOSED'))::int,
       (t.reopens > 0)::int,
       t.reopens,
       (t.resolved_at IS NOT NULL AND t.reopens = 0 AND t.agent_replies <= 1)::int,
       (t.escalations > 0 OR t.sla_escalations > 0)::int,
       (m.triage IS NOT NULL)::int, coalesce(m.triage, 0),
       (m.assign IS NOT NULL)::int, coalesce(m.assign, 0),
       (m.frt IS NOT NULL)::int, coalesce(m.frt, 0),
       (m.res IS NOT NULL)::int, coalesce(m.res, 0),
       (t.response_met_within IS TRUE AND NOT m.resp_breached)::int,
       m.resp_breached::int,
       (t.resolution_met_within IS TRUE AND NOT m.resol_breached)::int,
       m.resol_breached::int,
       t.sla_warnings, t.sla_breaches, t.sla_escalations,
       (t.csat_score IS NOT NULL)::int, coalesce(t.csat_score, 0),
       t.time_logged_minutes
FROM m, dims
UNION ALL
SELECT m.rday, dims.dim, dims.val, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
FROM m, dims
WHERE m.rday IS NOT NULL
$$;

-- what one ticket adds to report_daily_hist
CREATE FUNCTION report_hist_contributions(t report_ticket)
    RETURNS TABLE (day DATE, measure TEXT, prio TEXT, bucket SMALLINT)
    LANGUAGE sql IMMUTABLE AS
$$
SELECT (t.created_at AT TIME ZONE 'UTC')::date, x.measure, p.prio, report_bucket(x.seconds)
FROM (VALUES ('triage', report_seconds(t.created_at, t.triaged_at)),
             ('assign', report_seconds(t.created_at, t.assigned_at)),
             ('frt', report_seconds(t.created_at, t.first_response_at)),
             ('res', report_seconds(t.created_at, t.resolved_at))) x(measure, seconds),
     (VALUES ('*'), (coalesce(t.priority, 'unknown'))) p(prio)
WHERE t.created_at IS NOT NULL AND x.seconds IS NOT NULL
$$;

-- applies -old +new to the aggregates, rows locked in (day, dim, val) order so that concurrent consumers never
-- deadlock on them
CREATE FUNCTION report_ticket_aggregate() RETURNS TRIGGER
    LANGUAGE plpgsql AS
$$
DECLARE
    o report_ticket;
    n report_ticket;
BEGIN
    IF TG_OP <> 'INSERT' THEN o := OLD; END IF;
    IF TG_OP <> 'DELETE' THEN n := NEW; END IF;
    IF TG_OP = 'UPDATE' AND
       ROW(o.created_at, o.resolved_at, o.status, o.channel, o.category, o.priority, o.tier, o.type, o.team,
           o.assignee, o.reopens, o.agent_replies, o.escalations, o.sla_escalations, o.sla_warnings, o.sla_breaches,
           o.triaged_at, o.assigned_at, o.first_response_at, o.response_breached, o.response_met_within,
           o.resolution_breached, o.resolution_met_within, o.csat_score, o.time_logged_minutes)
       IS NOT DISTINCT FROM
       ROW(n.created_at, n.resolved_at, n.status, n.channel, n.category, n.priority, n.tier, n.type, n.team,
           n.assignee, n.reopens, n.agent_replies, n.escalations, n.sla_escalations, n.sla_warnings, n.sla_breaches,
           n.triaged_at, n.assigned_at, n.first_response_at, n.response_breached, n.response_met_within,
           n.resolution_breached, n.resolution_met_within, n.csat_score, n.time_logged_minutes) THEN
        RETURN NULL;
    END IF;
    INSERT INTO report_daily AS d
    SELECT c.day, c.dim, c.val, sum(s * c.created), sum(s * c.resolved), sum(s * c.resolved_on_day),
           sum(s * c.open_now), sum(s * c.reopened), sum(s * c.reopen_events), sum(s * c.fcr), sum(s * c.escalated),
           sum(s * c.triage_n), sum(s * c.triage_s), sum(s * c.assign_n), sum(s * c.assign_s),
           sum(s * c.frt_n), sum(s * c.frt_s), sum(s * c.res_n), sum(s * c.res_s),
           sum(s * c.resp_met), sum(s * c.resp_breached), sum(s * c.resol_met), sum(s * c.resol_breached),
           sum(s * c.sla_warnings), sum(s * c.sla_breaches), sum(s * c.sla_escalations),
           sum(s * c.csat_n), sum(s * c.csat_sum), sum(s * c.logged_minutes)
    FROM (SELECT -1 AS s, * FROM report_contributions(o)
          UNION ALL
          SELECT 1 AS s, * FROM report_contributions(n)) c
    GROUP BY c.day, c.dim, c.val
    ORDER BY c.day, c.dim, c.val
    ON CONFLICT (day, dim, val) DO UPDATE SET
        created = d.created + EXCLUDED.created, resolved = d.resolved + EXCLUDED.resolved,
        resolved_on_day = d.resolved_on_day + EXCLUDED.resolved_on_day, open_now = d.open_now + EXCLUDED.open_now,
        reopened = d.reopened + EXCLUDED.reopened, reopen_events = d.reopen_events + EXCLUDED.reopen_events,
        fcr = d.fcr + EXCLUDED.fcr, escalated = d.escalated + EXCLUDED.escalated,
        triage_n = d.triage_n + EXCLUDED.triage_n, triage_s = d.triage_s + EXCLUDED.triage_s,
        assign_n = d.assign_n + EXCLUDED.assign_n, assign_s = d.assign_s + EXCLUDED.assign_s,
        frt_n = d.frt_n + EXCLUDED.frt_n, frt_s = d.frt_s + EXCLUDED.frt_s,
        res_n = d.res_n + EXCLUDED.res_n, res_s = d.res_s + EXCLUDED.res_s,
        resp_met = d.resp_met + EXCLUDED.resp_met, resp_breached = d.resp_breached + EXCLUDED.resp_breached,
        resol_met = d.resol_met + EXCLUDED.resol_met, resol_breached = d.resol_breached + EXCLUDED.resol_breached,
        sla_warnings = d.sla_warnings + EXCLUDED.sla_warnings, sla_breaches = d.sla_breaches + EXCLUDED.sla_breaches,
        sla_escalations = d.sla_escalations + EXCLUDED.sla_escalations,
        csat_n = d.csat_n + EXCLUDED.csat_n, csat_sum = d.csat_sum + EXCLUDED.csat_sum,
        logged_minutes = d.logged_minutes + EXCLUDED.logged_minutes;
    INSERT INTO report_daily_hist AS h
    SELECT c.day, c.measure, c.prio, c.bucket, sum(c.s)
    FROM (SELECT -1 AS s, * FROM report_hist_contributions(o)
          UNION ALL
          SELECT 1 AS s, * FROM report_hist_contributions(n)) c
    GROUP BY c.day, c.measure, c.prio, c.bucket
    HAVING sum(c.s) <> 0
    ORDER BY c.day, c.measure, c.prio, c.bucket
    ON CONFLICT (day, measure, prio, bucket) DO UPDATE SET n = h.n + EXCLUDED.n;
    RETURN NULL;
END
$$;

CREATE TRIGGER report_ticket_aggregate
    AFTER INSERT OR UPDATE OR DELETE ON report_ticket
    FOR EACH ROW EXECUTE FUNCTION report_ticket_aggregate();

-- recomputes every aggregate from the rows (after a bulk load with the trigger disabled; the benchmark uses it)
CREATE FUNCTION report_daily_rebuild() RETURNS VOID
    LANGUAGE sql AS
$$
TRUNCATE report_daily, report_daily_hist;
INSERT INTO report_daily
SELECT c.day, c.dim, c.val, sum(c.created), sum(c.resolved), sum(c.resolved_on_day), sum(c.open_now),
       sum(c.reopened), sum(c.reopen_events), sum(c.fcr), sum(c.escalated), sum(c.triage_n), sum(c.triage_s),
       sum(c.assign_n), sum(c.assign_s), sum(c.frt_n), sum(c.frt_s), sum(c.res_n), sum(c.res_s),
       sum(c.resp_met), sum(c.resp_breached), sum(c.resol_met), sum(c.resol_breached), sum(c.sla_warnings),
       sum(c.sla_breaches), sum(c.sla_escalations), sum(c.csat_n), sum(c.csat_sum), sum(c.logged_minutes)
FROM report_ticket t, LATERAL report_contributions(t) c
GROUP BY c.day, c.dim, c.val;
INSERT INTO report_daily_hist
SELECT c.day, c.measure, c.prio, c.bucket, count(*)
FROM report_ticket t, LATERAL report_hist_contributions(t) c
GROUP BY c.day, c.measure, c.prio, c.bucket;
$$;

-- rows written before this migration
SELECT report_daily_rebuild();
