-- Recurring-issue detection. Every new ticket's text and analysed terms (the in-process Lucene index is rebuilt
-- from these rows), the clusters of similar tickets, membership (a ticket is in at most one cluster) and the
-- sizes at which a cluster was announced (each at most once).
CREATE TABLE recurring_ticket (
    ticket_id   UUID        PRIMARY KEY,
    seq         BIGSERIAL   NOT NULL UNIQUE,
    customer_id TEXT,
    category    TEXT        NOT NULL,
    subject     TEXT,
    description TEXT,
    -- analysed terms (TicketAnalyzer stems, stop words left out), space separated
    terms       TEXT        NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX recurring_ticket_created_idx ON recurring_ticket (created_at);

CREATE TABLE recurring_cluster (
    cluster_id          UUID        PRIMARY KEY,
    category            TEXT        NOT NULL,
    signature           TEXT        NOT NULL,
    -- analysed terms most members share, space separated, most shared first
    shared_terms        TEXT        NOT NULL,
    size                INT         NOT NULL,
    last_announced_size INT,
    first_detected_at   TIMESTAMPTZ,
    created_at          TIMESTAMPTZ NOT NULL,
    updated_at          TIMESTAMPTZ NOT NULL
);
CREATE INDEX recurring_cluster_updated_idx ON recurring_cluster (updated_at DESC);

CREATE TABLE recurring_member (
    ticket_id  UUID             PRIMARY KEY REFERENCES recurring_ticket (ticket_id),
    cluster_id UUID             NOT NULL REFERENCES recurring_cluster (cluster_id),
    similarity DOUBLE PRECISION NOT NULL,
    joined_at  TIMESTAMPTZ      NOT NULL
);
CREATE INDEX recurring_member_cluster_idx ON recurring_member (cluster_id, joined_at);

CREATE TABLE recurring_announcement (
    cluster_id   UUID        NOT NULL REFERENCES recurring_cluster (cluster_id),
    size         INT         NOT NULL,
    ticket_id    UUID        NOT NULL,
    announced_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (cluster_id, size)
);
