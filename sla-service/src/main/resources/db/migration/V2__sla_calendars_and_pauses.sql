-- Issue 12: business-hours calendars per tier and pauses.

-- The customer's time zone (IANA id) when ticket.created carried one; null = the calendar's configured zone.
ALTER TABLE sla_ticket ADD COLUMN time_zone TEXT;

-- paused_at: the start of the clock's open pause (null while it runs); paused_millis: the working time its
-- closed pauses of the current cycle lasted.
ALTER TABLE sla_clock ADD COLUMN paused_at TIMESTAMPTZ;
ALTER TABLE sla_clock ADD COLUMN paused_millis BIGINT NOT NULL DEFAULT 0;

-- A pending threshold of a paused clock is held (not fired) until the clock resumes and moves it.
ALTER TABLE sla_threshold ADD COLUMN held_since TIMESTAMPTZ;
DROP INDEX sla_threshold_due_idx;
CREATE INDEX sla_threshold_due_idx ON sla_threshold (fire_at)
    WHERE fired_at IS NULL AND cancelled_at IS NULL AND held_since IS NULL;

-- Every pause of a clock: the status that paused it, when, until when, and the working time it lasted.
CREATE TABLE sla_pause (
    id            UUID PRIMARY KEY,
    ticket_id     UUID        NOT NULL REFERENCES sla_ticket (ticket_id),
    clock         TEXT        NOT NULL,
    cycle         INT         NOT NULL,
    reason        TEXT        NOT NULL,
    paused_at     TIMESTAMPTZ NOT NULL,
    resumed_at    TIMESTAMPTZ,
    paused_millis BIGINT
);
CREATE INDEX sla_pause_ticket_idx ON sla_pause (ticket_id);
