-- What people say: each sector's theme lexicon (主题词表), edited by staff, and the reasons staff
-- picked as quotes (引语) for a survey's subjects, frozen into the next snapshot.

-- One theme of a sector: its names and its words, one per line (Chinese words, English words or
-- phrases). `theme_key` names it in URLs and in snapshots (`price`, `waiting`).
CREATE TABLE sector_themes (
    sector_id   TEXT NOT NULL REFERENCES sectors (id),
    theme_key   TEXT NOT NULL CHECK (length(theme_key) BETWEEN 1 AND 40),
    name_zh     TEXT NOT NULL CHECK (length(name_zh) BETWEEN 1 AND 40),
    name_en     TEXT NOT NULL CHECK (length(name_en) BETWEEN 1 AND 60),
    words       TEXT NOT NULL CHECK (length(words) BETWEEN 1 AND 4000),
    position    BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (sector_id, theme_key)
);

-- A reason picked as a quote for its subject under one theme. The reason is shown redacted,
-- and only while its answer counts; one pick per answer.
CREATE TABLE quotes (
    response_id TEXT PRIMARY KEY REFERENCES responses (id),
    survey_id   TEXT NOT NULL REFERENCES surveys (id),
    theme_key   TEXT NOT NULL CHECK (length(theme_key) BETWEEN 1 AND 40),
    picked_by   TEXT NOT NULL,
    picked_at   TEXT NOT NULL
);
CREATE INDEX quotes_by_survey ON quotes (survey_id);
