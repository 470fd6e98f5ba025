-- notification-service owns the in-app inbox, what it knows of each ticket, and the staff directory.

-- The in-app inbox: one row per message. A redelivered event can never add a second message for the same
-- recipient: UNIQUE (source_event_id, recipient), inserted with ON CONFLICT DO NOTHING.
CREATE TABLE notification (
    id              UUID PRIMARY KEY,
    recipient       TEXT        NOT NULL,
    recipient_role  TEXT        NOT NULL,
    kind            TEXT        NOT NULL,
    ticket_id       UUID        NOT NULL,
    subject         TEXT        NOT NULL,
    body            TEXT        NOT NULL,
    source_event_id UUID        NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL,
    CONSTRAINT notification_once_per_event_and_recipient UNIQUE (source_event_id, recipient)
);
CREATE INDEX notification_recipient_idx ON notification (recipient, created_at DESC, id DESC);
CREATE INDEX notification_ticket_idx ON notification (ticket_id);

-- What later events need to know about a ticket, learned from ticket.created. A row may exist before
-- ticket.created arrived (type still NULL): it is the lock that orders an early SLA event and the
-- ticket.created that follows it.
CREATE TABLE notification_ticket (
    ticket_id      UUID PRIMARY KEY,
    type           TEXT,
    subject        TEXT,
    customer_id    TEXT,
    customer_email TEXT,
    created_at     TIMESTAMPTZ
);

-- A customer message that waits for ticket.created (the customer's address is not known yet).
CREATE TABLE parked_notice (
    source_event_id UUID        NOT NULL,
    ticket_id       UUID        NOT NULL,
    kind            TEXT        NOT NULL,
    parked_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (source_event_id, kind)
);
CREATE INDEX parked_notice_ticket_idx ON parked_notice (ticket_id);

-- The staff directory: who leads, manages and directs each team (one row per person and team they serve).
-- team_id NULL = the default for teams not listed. Agents and team leads come from the events; listing them
-- here adds their names (and a team lead when an event carries none).
CREATE TABLE recipient (
    entry_id BIGSERIAL PRIMARY KEY,
    staff_id TEXT NOT NULL,
    name     TEXT NOT NULL,
    role     TEXT NOT NULL CHECK (role IN ('AGENT', 'TEAM_LEAD', 'MANAGER', 'DIRECTOR')),
    team_id  TEXT,
    email    TEXT
);
CREATE UNIQUE INDEX recipient_entry_uq ON recipient (staff_id, role, COALESCE(team_id, ''));
CREATE INDEX recipient_team_role_idx ON recipient (team_id, role);
