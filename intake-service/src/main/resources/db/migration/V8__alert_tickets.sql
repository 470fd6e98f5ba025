-- Issue 11: monitoring alerts (Alertmanager, Grafana) become tickets, one per alert fingerprint while it is open.
CREATE TABLE alert_ticket (
    ticket_id   UUID PRIMARY KEY REFERENCES ticket (id),
    fingerprint TEXT        NOT NULL,
    source      TEXT        NOT NULL,
    -- startsAt of the latest firing seen: a grouped re-send repeats it, a new firing changes it
    starts_at   TIMESTAMPTZ,
    firings     INTEGER     NOT NULL DEFAULT 1,
    -- false once the alert resolved or its ticket was resolved or closed: the next firing opens a new ticket
    open        BOOLEAN     NOT NULL DEFAULT TRUE,
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX alert_ticket_open_idx ON alert_ticket (fingerprint) WHERE open;
