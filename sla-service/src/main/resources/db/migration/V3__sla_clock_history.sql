-- Every start, restart (reopen), recomputation (new priority) and stop of a clock, per cycle, so the timeline keeps
-- all cycles and not only the current one (sla_clock holds only the current cycle of each clock).
CREATE TABLE sla_clock_event (
    id            UUID PRIMARY KEY,
    ticket_id     UUID        NOT NULL REFERENCES sla_ticket (ticket_id),
    clock         TEXT        NOT NULL,
    cycle         INT         NOT NULL,
    event         TEXT        NOT NULL,
    at            TIMESTAMPTZ NOT NULL,
    priority      TEXT        NOT NULL,
    due_at        TIMESTAMPTZ NOT NULL,
    within_target BOOLEAN,
    detail        TEXT
);
CREATE INDEX sla_clock_event_ticket_idx ON sla_clock_event (ticket_id);

-- History of the clocks that existed before this table: their first start, the current cycle's restart and the
-- current cycle's met instant (earlier cycles' met instants were not kept).
INSERT INTO sla_clock_event (id, ticket_id, clock, cycle, event, at, priority, due_at, within_target, detail)
SELECT gen_random_uuid(), c.ticket_id, c.clock, 1, 'started', COALESCE(t.created_at, c.started_at), c.priority,
       c.due_at, NULL, NULL
FROM sla_clock c JOIN sla_ticket t ON t.ticket_id = c.ticket_id;
INSERT INTO sla_clock_event (id, ticket_id, clock, cycle, event, at, priority, due_at, within_target, detail)
SELECT gen_random_uuid(), ticket_id, clock, cycle, 'restarted', started_at, priority, due_at, NULL, 'reopened'
FROM sla_clock WHERE cycle > 1;
INSERT INTO sla_clock_event (id, ticket_id, clock, cycle, event, at, priority, due_at, within_target, detail)
SELECT gen_random_uuid(), ticket_id, clock, cycle, 'met', met_at, priority, due_at, within_target, NULL
FROM sla_clock WHERE met_at IS NOT NULL;
