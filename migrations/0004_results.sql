-- Results: running tallies that keep results fast at any size, and frozen snapshots.
-- Same common ground as schema v1: runs unchanged on SQLite and PostgreSQL.

-- How many counted (not excluded) responses each subject has per score, per survey. Kept up to
-- date in the same transactions that store responses and change exclusions, so results read
-- 11 rows per subject instead of scanning every response. Checked against a full recount.
CREATE TABLE subject_tallies (
    survey_id   TEXT NOT NULL,
    subject_id  TEXT NOT NULL,
    score       BIGINT NOT NULL CHECK (score BETWEEN 0 AND 10),
    responses   BIGINT NOT NULL CHECK (responses >= 0),
    PRIMARY KEY (survey_id, subject_id, score),
    FOREIGN KEY (survey_id, subject_id) REFERENCES survey_subjects (survey_id, subject_id)
);

INSERT INTO subject_tallies (survey_id, subject_id, score, responses)
SELECT r.survey_id, r.subject_id, r.score, COUNT(*)
FROM responses r
WHERE NOT EXISTS (SELECT 1 FROM exclusions x WHERE x.response_id = r.id AND x.restored_at IS NULL)
GROUP BY r.survey_id, r.subject_id, r.score;

-- A publication: the results, the method and its version, the quality ledger, when, by whom,
-- and a hash of the response data they were computed from. Never changed (guards refuse
-- UPDATE and DELETE); a correction is a new snapshot with a changelog entry.
CREATE TABLE snapshots (
    id              TEXT PRIMARY KEY,
    survey_id       TEXT NOT NULL REFERENCES surveys (id),
    number          BIGINT NOT NULL CHECK (number >= 1),
    published_at    TEXT NOT NULL,
    published_by    TEXT NOT NULL,
    method          TEXT NOT NULL,
    method_version  TEXT NOT NULL,
    level           DOUBLE PRECISION NOT NULL,
    min_n           BIGINT NOT NULL,
    results         TEXT NOT NULL,
    ledger          TEXT NOT NULL,
    data_hash       TEXT NOT NULL CHECK (length(data_hash) = 64),
    responses       BIGINT NOT NULL,
    changelog       TEXT NOT NULL DEFAULT '',
    UNIQUE (survey_id, number)
);
