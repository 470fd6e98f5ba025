-- CSAT: one row per resolution of a ticket (ticket.status-changed to RESOLVED), answered at most once.
-- The answer is a conditional UPDATE (answered_at IS NULL), so two concurrent answers cannot both win.
CREATE TABLE csat_resolution (
    ticket_id   UUID        NOT NULL,
    resolved_at TIMESTAMPTZ NOT NULL,
    score       INT CHECK (score BETWEEN 1 AND 5),
    comment     TEXT,
    answered_by TEXT,
    answered_at TIMESTAMPTZ,
    PRIMARY KEY (ticket_id, resolved_at)
);
