-- Tables of the service kit, in every service's schema. Versioned migrations of the kit are numbered 0.x (V0_1, V0_2…)
-- beside the service's own V1, V2…; the kit's defaults set quarkus.flyway.out-of-order=true so that a kit migration
-- added later still applies to a database whose service migrations are further on. This first one keeps the
-- IF NOT EXISTS of the repeatable script it replaces (R__ticketsuite_kit.sql), so existing databases take it as is.

-- Transactional outbox: a row is written in the same transaction as the change it announces;
-- the relay publishes unsent rows (key = message_key, CloudEvents headers) and stamps sent_at.
CREATE TABLE IF NOT EXISTS outbox (
    id          BIGSERIAL PRIMARY KEY,
    event_id    UUID        NOT NULL UNIQUE,
    topic       TEXT        NOT NULL,
    message_key TEXT        NOT NULL,
    event_type  TEXT        NOT NULL,
    headers     TEXT        NOT NULL,
    payload     TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    sent_at     TIMESTAMPTZ,
    failed_at   TIMESTAMPTZ,
    error       TEXT
);
-- a row that can never be published (it cannot be encoded) is set aside with failed_at + error, not retried
CREATE INDEX IF NOT EXISTS outbox_sent_at_idx ON outbox (sent_at) WHERE sent_at IS NOT NULL;

-- Idempotent consumer guard: one row per (consumer, event id), inserted with ON CONFLICT DO NOTHING
-- in the same transaction as the event's effect.
CREATE TABLE IF NOT EXISTS processed_event (
    consumer     TEXT        NOT NULL,
    event_id     UUID        NOT NULL,
    processed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
CREATE INDEX IF NOT EXISTS outbox_unsent_idx ON outbox (id) WHERE sent_at IS NULL AND failed_at IS NULL;
