-- Routing depth (issue 17, safety of issue 16): tiers, the clinical safety team, agent availability and a
-- maintained load counter, the ticket status routing needs, continuity and the VIP customer directory.

-- Tiered teams: escalate-tier moves a ticket to the team of the next tier (T1 → T2 → T3).
ALTER TABLE team ADD COLUMN tier TEXT CHECK (tier IN ('T1', 'T2', 'T3'));
UPDATE team SET tier = 'T1' WHERE id = 'eng-tier1';
UPDATE team SET tier = 'T2' WHERE id = 'eng-tier2';
UPDATE team SET tier = 'T3' WHERE id = 'eng-tier3';
CREATE UNIQUE INDEX team_tier_idx ON team (tier) WHERE tier IS NOT NULL;

-- Agents: availability set through the API, and their load as a counter maintained with every assignment
-- change (assign, close, reopen, reassign), so choosing an agent never counts the assignment history.
ALTER TABLE agent
    ADD COLUMN status            TEXT    NOT NULL DEFAULT 'AVAILABLE'
        CHECK (status IN ('AVAILABLE', 'AWAY', 'OFFLINE')),
    ADD COLUMN status_changed_at TIMESTAMPTZ,
    ADD COLUMN status_changed_by TEXT,
    ADD COLUMN open_assignments  INTEGER NOT NULL DEFAULT 0;
UPDATE agent SET open_assignments = (SELECT count(*) FROM assignment a WHERE a.agent_id = agent.id AND a.open);

-- The clinical safety team (safety category: crisis, self-harm, emergencies, failing safety features).
INSERT INTO team (id, name, lead_id, lead_name) VALUES
    ('clinical-safety', 'Clinical Safety', 'lead-clinical-safety', 'Dr. Amara Osei');
INSERT INTO agent (id, team_id, name, email, languages, skills, seniority, capacity) VALUES
    ('agent-clinical-safety-1', 'clinical-safety', 'Grace Mensah', 'grace.mensah@ticketsuite.io',
        '{en,fr}', '{crisis-support,clinical-triage}', 'SENIOR', 8),
    ('agent-clinical-safety-2', 'clinical-safety', 'Oskar Lindqvist', 'oskar.lindqvist@ticketsuite.io',
        '{en,de,sv}', '{crisis-support,device-safety}', 'SENIOR', 8);
INSERT INTO routing_cursor (team_id) VALUES ('clinical-safety');

-- The ticket status routing needs: a ticket is re-routed (reclassification, its agent going offline) only while
-- nobody works on it yet (NEW, ACCEPTED, TRIAGED, ASSIGNED).
ALTER TABLE routing_ticket ADD COLUMN status TEXT;

-- Assignments remember the customer (continuity) and the tier of their team; reassignments are counted.
ALTER TABLE assignment
    ADD COLUMN customer_id      TEXT,
    ADD COLUMN tier             TEXT,
    ADD COLUMN reassigned_at    TIMESTAMPTZ,
    ADD COLUMN reassignments    INTEGER NOT NULL DEFAULT 0;
-- continuity: the customer's latest assignment with an agent, one index probe
CREATE INDEX assignment_customer_idx ON assignment (customer_id, assigned_at DESC)
    WHERE customer_id IS NOT NULL AND agent_id IS NOT NULL;

-- VIP customers (a small directory kept by admins): their tickets go to senior agents.
CREATE TABLE vip_customer (
    customer_id TEXT PRIMARY KEY,
    note        TEXT,
    flagged_by  TEXT        NOT NULL,
    flagged_at  TIMESTAMPTZ NOT NULL
);
