-- Escalations (issue 17): named contacts the escalation matrix can target, the escalation records with their
-- state and acknowledgement deadline (the sweep claims due rows with FOR UPDATE SKIP LOCKED), and the
-- "once per ticket / cluster / event" guard of the matrix rules.

-- Named roles (security-lead, ciso, legal, cto, engineering-lead, account-manager, support-director) → a staff id.
CREATE TABLE escalation_contact (
    role     TEXT PRIMARY KEY,
    staff_id TEXT NOT NULL,
    name     TEXT NOT NULL,
    email    TEXT
);

INSERT INTO escalation_contact (role, staff_id, name, email) VALUES
    ('security-lead',    'lead-security',            'Rachel Adler',    'rachel.adler@ticketsuite.io'),
    ('ciso',             'ciso',                     'Viktor Hale',     'viktor.hale@ticketsuite.io'),
    ('legal',            'legal-counsel',            'Naomi Brandt',    'naomi.brandt@ticketsuite.io'),
    ('cto',              'cto',                      'Arjun Mehta',     'arjun.mehta@ticketsuite.io'),
    ('engineering-lead', 'engineering-lead',         'Claire Dupont',   'claire.dupont@ticketsuite.io'),
    ('account-manager',  'lead-account-management',  'Marcus Reed',     'marcus.reed@ticketsuite.io'),
    ('support-director', 'support-director',         'Helen Park',      'helen.park@ticketsuite.io');

-- One row per escalation level reached. OPEN until acknowledged; an OPEN row whose acknowledge_by has passed is
-- EXPIRED by the sweep, which opens the next level (next_id) in the same transaction. CLOSED: the ticket was
-- resolved or closed while the escalation was open.
CREATE TABLE escalation (
    id               UUID PRIMARY KEY,
    ticket_id        UUID        NOT NULL,
    rule             TEXT        NOT NULL,
    level            INTEGER     NOT NULL CHECK (level >= 1),
    level_name       TEXT        NOT NULL,
    state            TEXT        NOT NULL CHECK (state IN ('OPEN', 'ACKNOWLEDGED', 'EXPIRED', 'CLOSED')),
    reason           TEXT        NOT NULL,
    trigger_event    TEXT        NOT NULL,
    team_id          TEXT,
    -- the ticket's own team when the escalation was opened (resolves "team-lead: ticket" at later levels)
    ticket_team_id   TEXT,
    cluster_id       UUID,
    targets          TEXT        NOT NULL,
    target_ids       TEXT[]      NOT NULL DEFAULT '{}',
    immediate        BOOLEAN     NOT NULL,
    created_at       TIMESTAMPTZ NOT NULL,
    acknowledge_by   TIMESTAMPTZ,
    acknowledged_at  TIMESTAMPTZ,
    acknowledged_by  TEXT,
    expired_at       TIMESTAMPTZ,
    closed_at        TIMESTAMPTZ,
    previous_id      UUID,
    next_id          UUID
);
CREATE INDEX escalation_due_idx ON escalation (acknowledge_by) WHERE state = 'OPEN' AND acknowledge_by IS NOT NULL;
CREATE INDEX escalation_ticket_idx ON escalation (ticket_id, created_at);
CREATE INDEX escalation_state_idx ON escalation (state, created_at);

-- A rule fires once per key (rule:ticket, rule:cluster or rule:event): INSERT … ON CONFLICT DO NOTHING decides.
CREATE TABLE escalation_fired (
    dedupe_key    TEXT PRIMARY KEY,
    escalation_id UUID        NOT NULL,
    fired_at      TIMESTAMPTZ NOT NULL
);
