-- Idempotency keys are kept for intake.idempotency-key-ttl (default 24 h) and then deleted in the background;
-- the index keeps that delete cheap however many keys there are.
CREATE INDEX idempotency_key_created_idx ON idempotency_key (created_at);
