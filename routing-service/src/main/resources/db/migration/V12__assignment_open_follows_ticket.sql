-- An assignment is open exactly when its ticket is (routing_ticket.ticket_open): the flag is copied from the ticket
-- when the assignment is made and both change together under the ticket's row lock. Status changes that keep a
-- ticket open (or closed) now rely on that and no longer read the assignment. This makes any row that disagrees agree
-- (the ticket's flag wins, being the last status routing saw) and counts the agents' load again from the assignments.
UPDATE assignment a
   SET open = t.ticket_open,
       closed_at = CASE WHEN t.ticket_open THEN NULL ELSE COALESCE(a.closed_at, now()) END
  FROM routing_ticket t
 WHERE t.ticket_id = a.ticket_id
   AND a.open <> t.ticket_open;

UPDATE agent SET open_assignments = (SELECT count(*) FROM assignment a WHERE a.agent_id = agent.id AND a.open)
 WHERE open_assignments <> (SELECT count(*) FROM assignment a WHERE a.agent_id = agent.id AND a.open);
