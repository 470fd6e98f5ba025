-- Issue 11: every ticket has a short human reference (TS-1042), unique and sequential, from one sequence.
CREATE SEQUENCE ticket_ref_seq START WITH 1000;

ALTER TABLE ticket ADD COLUMN ref TEXT;

-- existing tickets get theirs in the order they were created
UPDATE ticket t
SET ref = 'TS-' || n.num
FROM (SELECT o.id, nextval('ticket_ref_seq') AS num
      FROM (SELECT id FROM ticket ORDER BY created_at, id) o) n
WHERE t.id = n.id;

-- writers set the ref themselves (it is carried on ticket.created); the default is a safety net
ALTER TABLE ticket ALTER COLUMN ref SET DEFAULT 'TS-' || nextval('ticket_ref_seq');
ALTER TABLE ticket ALTER COLUMN ref SET NOT NULL;
CREATE UNIQUE INDEX ticket_ref_idx ON ticket (ref);
