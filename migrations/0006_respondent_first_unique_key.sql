-- "One person, one answer per subject" is kept by a unique key on responses, ordered (survey,
-- subject, respondent key). Respondent keys now begin with the respondent's mint time, but in
-- that order a submission's rows still land at one place per subject, and each batch the
-- response writer commits rewrites about two leaf pages of the key per subject. Ordered
-- (survey, respondent key, subject), new respondents' answers all land at one place, the end of
-- the survey's part of the key, and "what has this respondent answered?" is one range of it.
-- (Measured in BENCHMARKS.md, "Survey submissions under load".)
--
-- SQLite cannot drop a table's unique constraint, so both tables that name responses are built
-- anew and filled from the old ones, the same way on both engines. Exclusions refer to
-- responses and go along. Columns, checks and indexes are as before; on PostgreSQL the
-- constraints keep the names they were made with (responses_v2_…), which nothing refers to.

CREATE TABLE responses_v2 (
    id              TEXT PRIMARY KEY,
    survey_id       TEXT NOT NULL,
    subject_id      TEXT NOT NULL,
    score           BIGINT NOT NULL CHECK (score BETWEEN 0 AND 10),
    reason          TEXT CHECK (reason IS NULL OR length(reason) <= 1000),
    lang            TEXT NOT NULL CHECK (lang IN ('zh-CN', 'en')),
    respondent_key  TEXT NOT NULL CHECK (length(respondent_key) >= 16),
    quality_flags   BIGINT NOT NULL DEFAULT 0 CHECK (quality_flags BETWEEN 0 AND 15),
    created_at      TEXT NOT NULL,
    age_band        TEXT
        CHECK (age_band IS NULL OR age_band IN ('under-18', '18-29', '30-44', '45-59', '60-plus')),
    district        TEXT CHECK (district IS NULL OR length(district) BETWEEN 1 AND 64),
    client_hash     TEXT CHECK (client_hash IS NULL OR length(client_hash) = 32),
    submission_id   TEXT CHECK (submission_id IS NULL OR length(submission_id) BETWEEN 8 AND 64),
    completion_ms   BIGINT CHECK (completion_ms IS NULL OR completion_ms >= 0),
    FOREIGN KEY (survey_id, subject_id) REFERENCES survey_subjects (survey_id, subject_id),
    UNIQUE (survey_id, respondent_key, subject_id)
);

INSERT INTO responses_v2 (id, survey_id, subject_id, score, reason, lang, respondent_key,
                          quality_flags, created_at, age_band, district, client_hash,
                          submission_id, completion_ms)
SELECT id, survey_id, subject_id, score, reason, lang, respondent_key, quality_flags, created_at,
       age_band, district, client_hash, submission_id, completion_ms
FROM responses
ORDER BY created_at, id;

CREATE TABLE exclusions_v2 (
    id              TEXT PRIMARY KEY,
    response_id     TEXT NOT NULL REFERENCES responses_v2 (id),
    reason          TEXT NOT NULL
                    CHECK (reason IN ('duplicate', 'bot', 'not-a-customer', 'off-topic', 'other')),
    note            TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 500),
    excluded_by     TEXT NOT NULL,
    excluded_at     TEXT NOT NULL,
    restored_by     TEXT,
    restored_at     TEXT,
    CHECK ((restored_by IS NULL) = (restored_at IS NULL))
);

INSERT INTO exclusions_v2 (id, response_id, reason, note, excluded_by, excluded_at, restored_by,
                           restored_at)
SELECT id, response_id, reason, note, excluded_by, excluded_at, restored_by, restored_at
FROM exclusions
ORDER BY excluded_at, id;

DROP TABLE exclusions;
DROP TABLE responses;
ALTER TABLE responses_v2 RENAME TO responses;
ALTER TABLE exclusions_v2 RENAME TO exclusions;

CREATE UNIQUE INDEX exclusions_standing ON exclusions (response_id) WHERE restored_at IS NULL;
CREATE INDEX responses_by_survey_time ON responses (survey_id, created_at);
CREATE INDEX responses_by_client ON responses (survey_id, client_hash, subject_id);
