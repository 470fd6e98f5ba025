-- Whether any clock of the ticket was ever paused (a row in sla_pause), kept in the same transaction as the pause:
-- applying an event reads the ticket's pauses only when there are some, which most tickets never have.
ALTER TABLE sla_ticket ADD COLUMN has_pauses BOOLEAN NOT NULL DEFAULT FALSE;

UPDATE sla_ticket t SET has_pauses = TRUE WHERE EXISTS (SELECT 1 FROM sla_pause p WHERE p.ticket_id = t.ticket_id);
