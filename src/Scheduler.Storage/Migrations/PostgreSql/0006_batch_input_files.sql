-- A batch's input files (the zipped scenario it read: 12 MB for a national month) move out of its
-- ledger row into a table of their own, as on SQLite (its 0006, where a row is rewritten whole on any
-- update, so the commit's update of the batch wrote them again). Here the move keeps both databases'
-- store code alike: a batch inserts them while it plans, inside its lease's transaction under a
-- savepoint, and its commit leaves them alone. Zipped already: stored without compression.
CREATE TABLE batch_input_files (
    batch_id BIGINT PRIMARY KEY REFERENCES batches(id),
    files BYTEA NOT NULL
);
ALTER TABLE batch_input_files ALTER COLUMN files SET STORAGE EXTERNAL;
INSERT INTO batch_input_files (batch_id, files) SELECT id, input_files FROM batches WHERE input_files IS NOT NULL;
ALTER TABLE batches DROP COLUMN input_files;
