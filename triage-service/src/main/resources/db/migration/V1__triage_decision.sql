-- triage-service owns one classification decision per ticket.
-- The first ticket.created of a ticket decides (INSERT … ON CONFLICT (ticket_id) DO NOTHING): a later
-- ticket.created for the same ticket, even with another event id, changes nothing.
CREATE TABLE triage_decision (
    ticket_id         UUID PRIMARY KEY,
    category          TEXT             NOT NULL,
    priority          TEXT             NOT NULL,
    confidence        DOUBLE PRECISION NOT NULL,
    -- the classifier's explanation as JSON text (snake_case), as published in ticket.triaged
    explanation       TEXT             NOT NULL,
    rule_pack_version TEXT             NOT NULL,
    customer_tier     TEXT,
    decided_at        TIMESTAMPTZ      NOT NULL,
    source_event_id   UUID             NOT NULL
);
CREATE INDEX triage_decision_decided_idx ON triage_decision (decided_at DESC);
CREATE INDEX triage_decision_category_idx ON triage_decision (category, priority);
