-- As on PostgreSQL (its 0004), a batch's unscheduled cases are kept as one row per post instead of
-- one row per case, and read back through a view named as the table was, with the same columns.
-- SQLite has no arrays: a post's list is one JSON array of [ordinal, case_id, reason] triples. A
-- national batch leaves some 213,000 cases unscheduled: inserted as rows (a primary key and an index
-- entry each, and the batch's foreign key checked per row) they took 0.6 s of a 1.1 s commit.
CREATE TABLE unscheduled_lists (
    batch_id INTEGER NOT NULL REFERENCES batches(id),
    post TEXT NULL,
    items TEXT NOT NULL CHECK (json_valid(items) AND json_type(items) = 'array')
);
-- One list per post and batch, the cases without a post (NO_POST) included.
CREATE UNIQUE INDEX unscheduled_lists_one_per_post ON unscheduled_lists(batch_id, IFNULL(post, ''));

INSERT INTO unscheduled_lists (batch_id, post, items)
SELECT batch_id, post, json_group_array(json_array(ordinal, case_id, reason))
FROM (SELECT batch_id, post, ordinal, case_id, reason FROM unscheduled ORDER BY batch_id, post, ordinal)
GROUP BY batch_id, post;

DROP TABLE unscheduled;

CREATE VIEW unscheduled AS
SELECT l.batch_id AS batch_id, json_extract(j.value, '$[0]') AS ordinal, json_extract(j.value, '$[1]') AS case_id,
    json_extract(j.value, '$[2]') AS reason, l.post AS post
FROM unscheduled_lists l, json_each(l.items) AS j;
