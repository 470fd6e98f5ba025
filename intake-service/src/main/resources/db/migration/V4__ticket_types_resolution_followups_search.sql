-- Issue 18 and the decisions of other services (issues 16, 17) on the ticket.

-- Type-specific details, written once at creation (JSON as the API and ticket.created carry them).
ALTER TABLE ticket ADD COLUMN support_details    TEXT;
ALTER TABLE ticket ADD COLUMN escalation_details TEXT;

-- The closed ticket this one follows up (a customer wrote again after the reopen window).
ALTER TABLE ticket ADD COLUMN follows_up UUID REFERENCES ticket (id);
CREATE INDEX ticket_follows_up_idx ON ticket (follows_up) WHERE follows_up IS NOT NULL;

-- The classifier's decision stays visible beside a person's correction (ticket.reclassified).
ALTER TABLE ticket ADD COLUMN classified_category     TEXT;
ALTER TABLE ticket ADD COLUMN classified_priority     TEXT;
ALTER TABLE ticket ADD COLUMN reclassified_by         TEXT;
ALTER TABLE ticket ADD COLUMN reclassified_at         TIMESTAMPTZ;
ALTER TABLE ticket ADD COLUMN reclassification_reason TEXT;

-- SUPPORT work: SCHEDULED carries an estimate and a planned date; time is logged against the ticket.
ALTER TABLE ticket ADD COLUMN scheduled_for       DATE;
ALTER TABLE ticket ADD COLUMN estimate_minutes    INTEGER;
ALTER TABLE ticket ADD COLUMN time_logged_minutes INTEGER NOT NULL DEFAULT 0;

CREATE TABLE ticket_time_entry (
    id         UUID PRIMARY KEY,
    ticket_id  UUID        NOT NULL REFERENCES ticket (id),
    minutes    INTEGER     NOT NULL CHECK (minutes > 0),
    note       TEXT,
    work_date  DATE        NOT NULL,
    logged_by  TEXT        NOT NULL,
    logged_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX ticket_time_entry_ticket_idx ON ticket_time_entry (ticket_id, logged_at);

-- Resolution (required to move to RESOLVED) and when the ticket was closed.
ALTER TABLE ticket ADD COLUMN resolution_category TEXT;
ALTER TABLE ticket ADD COLUMN resolution_summary  TEXT;
ALTER TABLE ticket ADD COLUMN lessons_learned     TEXT;
ALTER TABLE ticket ADD COLUMN closed_at           TIMESTAMPTZ;

-- The auto-close sweep reads RESOLVED tickets by resolution time.
CREATE INDEX ticket_resolved_idx ON ticket (resolved_at) WHERE status = 'RESOLVED';

-- Full-text search over subject (weight A) and description (weight B).
ALTER TABLE ticket ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', coalesce(subject, '')), 'A')
        || setweight(to_tsvector('english', coalesce(description, '')), 'B')) STORED;
CREATE INDEX ticket_search_idx ON ticket USING GIN (search_vector);
