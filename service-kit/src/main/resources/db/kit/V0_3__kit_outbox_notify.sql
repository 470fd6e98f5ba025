-- Wakes the outbox relay when outbox rows commit, instead of it polling the table every few milliseconds. A
-- STATEMENT-level trigger notifies once per INSERT statement (a multi-row insert included), and PostgreSQL delivers a
-- notification only when its transaction commits and folds identical ones (same channel, same payload) raised within
-- one transaction: one notification per committing transaction that wrote the outbox. The relay LISTENs on the channel
-- (OutboxRelay.CHANNEL) and still looks on its own now and then (ts.outbox.fallback-poll-interval), in case a
-- notification was missed (e.g. while it was reconnecting).
CREATE OR REPLACE FUNCTION ts_kit_outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('ts_outbox', '');
    RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS ts_kit_outbox_notify ON outbox;
CREATE TRIGGER ts_kit_outbox_notify
    AFTER INSERT ON outbox
    FOR EACH STATEMENT
    EXECUTE FUNCTION ts_kit_outbox_notify();
