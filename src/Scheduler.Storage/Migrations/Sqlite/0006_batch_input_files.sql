-- A batch's input files (the zipped scenario it read: 12 MB for a national month) move out of its
-- ledger row into a table of their own. A batch writes them while it plans, in a transaction of its
-- own, so that its commit need not; but SQLite rewrites a whole row on any update, so in the ledger
-- row they were written again by the commit's update of the batch's status and figures (0.12 s of a
-- national commit, and their 12 MB again in the write-ahead log that the commit's checkpoint copies).
CREATE TABLE batch_input_files (
    batch_id INTEGER PRIMARY KEY REFERENCES batches(id),
    files BLOB NOT NULL
);
INSERT INTO batch_input_files (batch_id, files) SELECT id, input_files FROM batches WHERE input_files IS NOT NULL;
ALTER TABLE batches DROP COLUMN input_files;

-- An appointment's case appears once per batch: as on PostgreSQL (its 0004), that constraint's index is
-- led by the case, so it also serves the snapshot's "seated in another month's live batch" lookup, which
-- had an index of its own: one index fewer to fill (a national commit's 36,650 appointments, inserted again in
-- the sqlite3 shell beside a batch's as many: 0.07-0.08 s with both, 0.05-0.06 s with one). SQLite changes a
-- table's constraints by rebuilding it.
CREATE TABLE appointments_rebuilt (
    batch_id INTEGER NOT NULL REFERENCES batches(id),
    ordinal INTEGER NOT NULL,
    case_id TEXT NOT NULL,
    post TEXT NOT NULL,
    date TEXT NOT NULL,
    start TEXT NOT NULL,
    applicants INTEGER NOT NULL CHECK (applicants >= 0),
    PRIMARY KEY (batch_id, ordinal),
    CONSTRAINT appointments_case_once_per_batch UNIQUE (case_id, batch_id)
);
INSERT INTO appointments_rebuilt (batch_id, ordinal, case_id, post, date, start, applicants)
SELECT batch_id, ordinal, case_id, post, date, start, applicants FROM appointments ORDER BY batch_id, ordinal;
DROP TABLE appointments;
ALTER TABLE appointments_rebuilt RENAME TO appointments;
CREATE INDEX appointments_post ON appointments(batch_id, post);
