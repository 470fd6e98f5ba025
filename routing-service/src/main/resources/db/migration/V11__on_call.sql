-- On-call rotations (issue 17): per team, members in order, a weekly hand-over (weekday and local time in the
-- team's IANA time zone) and overrides for a date range. Member n is on call from the hand-over on starts_on +
-- n weeks (modulo the number of members); an override covering the day wins.

CREATE TABLE on_call_rotation (
    team_id       TEXT PRIMARY KEY REFERENCES team (id),
    time_zone     TEXT NOT NULL,
    handover_day  TEXT NOT NULL
        CHECK (handover_day IN ('MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY')),
    handover_time TIME NOT NULL,
    -- a date on the hand-over weekday: the first member is on call from its hand-over
    starts_on     DATE NOT NULL
);

CREATE TABLE on_call_member (
    team_id  TEXT    NOT NULL REFERENCES on_call_rotation (team_id),
    position INTEGER NOT NULL CHECK (position >= 0),
    staff_id TEXT    NOT NULL,
    name     TEXT    NOT NULL,
    PRIMARY KEY (team_id, position)
);

-- Someone else covers whole days from from_date to to_date (inclusive, in the rotation's time zone).
CREATE TABLE on_call_override (
    id        UUID PRIMARY KEY,
    team_id   TEXT NOT NULL REFERENCES on_call_rotation (team_id),
    staff_id  TEXT NOT NULL,
    name      TEXT NOT NULL,
    from_date DATE NOT NULL,
    to_date   DATE NOT NULL,
    reason    TEXT,
    CHECK (to_date >= from_date)
);
CREATE INDEX on_call_override_team_idx ON on_call_override (team_id, from_date);

INSERT INTO on_call_rotation (team_id, time_zone, handover_day, handover_time, starts_on) VALUES
    ('eng-tier1', 'Europe/Berlin',    'MONDAY',    '09:00', '2026-01-05'),
    ('eng-tier2', 'Europe/Berlin',    'MONDAY',    '09:00', '2026-01-05'),
    ('eng-tier3', 'Europe/Zurich',    'MONDAY',    '09:00', '2026-01-05'),
    ('security',  'America/New_York', 'WEDNESDAY', '10:00', '2026-01-07');

INSERT INTO on_call_member (team_id, position, staff_id, name) VALUES
    ('eng-tier1', 0, 'agent-eng-tier1-1', 'Liam Brown'),
    ('eng-tier1', 1, 'agent-eng-tier1-2', 'Chloé Dubois'),
    ('eng-tier1', 2, 'agent-eng-tier1-3', 'Pedro Almeida'),
    ('eng-tier2', 0, 'agent-eng-tier2-1', 'Noah Fischer'),
    ('eng-tier2', 1, 'agent-eng-tier2-2', 'Mia Rossi'),
    ('eng-tier2', 2, 'agent-eng-tier2-3', 'Lucas Moreau'),
    ('eng-tier3', 0, 'agent-eng-tier3-1', 'Hannah Becker'),
    ('eng-tier3', 1, 'lead-eng-tier3',    'Ingrid Holm'),
    ('security',  0, 'agent-security-1',  'Isabella Costa'),
    ('security',  1, 'agent-security-2',  'Daniel Kim'),
    ('security',  2, 'lead-security',     'Rachel Adler');
