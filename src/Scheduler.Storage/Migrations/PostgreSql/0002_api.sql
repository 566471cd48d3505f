-- The posts' own API: API keys (only their SHA-256 hash), the audit log of every change, and the
-- post the engine assigned each unscheduled case (null: NO_POST).
CREATE TABLE api_keys (
    name TEXT COLLATE "C" PRIMARY KEY,
    hash BYTEA NOT NULL UNIQUE CHECK (length(hash) = 32),
    post TEXT COLLATE "C" NULL REFERENCES posts(code),
    created TIMESTAMPTZ NOT NULL,
    expires TIMESTAMPTZ NULL,
    revoked TIMESTAMPTZ NULL
);

CREATE TABLE audit_log (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at TIMESTAMPTZ NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT COLLATE "C" NOT NULL,
    before_json TEXT NULL,
    after_json TEXT NULL
);
CREATE INDEX audit_log_target ON audit_log(target, id);

ALTER TABLE unscheduled ADD COLUMN post TEXT COLLATE "C" NULL;
CREATE INDEX unscheduled_post ON unscheduled(batch_id, post);
CREATE INDEX appointments_post ON appointments(batch_id, post);
