-- Issue 13 (flat with history): the open-ticket gauges read open rows through partial indexes only. Rows whose status
-- is not known yet (an event of another topic came before ticket.created) are not in report_ticket_open_created_idx
-- (NULL NOT IN (...) is not true), so they get their own small index; see ReportingMetrics.OPEN_ROWS.
CREATE INDEX report_ticket_status_unknown_idx ON report_ticket (created_at)
    INCLUDE (team, priority, response_warned, response_met_within, response_breached,
             resolution_warned, resolution_met_within, resolution_breached)
    WHERE status IS NULL;
