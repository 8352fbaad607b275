-- Preview links (预览链接): a secret per-subject address that shows a brand its own frozen
-- results before the embargo ends, and nothing of any other subject. Only the SHA-256 of the
-- secret is kept (the address is shown once, to the staff member who made it); a link expires
-- and can be revoked, and both are audited.
CREATE TABLE preview_links (
    id              TEXT PRIMARY KEY,
    survey_id       TEXT NOT NULL REFERENCES surveys (id),
    subject_id      TEXT NOT NULL REFERENCES subjects (id),
    token_digest    TEXT NOT NULL UNIQUE CHECK (length(token_digest) = 64),
    created_by      TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    expires_at      TEXT NOT NULL,
    revoked_by      TEXT,
    revoked_at      TEXT,
    CHECK ((revoked_by IS NULL) = (revoked_at IS NULL))
);
CREATE INDEX preview_links_by_survey ON preview_links (survey_id, created_at);
