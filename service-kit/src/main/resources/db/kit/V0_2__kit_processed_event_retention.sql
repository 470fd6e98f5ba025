-- processed_event rows are deleted after a retention longer than the topics' (ts.inbox.retention): this index lets
-- the sweep find the old rows without reading the table.
CREATE INDEX IF NOT EXISTS processed_event_processed_at_idx ON processed_event (processed_at);
