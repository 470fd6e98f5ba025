-- intake-service owns the ticket, its comments and the idempotency keys of POST /tickets.
CREATE TABLE ticket (
    id                UUID PRIMARY KEY,
    type              TEXT        NOT NULL,
    channel           TEXT        NOT NULL,
    status            TEXT        NOT NULL,
    subject           TEXT        NOT NULL,
    description       TEXT,
    customer_id       TEXT        NOT NULL,
    customer_email    TEXT,
    customer_tier     TEXT        NOT NULL,
    customer_language TEXT,
    tags              TEXT[]      NOT NULL DEFAULT '{}',
    external_id       TEXT,
    category          TEXT,
    priority          TEXT,
    team_id           TEXT,
    assignee_id       TEXT,
    created_at        TIMESTAMPTZ NOT NULL,
    updated_at        TIMESTAMPTZ NOT NULL,
    resolved_at       TIMESTAMPTZ
);
CREATE INDEX ticket_created_idx ON ticket (created_at DESC, id DESC);
CREATE INDEX ticket_status_idx ON ticket (status);
CREATE INDEX ticket_customer_idx ON ticket (customer_id);

CREATE TABLE ticket_comment (
    id          UUID PRIMARY KEY,
    ticket_id   UUID        NOT NULL REFERENCES ticket (id),
    author_id   TEXT        NOT NULL,
    author_role TEXT        NOT NULL,
    visibility  TEXT        NOT NULL,
    body        TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX ticket_comment_ticket_idx ON ticket_comment (ticket_id, created_at);

-- Idempotency-Key of POST /api/v1/tickets: the first request claims the key (INSERT … ON CONFLICT DO NOTHING)
-- in the same transaction as the ticket; a retry with the same body gets the same ticket.
CREATE TABLE idempotency_key (
    key          TEXT PRIMARY KEY,
    request_hash TEXT        NOT NULL,
    ticket_id    UUID        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
