-- People correct the machine: a correction never overwrites the classifier's decision, it is kept beside it.
-- The ticket text is kept with the decision so corrections can be exported as labelled rows (dev-set format).
ALTER TABLE triage_decision ADD COLUMN subject TEXT;
ALTER TABLE triage_decision ADD COLUMN description TEXT;

CREATE TABLE triage_correction (
    correction_id     UUID        PRIMARY KEY,
    -- order of corrections of one ticket (the last one is in force)
    seq               BIGSERIAL   NOT NULL UNIQUE,
    ticket_id         UUID        NOT NULL REFERENCES triage_decision (ticket_id),
    previous_category TEXT        NOT NULL,
    category          TEXT        NOT NULL,
    previous_priority TEXT        NOT NULL,
    priority          TEXT        NOT NULL,
    reason            TEXT        NOT NULL,
    corrected_by      TEXT        NOT NULL,
    corrected_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX triage_correction_ticket_idx ON triage_correction (ticket_id, seq);
