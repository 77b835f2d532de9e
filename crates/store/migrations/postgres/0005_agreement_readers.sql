-- Who may read each confidential agreement besides the director and admins,
-- kept in step with the owner and the review chain, so that lists, counts
-- and search find a reader's confidential agreements through an index
-- instead of testing every confidential row. `reader_key` is `u:<user id>`
-- for the owner and `r:<role>:<unit or empty>` for each review step's
-- assignee. Plus the indexes the list's filter-and-sort combinations need.

CREATE TABLE agreement_readers (
    agreement_id TEXT NOT NULL REFERENCES agreements (id),
    reader_key TEXT NOT NULL,
    PRIMARY KEY (agreement_id, reader_key)
);
CREATE INDEX agreement_readers_key ON agreement_readers (reader_key, agreement_id);

INSERT INTO agreement_readers (agreement_id, reader_key)
SELECT id, 'u:' || owner_id FROM agreements WHERE confidential = TRUE AND owner_id IS NOT NULL;

INSERT INTO agreement_readers (agreement_id, reader_key)
SELECT DISTINCT s.agreement_id, 'r:' || s.role || ':' || COALESCE(s.unit, '')
FROM review_steps s JOIN agreements a ON a.id = s.agreement_id
WHERE a.confidential = TRUE;

CREATE INDEX agreements_kind_updated ON agreements (kind, updated_at, id);
CREATE INDEX agreements_kind_reference ON agreements (kind, reference);
CREATE INDEX agreements_status_reference ON agreements (status, reference);
CREATE INDEX agreements_unit_updated ON agreements (lead_unit, updated_at, id);
CREATE INDEX agreements_owner_updated ON agreements (owner_id, updated_at, id);
CREATE INDEX agreements_status_ends ON agreements (status, ends_on, id);
