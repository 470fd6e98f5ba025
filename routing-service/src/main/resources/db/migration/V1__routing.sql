-- routing-service schema: teams and agents (seeded below), the round-robin cursor of each team,
-- what is known about each ticket until it can be routed, and the assignments.

CREATE TABLE team (
    id        TEXT PRIMARY KEY,
    name      TEXT NOT NULL,
    lead_id   TEXT NOT NULL,
    lead_name TEXT NOT NULL
);

CREATE TABLE agent (
    id        TEXT PRIMARY KEY,
    team_id   TEXT    NOT NULL REFERENCES team (id),
    name      TEXT    NOT NULL,
    email     TEXT,
    languages TEXT[]  NOT NULL DEFAULT '{}',
    skills    TEXT[]  NOT NULL DEFAULT '{}',
    seniority TEXT    NOT NULL CHECK (seniority IN ('JUNIOR', 'SENIOR', 'LEAD')),
    capacity  INTEGER NOT NULL CHECK (capacity > 0),
    active    BOOLEAN NOT NULL DEFAULT TRUE
);
CREATE INDEX agent_team_idx ON agent (team_id);

-- Round-robin cursor, one row per team: the last agent chosen. Locked (FOR UPDATE) while an agent of the
-- team is chosen, and updated in the same transaction, so it survives restarts and concurrent consumers.
CREATE TABLE routing_cursor (
    team_id       TEXT PRIMARY KEY REFERENCES team (id),
    last_agent_id TEXT,
    updated_at    TIMESTAMPTZ
);

