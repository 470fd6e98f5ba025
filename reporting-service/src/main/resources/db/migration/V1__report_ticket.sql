-- reporting-service's read model: one row per ticket, filled by whichever event arrives first and completed by
-- the others. Every column that events may disagree on carries the time of the fact it came from, and an
-- older fact never overwrites a newer one (events of one ticket arrive in any order across topics).
CREATE TABLE report_ticket (
    ticket_id           UUID PRIMARY KEY,
    -- from ticket.created
    type                TEXT,
    channel             TEXT,
    tier                TEXT,
    created_at          TIMESTAMPTZ,
    -- the latest status and when it was set (ticket.created, ticket.status-changed)
    status              TEXT,
    status_at           TIMESTAMPTZ,
    resolved_at         TIMESTAMPTZ,
    reopens             INT         NOT NULL DEFAULT 0,
    -- the latest classification and when it was decided (ticket.triaged, ticket.reclassified, ticket.updated)
    category            TEXT,
    priority            TEXT,
    classified_at       TIMESTAMPTZ,
    triaged_at          TIMESTAMPTZ,
    -- the latest team/assignee and when; assigned_at = the first assignment
    team                TEXT,
    assignee            TEXT,
    assignment_at       TIMESTAMPTZ,
    assigned_at         TIMESTAMPTZ,
    escalations         INT         NOT NULL DEFAULT 0,
    -- the first public agent reply (ticket.comment-added or sla.met RESPONSE), whichever is earlier
    first_response_at   TIMESTAMPTZ,
    -- SLA facts per ticket
    sla_warnings        INT         NOT NULL DEFAULT 0,
    sla_breaches        INT         NOT NULL DEFAULT 0,
    sla_escalations     INT         NOT NULL DEFAULT 0,
    response_warned     BOOLEAN     NOT NULL DEFAULT FALSE,
    resolution_warned   BOOLEAN     NOT NULL DEFAULT FALSE,
    response_breached   BOOLEAN     NOT NULL DEFAULT FALSE,
    resolution_breached BOOLEAN     NOT NULL DEFAULT FALSE,
    response_met_within   BOOLEAN,
    resolution_met_within BOOLEAN,
    -- notification-events
    notifications       INT         NOT NULL DEFAULT 0,
    csat_score          INT,
    csat_at             TIMESTAMPTZ,
    updated_at          TIMESTAMPTZ
);
CREATE INDEX report_ticket_created_idx ON report_ticket (created_at);
CREATE INDEX report_ticket_open_idx ON report_ticket (status) WHERE status NOT IN ('RESOLVED', 'CLOSED');
