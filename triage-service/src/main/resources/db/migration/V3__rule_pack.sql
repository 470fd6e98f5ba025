-- Every rule pack that was ever in force, newest (highest seq) first in force. Replicas and restarts use the
-- newest row. A version names one text: loading it again is allowed only with the same text (a rollback).
CREATE TABLE rule_pack (
    seq        BIGSERIAL   PRIMARY KEY,
    version    TEXT        NOT NULL,
    yaml       TEXT        NOT NULL,
    loaded_by  TEXT        NOT NULL,
    loaded_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX rule_pack_version_idx ON rule_pack (version);
