-- Respondents' rights and retention (personal information law).
--
-- A respondent may withdraw an answer with the receipt code shown after submitting. A
-- withdrawal is an exclusion with its own reason, 'withdrawn', made by the respondent: it stops
-- counting at once and shows in the quality ledger, and a published snapshot changes only by a
-- correction. SQLite cannot change a CHECK constraint, so the exclusions table is built anew
-- with the new reason and filled from the old one (the same way on both engines, as in 0006).

CREATE TABLE exclusions_v3 (
    id              TEXT PRIMARY KEY,
    response_id     TEXT NOT NULL REFERENCES responses (id),
    reason          TEXT NOT NULL
                    CHECK (reason IN ('duplicate', 'bot', 'not-a-customer', 'off-topic', 'other',
                                      'withdrawn')),
    note            TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 500),
    excluded_by     TEXT NOT NULL,
    excluded_at     TEXT NOT NULL,
    restored_by     TEXT,
    restored_at     TEXT,
    CHECK ((restored_by IS NULL) = (restored_at IS NULL))
);

INSERT INTO exclusions_v3 (id, response_id, reason, note, excluded_by, excluded_at, restored_by,
                           restored_at)
SELECT id, response_id, reason, note, excluded_by, excluded_at, restored_by, restored_at
FROM exclusions
ORDER BY excluded_at, id;

DROP TABLE exclusions;
ALTER TABLE exclusions_v3 RENAME TO exclusions;
CREATE UNIQUE INDEX exclusions_standing ON exclusions (response_id) WHERE restored_at IS NULL;

-- The receipt code's keyed digest (the code itself is never stored), the same on every row of
-- one submission. NULL for answers given before receipts existed.
ALTER TABLE responses ADD COLUMN receipt_digest TEXT
    CHECK (receipt_digest IS NULL OR length(receipt_digest) = 32);
CREATE INDEX responses_by_receipt ON responses (receipt_digest) WHERE receipt_digest IS NOT NULL;

-- Retention: reasons and the client and network hashes of a survey's answers are cleared this
-- many days after its first publication; scores and the published numbers stay.
ALTER TABLE surveys ADD COLUMN retention_days BIGINT NOT NULL DEFAULT 180
    CHECK (retention_days BETWEEN 1 AND 3650);
-- When they were cleared (NULL: not yet).
ALTER TABLE surveys ADD COLUMN personal_data_cleared_at TEXT;
