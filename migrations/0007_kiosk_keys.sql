-- Kiosk keys: naming a respondent over the API is a kiosk's or partner's privilege, granted by
-- staff per survey. Shown once; only a SHA-256 of the secret is kept, like API tokens.
CREATE TABLE kiosk_keys (
    id              TEXT PRIMARY KEY,
    name            TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    key_hash        TEXT NOT NULL UNIQUE CHECK (length(key_hash) = 64),
    -- Answers the key may send per council day; NULL: no cap.
    daily_limit     BIGINT CHECK (daily_limit IS NULL OR daily_limit BETWEEN 1 AND 1000000),
    created_at      TEXT NOT NULL,
    revoked_at      TEXT,
    last_used_at    TEXT
);

-- The surveys a key may answer; a key covers at least one (enforced by the application).
CREATE TABLE kiosk_key_surveys (
    kiosk_key_id    TEXT NOT NULL REFERENCES kiosk_keys (id),
    survey_id       TEXT NOT NULL REFERENCES surveys (id),
    PRIMARY KEY (kiosk_key_id, survey_id)
);

-- Answers taken per capped key and council day. In the database, not in one process, so the cap holds
-- across every instance on one database; a conditional upsert makes taking a place atomic.
CREATE TABLE kiosk_key_days (
    kiosk_key_id    TEXT NOT NULL REFERENCES kiosk_keys (id),
    day             TEXT NOT NULL CHECK (length(day) = 10),
    answers         BIGINT NOT NULL CHECK (answers >= 0),
    PRIMARY KEY (kiosk_key_id, day)
);

-- The kiosk that sent an answer; NULL for answers through the survey pages.
ALTER TABLE responses ADD COLUMN kiosk_key_id TEXT REFERENCES kiosk_keys (id);
-- "What did this kiosk send today?" without reading every answer; page answers stay out of it.
CREATE INDEX responses_by_kiosk_key ON responses (kiosk_key_id, created_at)
    WHERE kiosk_key_id IS NOT NULL;
