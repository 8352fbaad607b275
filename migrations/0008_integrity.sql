-- Integrity: where an answer came from (its network), and the suspect clusters that hold answers
-- for review. Same common ground as schema v1: runs unchanged on SQLite and PostgreSQL.

-- A group of answers a detector found likely to be stuffing, with its evidence. Its answers are
-- held (stored, not counted) while it is open; staff release it (they count) or exclude it
-- (they stay out), with a note, and may change that decision later.
CREATE TABLE suspect_clusters (
    id              TEXT PRIMARY KEY,
    survey_id       TEXT NOT NULL,
    subject_id      TEXT NOT NULL,
    signal          TEXT NOT NULL CHECK (signal IN ('burst', 'network', 'near-duplicate-reasons')),
    first_at        TEXT NOT NULL,
    last_at         TEXT NOT NULL,
    networks        BIGINT NOT NULL CHECK (networks >= 0),
    excess          DOUBLE PRECISION NOT NULL,
    p_value         DOUBLE PRECISION NOT NULL CHECK (p_value >= 0 AND p_value <= 1),
    shift_p         DOUBLE PRECISION NOT NULL CHECK (shift_p >= 0 AND shift_p <= 1),
    uniform_completion BIGINT NOT NULL CHECK (uniform_completion IN (0, 1)),
    fresh_share     DOUBLE PRECISION NOT NULL,
    detected_at     TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'released', 'excluded')),
    decided_by      TEXT,
    decided_at      TEXT,
    note            TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 500),
    CHECK ((status = 'open') = (decided_at IS NULL)),
    FOREIGN KEY (survey_id, subject_id) REFERENCES survey_subjects (survey_id, subject_id)
);
CREATE INDEX suspect_clusters_by_survey ON suspect_clusters (survey_id, status);

-- Keyed hash of the IPv4 /24 or IPv6 /64 an answer came from (the raw address is never kept).
ALTER TABLE responses ADD COLUMN network_hash TEXT
    CHECK (network_hash IS NULL OR length(network_hash) = 32);
-- The respondent had no cookie: this submission made a new identity.
ALTER TABLE responses ADD COLUMN new_identity BIGINT NOT NULL DEFAULT 0
    CHECK (new_identity IN (0, 1));
-- The suspect cluster an answer belongs to; it counts only while there is none or it was released.
ALTER TABLE responses ADD COLUMN cluster_id TEXT REFERENCES suspect_clusters (id);
CREATE INDEX responses_by_cluster ON responses (cluster_id) WHERE cluster_id IS NOT NULL;
