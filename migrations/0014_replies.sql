-- Replies (品牌回应): a brand's statement about its own result, sent through its preview link
-- before a deadline staff set, approved or rejected by staff with a reason. One reply per
-- subject and survey (the UNIQUE key holds it under concurrent sends, on both engines).
-- Approved replies are frozen into each snapshot written after their approval, inside the
-- results beside the brand's row; a reply never changes a number or the data hash.
CREATE TABLE replies (
    id              TEXT PRIMARY KEY,
    survey_id       TEXT NOT NULL REFERENCES surveys (id),
    subject_id      TEXT NOT NULL REFERENCES subjects (id),
    preview_link_id TEXT NOT NULL REFERENCES preview_links (id),
    body_zh         TEXT NOT NULL,
    body_en         TEXT NOT NULL,
    submitted_at    TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'pending'
                    CHECK (status IN ('pending', 'approved', 'rejected')),
    decided_by      TEXT,
    decided_at      TEXT,
    decision_reason TEXT,
    CHECK (body_zh <> '' OR body_en <> ''),
    CHECK ((status = 'pending') = (decided_at IS NULL)),
    UNIQUE (survey_id, subject_id)
);

-- The deadline for replies to a survey, set by staff (none: replies are not invited).
CREATE TABLE reply_deadlines (
    survey_id       TEXT PRIMARY KEY REFERENCES surveys (id),
    reply_by        TEXT NOT NULL,
    set_by          TEXT NOT NULL,
    set_at          TEXT NOT NULL
);
