-- Issue 13: the fold (V6) fires once per transaction, computes each ticket's contributions once, and leaves alone
-- the aggregate rows a transaction does not change.
-- * V6's deferred constraint trigger sat on report_ticket_change, so it fired for every staged row (two per update):
--   the first firing folded, the others (~9 per ticket in a surge) entered PL/pgSQL only to find the fold done. Now the
--   row trigger files one request per transaction in report_fold_request, and the constraint trigger sits there. After
--   a fold, the next staged change files a new request (the fold forgets the current one).
-- * V6 computed report_contributions() once for report_daily and again for report_monthly (and the histograms' twice):
--   now the month rows take the day rows' changes, summed by month, from the same statement.
-- * A key whose changes sum to zero is not written: a status change moves the 'status' rows only, not the eight other
--   dimensions' rows of that day (V6 updated all nine, with nothing to add).
-- The arithmetic is V6's: -old +new of the same contribution functions. Each table's keys are written in key order;
-- the day and month rows of one statement may be written in either order (PostgreSQL runs a WITH's INSERT and the main
-- INSERT in an order it does not promise), which is safe because the consumer's transactions run one at a time
-- (ts.inbox.serial), and a recomputation truncates the tables.

CREATE UNLOGGED TABLE report_fold_request (
    txid BIGINT NOT NULL DEFAULT txid_current()
);

DROP TRIGGER report_ticket_change_fold ON report_ticket_change;

CREATE CONSTRAINT TRIGGER report_fold_request_fold
    AFTER INSERT ON report_fold_request
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION report_ticket_change_fold();

-- the statements have no parameters (the transaction id is txid_current() in them), so PL/pgSQL plans each once per
-- connection (V6)
CREATE OR REPLACE FUNCTION report_fold_changes() RETURNS VOID
    LANGUAGE plpgsql AS
$$
BEGIN
    IF current_setting('ts.report_folded', true) = txid_current()::text THEN
        RETURN; -- folded already, nothing staged since
    END IF;
    -- the day rows' changes, computed once; the month rows get them summed by month
    WITH delta AS MATERIALIZED (
        SELECT c.day, c.dim, c.val, sum(s * c.created) AS created, sum(s * c.resolved) AS resolved,
               sum(s * c.resolved_on_day) AS resolved_on_day, sum(s * c.open_now) AS open_now,
               sum(s * c.reopened) AS reopened, sum(s * c.reopen_events) AS reopen_events, sum(s * c.fcr) AS fcr,
               sum(s * c.escalated) AS escalated, sum(s * c.triage_n) AS triage_n, sum(s * c.triage_s) AS triage_s,
               sum(s * c.assign_n) AS assign_n, sum(s * c.assign_s) AS assign_s, sum(s * c.frt_n) AS frt_n,
               sum(s * c.frt_s) AS frt_s, sum(s * c.res_n) AS res_n, sum(s * c.res_s) AS res_s,
               sum(s * c.resp_met) AS resp_met, sum(s * c.resp_breached) AS resp_breached,
               sum(s * c.resol_met) AS resol_met, sum(s * c.resol_breached) AS resol_breached,
               sum(s * c.sla_warnings) AS sla_warnings, sum(s * c.sla_breaches) AS sla_breaches,
               sum(s * c.sla_escalations) AS sla_escalations, sum(s * c.csat_n) AS csat_n,
               sum(s * c.csat_sum) AS csat_sum, sum(s * c.logged_minutes) AS logged_minutes
        FROM (SELECT ch.sign AS s, x.* FROM report_ticket_change ch, LATERAL report_contributions(ch.t) x
              WHERE ch.txid = txid_current()) c
        GROUP BY c.day, c.dim, c.val
        HAVING sum(s * c.created) <> 0 OR sum(s * c.resolved) <> 0 OR sum(s * c.resolved_on_day) <> 0
            OR sum(s * c.open_now) <> 0 OR sum(s * c.reopened) <> 0 OR sum(s * c.reopen_events) <> 0
            OR sum(s * c.fcr) <> 0 OR sum(s * c.escalated) <> 0 OR sum(s * c.triage_n) <> 0
            OR sum(s * c.triage_s) <> 0 OR sum(s * c.assign_n) <> 0 OR sum(s * c.assign_s) <> 0
            OR sum(s * c.frt_n) <> 0 OR sum(s * c.frt_s) <> 0 OR sum(s * c.res_n) <> 0 OR sum(s * c.res_s) <> 0
            OR sum(s * c.resp_met) <> 0 OR sum(s * c.resp_breached) <> 0 OR sum(s * c.resol_met) <> 0
            OR sum(s * c.resol_breached) <> 0 OR sum(s * c.sla_warnings) <> 0 OR sum(s * c.sla_breaches) <> 0
            OR sum(s * c.sla_escalations) <> 0 OR sum(s * c.csat_n) <> 0 OR sum(s * c.csat_sum) <> 0
            OR sum(s * c.logged_minutes) <> 0
    ), monthly AS (
        INSERT INTO report_monthly AS d
        SELECT date_trunc('month', x.day)::date, x.dim, x.val, sum(x.created), sum(x.resolved),
               sum(x.resolved_on_day), sum(x.open_now), sum(x.reopened), sum(x.reopen_events), sum(x.fcr),
               sum(x.escalated), sum(x.triage_n), sum(x.triage_s), sum(x.assign_n), sum(x.assign_s),
               sum(x.frt_n), sum(x.frt_s), sum(x.res_n), sum(x.res_s), sum(x.resp_met), sum(x.resp_breached),
               sum(x.resol_met), sum(x.resol_breached), sum(x.sla_warnings), sum(x.sla_breaches),
               sum(x.sla_escalations), sum(x.csat_n), sum(x.csat_sum), sum(x.logged_minutes)
        FROM delta x
        GROUP BY 1, x.dim, x.val
        ORDER BY 1, x.dim, x.val
        ON CONFLICT (month, dim, val) DO UPDATE SET
            created = d.created + EXCLUDED.created, resolved = d.resolved + EXCLUDED.resolved,
            resolved_on_day = d.resolved_on_day + EXCLUDED.resolved_on_day,
            open_now = d.open_now + EXCLUDED.open_now,
            reopened = d.reopened + EXCLUDED.reopened, reopen_events = d.reopen_events + EXCLUDED.reopen_events,
            fcr = d.fcr + EXCLUDED.fcr, escalated = d.escalated + EXCLUDED.escalated,
            triage_n = d.triage_n + EXCLUDED.triage_n, triage_s = d.triage_s + EXCLUDED.triage_s,
            assign_n = d.assign_n + EXCLUDED.assign_n, assign_s = d.assign_s + EXCLUDED.assign_s,
            frt_n = d.frt_n + EXCLUDED.frt_n, frt_s = d.frt_s + EXCLUDED.frt_s,
            res_n = d.res_n + EXCLUDED.res_n, res_s = d.res_s + EXCLUDED.res_s,
            resp_met = d.resp_met + EXCLUDED.resp_met, resp_breached = d.resp_breached + EXCLUDED.resp_breached,
            resol_met = d.resol_met + EXCLUDED.resol_met,
            resol_breached = d.resol_breached + EXCLUDED.resol_breached,
            sla_warnings = d.sla_warnings + EXCLUDED.sla_warnings,
            sla_breaches = d.sla_breaches + EXCLUDED.sla_breaches,
            sla_escalations = d.sla_escalations + EXCLUDED.sla_escalations,
            csat_n = d.csat_n + EXCLUDED.csat_n, csat_sum = d.csat_sum + EXCLUDED.csat_sum,
            logged_minutes = d.logged_minutes + EXCLUDED.logged_minutes
    )
    INSERT INTO report_daily AS d
    SELECT * FROM delta
    ORDER BY day, dim, val
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
    WITH hdelta AS MATERIALIZED (
        SELECT c.day, c.measure, c.prio, c.bucket, sum(c.s) AS n
        FROM (SELECT ch.sign AS s, x.* FROM report_ticket_change ch, LATERAL report_hist_contributions(ch.t) x
              WHERE ch.txid = txid_current()) c
        GROUP BY c.day, c.measure, c.prio, c.bucket
        HAVING sum(c.s) <> 0
    ), monthly AS (
        INSERT INTO report_monthly_hist AS mh
        SELECT date_trunc('month', x.day)::date, x.measure, x.prio, x.bucket, sum(x.n)
        FROM hdelta x
        GROUP BY 1, x.measure, x.prio, x.bucket
        HAVING sum(x.n) <> 0
        ORDER BY 1, x.measure, x.prio, x.bucket
        ON CONFLICT (month, measure, prio, bucket) DO UPDATE SET n = mh.n + EXCLUDED.n
    )
    INSERT INTO report_daily_hist AS dh
    SELECT * FROM hdelta
    ORDER BY day, measure, prio, bucket
    ON CONFLICT (day, measure, prio, bucket) DO UPDATE SET n = dh.n + EXCLUDED.n;
    INSERT INTO report_backlog_daily AS b
    SELECT c.day, c.team, c.priority, sum(s * c.open), sum(s * c.at_risk)
    FROM (SELECT ch.sign AS s, x.* FROM report_ticket_change ch, LATERAL report_backlog_contribution(ch.t) x
          WHERE ch.txid = txid_current()) c
    GROUP BY c.day, c.team, c.priority
    HAVING sum(s * c.open) <> 0 OR sum(s * c.at_risk) <> 0
    ORDER BY c.day, c.team, c.priority
    ON CONFLICT (day, team, priority) DO UPDATE SET open = b.open + EXCLUDED.open,
                                                    at_risk = b.at_risk + EXCLUDED.at_risk;
    DELETE FROM report_ticket_change WHERE txid = txid_current();
    DELETE FROM report_fold_request WHERE txid = txid_current();
    PERFORM set_config('ts.report_folded', txid_current()::text, true);
    PERFORM set_config('ts.report_fold_requested', '', true);
END
$$;

-- the row trigger: stages what changed (nothing when no column that counts changed) and files the transaction's
-- request for a fold once
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
    IF current_setting('ts.report_folded', true) = txid_current()::text THEN
        PERFORM set_config('ts.report_folded', '', true); -- staged after a fold: fold again
    END IF;
    INSERT INTO report_ticket_change (sign, t)
    SELECT v.sign, v.t FROM (VALUES (-1::smallint, o), (1::smallint, n)) v(sign, t)
    WHERE (v.t).created_at IS NOT NULL;
    IF current_setting('ts.report_fold_requested', true) IS DISTINCT FROM txid_current()::text THEN
        -- noted before the insert: once constraints are IMMEDIATE, the insert folds at once, and the fold's "no
        -- request pending" must stand after it
        PERFORM set_config('ts.report_fold_requested', txid_current()::text, true);
        INSERT INTO report_fold_request DEFAULT VALUES;
    END IF;
    RETURN NULL;
END
$$;
