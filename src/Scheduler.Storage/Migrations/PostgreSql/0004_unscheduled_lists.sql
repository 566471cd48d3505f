-- A batch's unscheduled cases are kept as one row per post (three arrays in the schedule's order)
-- instead of one row per case, and read back through a view named as the table was, with the same
-- columns. A national batch leaves some 213,000 cases unscheduled: as rows, their COPY spent 0.7-0.9 s
-- of a 1.6-2.0 s commit on tuples, two index entries each and the statement trigger's copy of every
-- row; as 131 rows of arrays, about 0.2 s. The arrays are stored uncompressed (EXTERNAL): compressing
-- them cost more time than it saved. SQLite keeps one row per case (its prepared INSERT is cheap).
CREATE TABLE unscheduled_lists (
    batch_id BIGINT NOT NULL,
    post TEXT COLLATE "C" NULL,
    ordinals INTEGER[] NOT NULL,
    case_ids TEXT[] COLLATE "C" NOT NULL,
    reasons TEXT[] NOT NULL,
    CONSTRAINT unscheduled_lists_one_per_post UNIQUE NULLS NOT DISTINCT (batch_id, post),
    CONSTRAINT unscheduled_lists_aligned CHECK (
        array_ndims(ordinals) = 1 AND array_ndims(case_ids) = 1 AND array_ndims(reasons) = 1
        AND cardinality(ordinals) = cardinality(case_ids) AND cardinality(ordinals) = cardinality(reasons)
        AND array_position(case_ids, NULL) IS NULL AND array_position(reasons, NULL) IS NULL
        AND array_position(ordinals, NULL) IS NULL)
);
ALTER TABLE unscheduled_lists ALTER COLUMN ordinals SET STORAGE EXTERNAL,
    ALTER COLUMN case_ids SET STORAGE EXTERNAL, ALTER COLUMN reasons SET STORAGE EXTERNAL;

INSERT INTO unscheduled_lists (batch_id, post, ordinals, case_ids, reasons)
SELECT batch_id, post, array_agg(ordinal ORDER BY ordinal), array_agg(case_id ORDER BY ordinal), array_agg(reason ORDER BY ordinal)
FROM unscheduled
GROUP BY batch_id, post;

DROP TABLE unscheduled;

CREATE VIEW unscheduled AS
SELECT l.batch_id, u.ordinal, u.case_id, u.reason, l.post
FROM unscheduled_lists l, unnest(l.ordinals, l.case_ids, l.reasons) AS u(ordinal, case_id, reason);

CREATE TRIGGER unscheduled_lists_name_a_batch AFTER INSERT ON unscheduled_lists
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION batch_rows_name_a_batch();
CREATE TRIGGER unscheduled_lists_keep_their_batch BEFORE UPDATE OF batch_id ON unscheduled_lists
    FOR EACH ROW WHEN (OLD.batch_id IS DISTINCT FROM NEW.batch_id) EXECUTE FUNCTION batch_rows_keep_their_batch();

-- An appointment's case appears once per batch: that constraint's index, led by the case, also
-- serves the snapshot's "seated in another month's live batch" lookup, which had an index of its own.
ALTER TABLE appointments DROP CONSTRAINT appointments_batch_id_case_id_key;
DROP INDEX appointments_case;
ALTER TABLE appointments ADD CONSTRAINT appointments_case_once_per_batch UNIQUE (case_id, batch_id);