-- What routing knows about a ticket; ticket.created and ticket.triaged may arrive in either order.
-- The row is locked while an event of the ticket is applied; the ticket is routed once both are known.
CREATE TABLE routing_ticket (
    ticket_id     UUID PRIMARY KEY,
    customer_id   TEXT,
    tier          TEXT,
    language      TEXT,
    category      TEXT,
    priority      TEXT,
    triaged_at    TIMESTAMPTZ,
    created_seen  BOOLEAN     NOT NULL DEFAULT FALSE,
    triaged_seen  BOOLEAN     NOT NULL DEFAULT FALSE,
    assigned      BOOLEAN     NOT NULL DEFAULT FALSE,
    -- false once ticket-events said resolved/closed (true again when reopened); an assignment made for a
    -- closed ticket is stored closed, so it never counts as load
    ticket_open   BOOLEAN     NOT NULL DEFAULT TRUE,
    first_seen_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX routing_ticket_waiting_idx ON routing_ticket (first_seen_at) WHERE NOT assigned;

-- One assignment per ticket. "open" until the ticket is resolved or closed: the load of an agent is the
-- number of their open assignments.
CREATE TABLE assignment (
    ticket_id     UUID PRIMARY KEY,
    team_id       TEXT        NOT NULL REFERENCES team (id),
    team_name     TEXT        NOT NULL,
    team_lead_id  TEXT,
    agent_id      TEXT REFERENCES agent (id),
    agent_name    TEXT,
    rule          TEXT        NOT NULL,
    reason        TEXT        NOT NULL,
    category      TEXT        NOT NULL,
    priority      TEXT,
    customer_tier TEXT,
    language      TEXT,
    open          BOOLEAN     NOT NULL DEFAULT TRUE,
    triaged_at    TIMESTAMPTZ,
    assigned_at   TIMESTAMPTZ NOT NULL,
    closed_at     TIMESTAMPTZ
);
CREATE INDEX assignment_open_agent_idx ON assignment (agent_id) WHERE open;

-- Seed: teams, their leads and agents. Leads may also take tickets (then they are agents too).
INSERT INTO team (id, name, lead_id, lead_name) VALUES
    ('billing',            'Billing',             'lead-billing',            'Beatrice Lang'),
    ('account-management', 'Account Management',  'lead-account-management', 'Marcus Reed'),
    ('eng-tier1',          'Engineering Tier 1',  'lead-eng-tier1',          'Priya Nair'),
    ('eng-tier2',          'Engineering Tier 2',  'lead-eng-tier2',          'Tomasz Nowak'),
    ('eng-tier3',          'Engineering Tier 3',  'lead-eng-tier3',          'Ingrid Holm'),
    ('account',            'Account & Access',    'lead-account',            'Samuel Okafor'),
    ('product',            'Product',             'lead-product',            'Elena Petrova'),
    ('devrel',             'Developer Relations', 'lead-devrel',             'Kenji Sato'),
    ('security',           'Security',            'lead-security',           'Rachel Adler');

INSERT INTO agent (id, team_id, name, email, languages, skills, seniority, capacity) VALUES
    ('agent-billing-1', 'billing', 'Anna Schmidt', 'anna.schmidt@ticketsuite.io',
        '{en,de}', '{invoices,refunds}', 'SENIOR', 20),
    ('agent-billing-2', 'billing', 'Louis Martin', 'louis.martin@ticketsuite.io',
        '{en,fr}', '{payments,subscriptions}', 'JUNIOR', 15),
    ('agent-billing-3', 'billing', 'Sofia Garcia', 'sofia.garcia@ticketsuite.io',
        '{en,es}', '{refunds,tax}', 'JUNIOR', 15),

    ('agent-account-management-1', 'account-management', 'Emma Wilson', 'emma.wilson@ticketsuite.io',
        '{en}', '{enterprise-contracts,renewals}', 'SENIOR', 12),
    ('agent-account-management-2', 'account-management', 'Jonas Weber', 'jonas.weber@ticketsuite.io',
        '{en,de}', '{enterprise-contracts,invoicing}', 'SENIOR', 12),

    ('agent-eng-tier1-1', 'eng-tier1', 'Liam Brown', 'liam.brown@ticketsuite.io',
        '{en}', '{web-app,triage}', 'JUNIOR', 25),
    ('agent-eng-tier1-2', 'eng-tier1', 'Chloé Dubois', 'chloe.dubois@ticketsuite.io',
        '{en,fr}', '{mobile,web-app}', 'JUNIOR', 25),
    ('agent-eng-tier1-3', 'eng-tier1', 'Pedro Almeida', 'pedro.almeida@ticketsuite.io',
        '{en,pt,es}', '{web-app,email-delivery}', 'SENIOR', 25),

    ('agent-eng-tier2-1', 'eng-tier2', 'Noah Fischer', 'noah.fischer@ticketsuite.io',
        '{en,de}', '{databases,performance}', 'SENIOR', 15),
    ('agent-eng-tier2-2', 'eng-tier2', 'Mia Rossi', 'mia.rossi@ticketsuite.io',
        '{en}', '{api,integrations}', 'SENIOR', 15),
    ('agent-eng-tier2-3', 'eng-tier2', 'Lucas Moreau', 'lucas.moreau@ticketsuite.io',
        '{en,fr}', '{infrastructure,networking}', 'SENIOR', 15),

    ('agent-eng-tier3-1', 'eng-tier3', 'Hannah Becker', 'hannah.becker@ticketsuite.io',
        '{en,de}', '{core-platform,data-recovery}', 'SENIOR', 8),
    ('lead-eng-tier3', 'eng-tier3', 'Ingrid Holm', 'ingrid.holm@ticketsuite.io',
        '{en}', '{core-platform,architecture}', 'LEAD', 5),

    ('agent-account-1', 'account', 'Olivia Taylor', 'olivia.taylor@ticketsuite.io',
        '{en}', '{sso,passwords}', 'JUNIOR', 30),
    ('agent-account-2', 'account', 'Mateo López', 'mateo.lopez@ticketsuite.io',
        '{en,es,pt}', '{mfa,access-control}', 'JUNIOR', 30),

    ('agent-product-1', 'product', 'Ethan Clark', 'ethan.clark@ticketsuite.io',
        '{en}', '{feature-requests,roadmap}', 'SENIOR', 20),
    ('agent-product-2', 'product', 'Léa Bernard', 'lea.bernard@ticketsuite.io',
        '{en,fr}', '{how-to,onboarding}', 'JUNIOR', 20),

    ('agent-devrel-1', 'devrel', 'Ava Johnson', 'ava.johnson@ticketsuite.io',
        '{en}', '{api,webhooks}', 'SENIOR', 15),
    ('agent-devrel-2', 'devrel', 'Felix Wagner', 'felix.wagner@ticketsuite.io',
        '{en,de}', '{sdks,integrations}', 'SENIOR', 15),

    ('agent-security-1', 'security', 'Isabella Costa', 'isabella.costa@ticketsuite.io',
        '{en,pt}', '{incident-response,forensics}', 'SENIOR', 10),
    ('agent-security-2', 'security', 'Daniel Kim', 'daniel.kim@ticketsuite.io',
        '{en}', '{vulnerability-management,access-review}', 'SENIOR', 10),
    ('lead-security', 'security', 'Rachel Adler', 'rachel.adler@ticketsuite.io',
        '{en,de}', '{incident-response,disclosure}', 'LEAD', 5);

INSERT INTO routing_cursor (team_id) SELECT id FROM team;
