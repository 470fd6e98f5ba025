-- Outbound e-mail (issue 11). One row per (source event, recipient), written in the same transaction as the in-app
-- notice it copies; the sender sweep claims due rows (FOR UPDATE SKIP LOCKED), sends them over SMTP and marks them
-- SENT, or retries with exponential backoff until the last attempt marks them FAILED (notification.failed).
CREATE TABLE email_outbox (
    id              UUID PRIMARY KEY,
    notification_id UUID        NOT NULL,
    source_event_id UUID        NOT NULL,
    recipient       TEXT        NOT NULL,
    recipient_role  TEXT        NOT NULL,
    kind            TEXT        NOT NULL,
    ticket_id       UUID        NOT NULL,
    to_address      TEXT        NOT NULL,
    subject         TEXT        NOT NULL,
    body            TEXT        NOT NULL,
    message_id      TEXT        NOT NULL,
    status          TEXT        NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'SENT', 'FAILED')),
    attempts        INT         NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    last_error      TEXT,
    created_at      TIMESTAMPTZ NOT NULL,
    sent_at         TIMESTAMPTZ,
    failed_at       TIMESTAMPTZ,
    CONSTRAINT email_once_per_event_and_recipient UNIQUE (source_event_id, recipient),
    CONSTRAINT email_message_id_uq UNIQUE (message_id)
);
CREATE INDEX email_outbox_due_idx ON email_outbox (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX email_outbox_ticket_idx ON email_outbox (ticket_id);

-- The human reference of a ticket (ticket.created.ref, e.g. TS-1042), tagged onto outbound subjects as [TS-1042].
ALTER TABLE notification_ticket ADD COLUMN ref TEXT;
