-- What routing's escalation matrix did with a ticket (from ticket.escalated on routing-events), shown with the
-- ticket to staff. One row per escalation (a missed deadline's next level is a new row); redeliveries add nothing.
CREATE TABLE ticket_escalation (
    escalation_id   UUID PRIMARY KEY,
    ticket_id       UUID        NOT NULL,
    level           TEXT        NOT NULL,
    rule            TEXT,
    reason          TEXT,
    team_id         TEXT,
    targets         TEXT        NOT NULL DEFAULT '[]', -- JSON array of {staff_id, name, role}
    acknowledge_by  TIMESTAMPTZ,
    immediate       BOOLEAN     NOT NULL DEFAULT FALSE,
    escalated_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX ticket_escalation_by_ticket ON ticket_escalation (ticket_id, escalated_at);
