-- Issue 11: tickets and comments from email.

-- Attachments of the messages that made or continued a ticket, as metadata only: JSON [{name, type, size}].
ALTER TABLE ticket ADD COLUMN attachments TEXT;

-- Every inbound message once, by its Message-ID (claimed with ON CONFLICT DO NOTHING in the transaction that
-- makes its ticket or comment): the same message delivered twice (webhook retry, IMAP re-read) does nothing more.
CREATE TABLE inbound_email (
    message_id  TEXT PRIMARY KEY,
    ticket_id   UUID REFERENCES ticket (id),
    comment_id  UUID,
    outcome     TEXT        NOT NULL,
    received_at TIMESTAMPTZ NOT NULL
);

-- A known sender is the customer of their earlier tickets.
CREATE INDEX ticket_customer_email_idx ON ticket (lower(customer_email), created_at DESC);
