-- Outbound webhooks (package webhook): admins' subscriptions and the deliveries queued for them, plus the chat
-- notices (target 'chat', no subscription). A delivery is queued in the consumer's transaction (with the inbox mark)
-- and sent by the sender sweep (FOR UPDATE SKIP LOCKED), per subscription in order per ticket.
CREATE TABLE webhook_subscription (
    id                   UUID        PRIMARY KEY,
    url                  TEXT        NOT NULL,
    -- the subscribed CloudEvents types (ticket.created, …) or '*', space-separated
    event_types          TEXT        NOT NULL,
    -- the signing secret, whsec_<base64>; returned once when created
    secret               TEXT        NOT NULL,
    description          TEXT,
    state                TEXT        NOT NULL DEFAULT 'ACTIVE' CHECK (state IN ('ACTIVE', 'DISABLED')),
    -- deliveries that failed for good (every attempt) since the last success
    consecutive_failures INT         NOT NULL DEFAULT 0,
    disabled_at          TIMESTAMPTZ,
    disabled_reason      TEXT,
    last_success_at      TIMESTAMPTZ,
    created_by           TEXT        NOT NULL,
    created_at           TIMESTAMPTZ NOT NULL
);

CREATE TABLE webhook_delivery (
    seq              BIGSERIAL   PRIMARY KEY,
    -- the webhook-id header: the same on every attempt
    id               UUID        NOT NULL UNIQUE,
    subscription_id  UUID        REFERENCES webhook_subscription (id) ON DELETE CASCADE,
    target           TEXT        NOT NULL CHECK (target IN ('webhook', 'chat')),
    event_id         UUID        NOT NULL,
    event_type       TEXT        NOT NULL,
    ticket_id        UUID,
    -- the body exactly as sent (and signed)
    payload          TEXT        NOT NULL,
    status           TEXT        NOT NULL CHECK (status IN ('PENDING', 'RETRYING', 'DELIVERED', 'FAILED')),
    attempts         INT         NOT NULL DEFAULT 0,
    last_status_code INT,
    last_error       TEXT,
    created_at       TIMESTAMPTZ NOT NULL,
    next_attempt_at  TIMESTAMPTZ,
    last_attempt_at  TIMESTAMPTZ,
    delivered_at     TIMESTAMPTZ,
    CHECK ((target = 'webhook') = (subscription_id IS NOT NULL))
);

-- once per (subscription, event) and once per event for the chat
CREATE UNIQUE INDEX webhook_delivery_once ON webhook_delivery (subscription_id, event_id) WHERE target = 'webhook';
CREATE UNIQUE INDEX chat_notice_once ON webhook_delivery (event_id) WHERE target = 'chat';
-- the sweep: due rows, and "an earlier one of the same (subscription, ticket) is still open"
CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_at) WHERE status IN ('PENDING', 'RETRYING');
CREATE INDEX webhook_delivery_open_per_ticket ON webhook_delivery (subscription_id, ticket_id, seq)
    WHERE status IN ('PENDING', 'RETRYING');
-- the delivery log, newest first
CREATE INDEX webhook_delivery_log ON webhook_delivery (subscription_id, seq DESC);
