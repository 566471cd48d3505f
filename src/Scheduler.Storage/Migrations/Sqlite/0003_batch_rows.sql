-- PostgreSQL's 0003 replaces the per-row foreign keys from a batch's rows to the ledger with a
-- statement-level check (there they cost 1.4 s of a national commit). SQLite keeps its foreign keys:
-- each is one probe of the batches table's integer key, a few milliseconds for a national batch.
-- Recorded so that both databases are at the same schema version.
SELECT 1;
