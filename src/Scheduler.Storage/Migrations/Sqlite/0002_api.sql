-- The posts' own API: API keys (only their SHA-256 hash), the audit log of every change, and the
-- post the engine assigned each unscheduled case (null: NO_POST).
CREATE TABLE api_keys (
    name TEXT PRIMARY KEY,
    hash BLOB NOT NULL UNIQUE CHECK (length(hash) = 32),
    post TEXT NULL REFERENCES posts(code),
    created TEXT NOT NULL,
    expires TEXT NULL,
    revoked TEXT NULL
);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT NOT NULL,
    before_json TEXT NULL,
    after_json TEXT NULL
);
CREATE INDEX audit_log_target ON audit_log(target, id);

ALTER TABLE unscheduled ADD COLUMN post TEXT NULL;
CREATE INDEX unscheduled_post ON unscheduled(batch_id, post);
CREATE INDEX appointments_post ON appointments(batch_id, post);
