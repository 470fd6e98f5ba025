-- The summary over a long window in a few thousand rows instead of a quarter of a million: monthly roll-ups of the
-- per-day aggregates, kept by the same trigger from the same contributions (report_contributions,
-- report_hist_contributions), so a month row always equals the sum of its days. A summary reads the whole months
-- of its window here and the days at either edge from report_daily / report_daily_hist.
-- Profile on 1,000,000 tickets over a year (bench/reporting/summary.sh, EXPLAIN ANALYZE): the histogram sum read
-- 198,907 day rows (about half of the summary's time), the dimension sum 36,365; the backlog read each open ticket's
-- heap row for its at-risk flags (28,416 heap pages for 62,500 open tickets) and sorted them on disk by an age
-- expression the planner could not estimate.

CREATE TABLE report_monthly (LIKE report_daily INCLUDING ALL);
ALTER TABLE report_monthly RENAME COLUMN day TO month; -- the first day of the UTC month of creation (or resolution)

CREATE TABLE report_monthly_hist (LIKE report_daily_hist INCLUDING ALL);
ALTER TABLE report_monthly_hist RENAME COLUMN day TO month;

-- backlog now: an index-only scan of the open tickets, the at-risk flags included (no heap read per open ticket)
DROP INDEX report_ticket_open_idx;
CREATE INDEX report_ticket_open_idx ON report_ticket (team, priority, created_at)
    INCLUDE (response_warned, response_met_within, response_breached,
             resolution_warned, resolution_met_within, resolution_breached)
    WHERE status NOT IN ('RESOLVED', 'CLOSED');

-- -old +new into the day rows, then the same into the month rows; each set locked in key order, days before months,
-- so that concurrent consumers never deadlock on them
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
           o.resolution_breached, o.resolution_met_within, o.csat_score, o.time_logged_minutes)
       IS NOT DISTINCT FROM
       ROW(n.created_at, n.resolved_at, n.status, n.channel, n.category, n.priority, n.tier, n.type, n.team,
           n.assignee, n.reopens, n.agent_replies, n.escalations, n.sla_escalations, n.sla_warnings, n.sla_breaches,
           n.triaged_at, n.assigned_at, n.first_response_at, n.response_breached, n.response_met_within,
           n.resolution_breached, n.resolution_met_within, n.csat_score, n.time_logged_minutes) THEN
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
    RETURN NULL;
END
$$;

-- recomputes every aggregate from the rows, days then months from the days
CREATE OR REPLACE FUNCTION report_daily_rebuild() RETURNS VOID
    LANGUAGE sql AS
$$
TRUNCATE report_daily, report_daily_hist, report_monthly, report_monthly_hist;
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
$$;

-- rows written before this migration: the months from the days (already kept by V2's trigger)
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
