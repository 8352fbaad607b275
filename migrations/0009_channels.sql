-- Channels: where each answer came from. Same common ground as schema v1: runs unchanged on
-- SQLite and PostgreSQL.

-- A set of printed posters or handbooks whose QR link carries one channel code:
-- /s/{survey}?c=CODE. Staff name it and say where it went and how many were printed.
CREATE TABLE poster_batches (
    id              TEXT PRIMARY KEY,
    survey_id       TEXT NOT NULL REFERENCES surveys (id),
    code            TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 4 AND 16),
    name            TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    location        TEXT NOT NULL DEFAULT '' CHECK (length(location) <= 200),
    print_count     BIGINT NOT NULL CHECK (print_count BETWEEN 1 AND 1000000),
    created_at      TEXT NOT NULL
);
CREATE INDEX poster_batches_by_survey ON poster_batches (survey_id);

-- The channel of an answer: the plain link, a poster batch, an invitation or a kiosk.
ALTER TABLE responses ADD COLUMN channel TEXT NOT NULL DEFAULT 'link'
    CHECK (channel IN ('link', 'poster', 'invitation', 'kiosk'));
ALTER TABLE responses ADD COLUMN poster_batch_id TEXT REFERENCES poster_batches (id);
UPDATE responses SET channel = 'kiosk' WHERE kiosk_key_id IS NOT NULL;
