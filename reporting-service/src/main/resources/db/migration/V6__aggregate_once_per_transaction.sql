-- Issue 13: the aggregates are folded once per transaction instead of once per row update.
-- Before, the row trigger on report_ticket upserted ~40 aggregate rows (report_daily, report_monthly, their
-- histograms, report_backlog_daily) for every update of a ticket row: ~1 ms of PostgreSQL each, ~8 updates per
-- ticket, the largest single cost of PostgreSQL in a surge. Now the row trigger only stages the old and the new row
-- in report_ticket_change; at commit a deferred constraint trigger folds the transaction's staged rows into the
-- aggregates with one grouped upsert per aggregate table (the same contribution functions, the same -old +new
-- arithmetic, the same key order for locks) and deletes them. The aggregates still change in the transaction that
-- changed the rows, and only then: a rolled-back transaction leaves them as they were.
-- report_ticket_change is UNLOGGED: its rows live only inside the transaction that wrote them (the fold deletes them
-- before commit), so there is nothing in it a crash could lose.
-- Its column t has report_ticket's row type: a later migration that drops or retypes a column of report_ticket
-- drops and recreates report_ticket_change first (adding a column needs nothing).

CREATE UNLOGGED TABLE report_ticket_change (
    txid BIGINT        NOT NULL DEFAULT txid_current(),
    sign SMALLINT      NOT NULL, -- -1: the row before the change, +1: after it
    t    report_ticket NOT NULL
);
CREATE INDEX report_ticket_change_txid_idx ON report_ticket_change (txid);

-- folds this transaction's staged rows into the aggregates, then forgets them; the sets are locked in key order, in
-- this table order, so that concurrent transactions never deadlock on them. The statements have no parameters (the
-- transaction id is txid_current() in them), so PL/pgSQL plans each once per connection: with a parameter it planned
-- them again at every call, ~2 ms a fold.
CREATE FUNCTION report_fold_changes() RETURNS VOID
    LANGUAGE plpgsql AS
$$
BEGIN
    IF current_setting('ts.report_folded', true) = txid_current()::text THEN
        RETURN; -- folded already, nothing staged since
    END IF;
    INSERT INTO report_daily AS d
    SELECT c.day, c.dim, c.val, sum(s * c.created), sum(s * c.resolved), sum(s * c.resolved_on_day),
           sum(s * c.open_now), sum(s * c.reopened), sum(s * c.reopen_events), sum(s * c.fcr), sum(s * c.escalated),
           sum(s * c.triage_n), sum(s * c.triage_s), sum(s * c.assign_n), sum(s * c.assign_s),
           sum(s * c.frt_n), sum(s * c.frt_s), sum(s * c.res_n), sum(s * c.res_s),
           sum(s * c.resp_met), sum(s * c.resp_breached), sum(s * c.resol_met), sum(s * c.resol_breached),
           sum(s * c.sla_warnings), sum(s * c.sla_breaches), sum(s * c.sla_escalations),
           sum(s * c.csat_n), sum(s * c.csat_sum), sum(s * c.logged_minutes)
    FROM (SELECT ch.sign AS s, x.* FROM report_ticket_change ch, LATERAL report_contributions(ch.t) x
          WHERE ch.txid = txid_current()) c
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
    FROM (SELECT ch.sign AS s, x.* FROM report_ticket_change ch, LATERAL report_hist_contributions(ch.t) x
          WHERE ch.txid = txid_current()) c
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
    FROM (SELECT ch.sign AS s, x.* FROM report_ticket_change ch, LATERAL report_contributions(ch.t) x
          WHERE ch.txid = txid_current()) c
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
    FROM (SELECT ch.sign AS s, x.* FROM report_ticket_change ch, LATERAL report_hist_contributions(ch.t) x
          WHERE ch.txid = txid_current()) c
    GROUP BY 1, c.measure, c.prio, c.bucket
    HAVING sum(c.s) <> 0
    ORDER BY 1, c.measure, c.prio, c.bucket
    ON CONFLICT (month, measure, prio, bucket) DO UPDATE SET n = h.n + EXCLUDED.n;
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
    PERFORM set_config('ts.report_folded', txid_current()::text, true);
END
$$;

-- the row trigger: stages what changed (nothing when no column that counts changed)
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
    RETURN NULL;
END
$$;

-- at commit (or at SET CONSTRAINTS ... IMMEDIATE): the first firing folds everything staged, the others find it done
CREATE FUNCTION report_ticket_change_fold() RETURNS TRIGGER
    LANGUAGE plpgsql AS
$$
BEGIN
    PERFORM report_fold_changes();
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER report_ticket_change_fold
    AFTER INSERT ON report_ticket_change
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION report_ticket_change_fold();

-- recomputes every aggregate from the rows (V4's function, renamed); what this transaction staged is in the rows
-- already, so it is forgotten first
ALTER FUNCTION report_daily_rebuild() RENAME TO report_aggregates_recompute;
CREATE FUNCTION report_daily_rebuild() RETURNS VOID
    LANGUAGE sql AS
$$
DELETE FROM report_ticket_change WHERE txid = txid_current();
SELECT report_aggregates_recompute();
$$;
