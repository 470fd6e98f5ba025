-- The open backlog by age without reading every open ticket: a per-day count of open tickets by team and priority
-- (report_backlog_daily, with the clocks at risk), kept by the aggregate trigger like the other aggregates. Every
-- ticket created on a UTC day before the day of (now - 7 days) is older than 7 days, so the backlog reads those
-- from the day rows and only the last eight days' open tickets from report_ticket (their exact age decides their
-- bucket). Profile on 1,000,000 tickets with 62,500 open (bench/reporting): the backlog was the summary's slowest
-- statement after V3 (an index-only scan of every open ticket, ~100 ms on a busy machine, mostly the start of
-- parallel workers).
-- The trigger now also compares the warned flags (they decide "at risk").

CREATE TABLE report_backlog_daily (
    day      DATE   NOT NULL, -- UTC day of creation
    team     TEXT   NOT NULL, -- 'unassigned' when none
    priority TEXT   NOT NULL, -- 'unknown' when none
    open     BIGINT NOT NULL DEFAULT 0,
    at_risk  BIGINT NOT NULL DEFAULT 0, -- a clock warned at 75 %, neither met nor breached
    PRIMARY KEY (day, team, priority)
);

-- what one ticket adds to report_backlog_daily: one row while it is open (the backlog's own definition of open)
CREATE FUNCTION report_backlog_contribution(t report_ticket)
    RETURNS TABLE (day DATE, team TEXT, priority TEXT, open INT, at_risk INT)
    LANGUAGE sql IMMUTABLE AS
$$
SELECT (t.created_at AT TIME ZONE 'UTC')::date, coalesce(t.team, 'unassigned'), coalesce(t.priority, 'unknown'), 1,
       ((t.response_warned AND t.response_met_within IS NULL AND NOT t.response_breached)
        OR (t.resolution_warned AND t.resolution_met_within IS NULL AND NOT t.resolution_breached))::int
WHERE t.created_at IS NOT NULL AND t.status NOT IN ('RESOLVED', 'CLOSED')
$$;

-- the last days' open tickets by creation time, their team, priority and at-risk flags in the index
CREATE INDEX report_ticket_open_created_idx ON report_ticket (created_at)
    INCLUDE (team, priority, response_warned, response_met_within, response_breached,
             resolution_warned, resolution_met_within, resolution_breached)
    WHERE status NOT IN ('RESOLVED', 'CLOSED');

-- -old +new into the day rows, the month rows and the backlog's day rows; each set locked in key order, in this
-- table order, so that concurrent consumers never deadlock on them
CREATE OR REPLACE FUNCTION report_ticket_aggregate() RETURNS TRIGGER
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
           o.resolution_breached, o.resolution_met_within, o.csat_score, o.time_logged_minutes,
           o.response_warned, o.resolution_warned)
       IS NOT DISTINCT FROM
       ROW(n.created_at, n.resolved_at, n.status, n.channel, n.category, n.priority, n.tier, n.type, n.team,
           n.assignee, n.reopens, n.agent_replies, n.escalations, n.sla_escalations, n.sla_warnings, n.sla_breaches,
           n.triaged_at, n.assigned_at, n.first_response_at, n.response_breached, n.response_met_within,
           n.resolution_breached, n.resolution_met_within, n.csat_score, n.time_logged_minutes,
           n.response_warned, n.resolution_warned) THEN
        RETURN NULL;
    END IF;
    IF o.created_at IS NULL AND n.created_at IS NULL THEN
        RETURN NULL; -- a placeholder row (an event before ticket.created) contributes nothing
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
    INSERT INTO report_monthly AS d
    SELECT date_trunc('month', c.day)::date, c.dim, c.val, sum(s * c.created), sum(s * c.resolved),
           sum(s * c.resolved_on_day), sum(s * c.open_now), sum(s * c.reopened), sum(s * c.reopen_events),
           sum(s * c.fcr), sum(s * c.escalated),
           sum(s * c.triage_n), sum(s * c.triage_s), sum(s * c.assign_n), sum(s * c.assign_s),
           sum(s * c.frt_n), sum(s * c.frt_s), sum(s * c.res_n), sum(s * c.res_s),
           sum(s * c.resp_met), sum(s * c.resp_breached), sum(s * c.resol_met), sum(s * c.resol_breached),
           sum(s * c.sla_warnings), sum(s * c.sla_breaches), sum(s * c.sla_escalations),
           sum(s * c.csat_n), sum(s * c.csat_sum), sum(s * c.logged_minutes)
    FROM (SELECT -1 AS s, * FROM report_contributions(o)
          UNION ALL
          SELECT 1 AS s, * FROM report_contributions(n)) c
    GROUP BY 1, c.dim, c.val
    ORDER BY 1, c.dim, c.val
    ON CONFLICT (month, dim, val) DO UPDATE SET
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
    INSERT INTO report_monthly_hist AS h
    SELECT date_trunc('month', c.day)::date, c.measure, c.prio, c.bucket, sum(c.s)
    FROM (SELECT -1 AS s, * FROM report_hist_contributions(o)
          UNION ALL
          SELECT 1 AS s, * FROM report_hist_contributions(n)) c
    GROUP BY 1, c.measure, c.prio, c.bucket
    HAVING sum(c.s) <> 0
    ORDER BY 1, c.measure, c.prio, c.bucket
    ON CONFLICT (month, measure, prio, bucket) DO UPDATE SET n = h.n + EXCLUDED.n;
    INSERT INTO report_backlog_daily AS b
    SELECT c.day, c.team, c.priority, sum(s * c.open), sum(s * c.at_risk)
    FROM (SELECT -1 AS s, * FROM report_backlog_contribution(o)
          UNION ALL
          SELECT 1 AS s, * FROM report_backlog_contribution(n)) c
    GROUP BY c.day, c.team, c.priority
    HAVING sum(s * c.open) <> 0 OR sum(s * c.at_risk) <> 0
    ORDER BY c.day, c.team, c.priority
    ON CONFLICT (day, team, priority) DO UPDATE SET open = b.open + EXCLUDED.open,
                                                    at_risk = b.at_risk + EXCLUDED.at_risk;
    RETURN NULL;
