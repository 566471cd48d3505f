-- The CP-SAT answers a batch's plan reached, one row per post model (keyed by the model's SHA-256, which
-- holds the seed, the limits and the solver's build), committed with the batch. A what-if of the month
-- (whatif --month M --db C) hands them to its plans, so the baseline's posts are not searched again: only
-- what the change reaches is. Deflated (a national month's 115 are 75 KB); they go with their batch.
CREATE TABLE batch_searches (
    batch_id INTEGER NOT NULL REFERENCES batches(id),
    fingerprint TEXT NOT NULL CHECK (length(fingerprint) = 64),
    answer BLOB NOT NULL,
    PRIMARY KEY (batch_id, fingerprint)
);
