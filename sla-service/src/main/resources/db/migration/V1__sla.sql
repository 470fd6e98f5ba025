-- sla-service owns what it learned about each ticket, the ticket's two clocks and their thresholds.

-- The facts the clocks depend on, upserted from whichever topic brings them first (events of different
-- topics arrive in any order).
CREATE TABLE sla_ticket (
    ticket_id         UUID PRIMARY KEY,
    created_at        TIMESTAMPTZ,
    ticket_type       TEXT,
    customer_tier     TEXT,
    priority          TEXT,
    status            TEXT,
    first_response_at TIMESTAMPTZ,
    resolved_at       TIMESTAMPTZ,
    assignee_id       TEXT,
    team_id           TEXT,
    team_lead_id      TEXT,
    updated_at        TIMESTAMPTZ NOT NULL
);

-- One row per (ticket, clock). cycle counts restarts (a reopened ticket restarts its resolution clock).
CREATE TABLE sla_clock (
    id            UUID PRIMARY KEY,
    ticket_id     UUID        NOT NULL REFERENCES sla_ticket (ticket_id),
    clock         TEXT        NOT NULL,
    cycle         INT         NOT NULL,
    priority      TEXT        NOT NULL,
    target_millis BIGINT      NOT NULL,
    started_at    TIMESTAMPTZ NOT NULL,
    due_at        TIMESTAMPTZ NOT NULL,
    state         TEXT        NOT NULL,
    met_at        TIMESTAMPTZ,
    within_target BOOLEAN,
    UNIQUE (ticket_id, clock)
);

-- One row per (ticket, clock, cycle, percent): the scheduler fires a due row exactly once by locking it
-- (FOR UPDATE SKIP LOCKED), appending its event to the outbox and stamping fired_at in one transaction.
-- A stopped clock stamps cancelled_at on its pending rows.
CREATE TABLE sla_threshold (
    id           UUID PRIMARY KEY,
    ticket_id    UUID        NOT NULL REFERENCES sla_ticket (ticket_id),
    clock        TEXT        NOT NULL,
    cycle        INT         NOT NULL,
    percent      INT         NOT NULL,
    fire_at      TIMESTAMPTZ NOT NULL,
    fired_at     TIMESTAMPTZ,
    cancelled_at TIMESTAMPTZ,
    UNIQUE (ticket_id, clock, cycle, percent)
);
CREATE INDEX sla_threshold_due_idx ON sla_threshold (fire_at) WHERE fired_at IS NULL AND cancelled_at IS NULL;
