-- Respondents: profile questions, one person once, quality signals and idempotent submissions.
-- Same common ground as schema v1: runs unchanged on SQLite and PostgreSQL.

-- A survey may ask respondents for an age band and a district (for weighting later).
ALTER TABLE surveys ADD COLUMN asks_age_band BIGINT NOT NULL DEFAULT 0 CHECK (asks_age_band IN (0, 1));

-- The districts a survey offers; none means the district question is not asked.
CREATE TABLE survey_districts (
    survey_id   TEXT NOT NULL REFERENCES surveys (id),
    slug        TEXT NOT NULL CHECK (length(slug) BETWEEN 1 AND 64),
    name_zh     TEXT NOT NULL CHECK (length(name_zh) >= 1),
    name_en     TEXT NOT NULL CHECK (length(name_en) >= 1),
    position    BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (survey_id, slug)
);

-- Profile answers are copied onto each of a submission's responses, so every response can be
-- weighted on its own. The district is checked against survey_districts by the application.
ALTER TABLE responses ADD COLUMN age_band TEXT
    CHECK (age_band IS NULL OR age_band IN ('under-18', '18-29', '30-44', '45-59', '60-plus'));
ALTER TABLE responses ADD COLUMN district TEXT CHECK (district IS NULL OR length(district) BETWEEN 1 AND 64);
-- Keyed hash of the client's IP address and user agent; the raw address is never stored.
ALTER TABLE responses ADD COLUMN client_hash TEXT CHECK (client_hash IS NULL OR length(client_hash) = 32);
-- The submission (one form or API call) a response came in with: a retried submission is
-- recognised and answered again instead of being refused as a duplicate.
ALTER TABLE responses ADD COLUMN submission_id TEXT CHECK (submission_id IS NULL OR length(submission_id) BETWEEN 8 AND 64);
-- Milliseconds from showing the form to submitting it, when known (pages, not the API).
ALTER TABLE responses ADD COLUMN completion_ms BIGINT CHECK (completion_ms IS NULL OR completion_ms >= 0);

-- Every index is paid for on each insert, inside the writer's transaction: only these two.
-- "Has this device answered this subject?" (the duplicate flag), one seek per subject.
CREATE INDEX responses_by_client ON responses (survey_id, client_hash, subject_id);
-- "What has this respondent answered?" (the survey page, and telling a retry from a duplicate).
CREATE INDEX responses_by_respondent ON responses (survey_id, respondent_key);

-- Server-side secrets (the key for respondent cookies and client hashes), created on first
-- start so every instance sharing the database signs and hashes alike.
CREATE TABLE server_secrets (
    name        TEXT PRIMARY KEY,
    value       TEXT NOT NULL CHECK (length(value) >= 32),
    created_at  TEXT NOT NULL
);
