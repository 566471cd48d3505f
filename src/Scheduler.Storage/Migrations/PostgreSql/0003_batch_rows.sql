-- A batch's rows are checked against the ledger once per statement instead of once per row.
-- The foreign keys from appointments, allocations and unscheduled to batches ran a trigger and took
-- a key-share lock on the batch's ledger row for every row: on a national batch (36,459 appointments,
-- 52,469 allocations, 213,541 unscheduled cases) that was 1.4 s of a 2.4 s commit. A statement-level
-- trigger over the inserted rows (COPY fires it too) refuses the whole statement when any row names a
-- batch the ledger does not hold, with the foreign-key error code; a row's batch never changes, and the
-- ledger never loses a batch (superseded and failed batches stay as history), which a trigger on
-- batches now enforces.
ALTER TABLE appointments DROP CONSTRAINT appointments_batch_id_fkey;
ALTER TABLE allocations DROP CONSTRAINT allocations_batch_id_fkey;
ALTER TABLE unscheduled DROP CONSTRAINT unscheduled_batch_id_fkey;

CREATE FUNCTION batch_rows_name_a_batch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM new_rows n WHERE NOT EXISTS (SELECT 1 FROM batches b WHERE b.id = n.batch_id)) THEN
        RAISE EXCEPTION USING ERRCODE = 'foreign_key_violation',
            MESSAGE = format('%s: a row names a batch that is not in the ledger', TG_TABLE_NAME);
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION batch_rows_keep_their_batch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION USING ERRCODE = 'foreign_key_violation',
        MESSAGE = format('%s: a row''s batch does not change', TG_TABLE_NAME);
END
$$;

CREATE FUNCTION batches_are_kept() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION USING ERRCODE = 'foreign_key_violation',
        MESSAGE = 'batches: the ledger keeps every batch (appointments, allocations and unscheduled cases name them)';
END
$$;

CREATE TRIGGER appointments_name_a_batch AFTER INSERT ON appointments
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION batch_rows_name_a_batch();
CREATE TRIGGER allocations_name_a_batch AFTER INSERT ON allocations
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION batch_rows_name_a_batch();
CREATE TRIGGER unscheduled_name_a_batch AFTER INSERT ON unscheduled
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION batch_rows_name_a_batch();

CREATE TRIGGER appointments_keep_their_batch BEFORE UPDATE OF batch_id ON appointments
    FOR EACH ROW WHEN (OLD.batch_id IS DISTINCT FROM NEW.batch_id) EXECUTE FUNCTION batch_rows_keep_their_batch();
CREATE TRIGGER allocations_keep_their_batch BEFORE UPDATE OF batch_id ON allocations
    FOR EACH ROW WHEN (OLD.batch_id IS DISTINCT FROM NEW.batch_id) EXECUTE FUNCTION batch_rows_keep_their_batch();
CREATE TRIGGER unscheduled_keep_their_batch BEFORE UPDATE OF batch_id ON unscheduled
    FOR EACH ROW WHEN (OLD.batch_id IS DISTINCT FROM NEW.batch_id) EXECUTE FUNCTION batch_rows_keep_their_batch();

CREATE TRIGGER batches_are_kept BEFORE DELETE OR TRUNCATE ON batches
    FOR EACH STATEMENT EXECUTE FUNCTION batches_are_kept();