END
$$;

-- recomputes every aggregate from the rows
CREATE OR REPLACE FUNCTION report_daily_rebuild() RETURNS VOID
    LANGUAGE sql AS
$$
TRUNCATE report_daily, report_daily_hist, report_monthly, report_monthly_hist, report_backlog_daily;
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
INSERT INTO report_monthly
SELECT date_trunc('month', day)::date, dim, val, sum(created), sum(resolved), sum(resolved_on_day), sum(open_now),
       sum(reopened), sum(reopen_events), sum(fcr), sum(escalated), sum(triage_n), sum(triage_s),
       sum(assign_n), sum(assign_s), sum(frt_n), sum(frt_s), sum(res_n), sum(res_s),
       sum(resp_met), sum(resp_breached), sum(resol_met), sum(resol_breached), sum(sla_warnings),
       sum(sla_breaches), sum(sla_escalations), sum(csat_n), sum(csat_sum), sum(logged_minutes)
FROM report_daily
GROUP BY 1, dim, val;
INSERT INTO report_monthly_hist
SELECT date_trunc('month', day)::date, measure, prio, bucket, sum(n)
FROM report_daily_hist
GROUP BY 1, measure, prio, bucket;
INSERT INTO report_backlog_daily
SELECT c.day, c.team, c.priority, sum(c.open), sum(c.at_risk)
FROM report_ticket t, LATERAL report_backlog_contribution(t) c
GROUP BY c.day, c.team, c.priority;
$$;

-- rows written before this migration
INSERT INTO report_backlog_daily
SELECT c.day, c.team, c.priority, sum(c.open), sum(c.at_risk)
FROM report_ticket t, LATERAL report_backlog_contribution(t) c
WHERE t.status NOT IN ('RESOLVED', 'CLOSED')
GROUP BY c.day, c.team, c.priority;
