-- Invitations: single-use links handed out in person, so the answers they bring are verified.
-- Same common ground as schema v1: runs unchanged on SQLite and PostgreSQL.

-- A batch of invitations staff generated for a survey. The invitations themselves are not rows:
-- invitation n of a batch is its code, its number and a keyed hash of both, so the server can
-- print the batch again at any time and still tell a made-up invitation from a real one.
CREATE TABLE invitation_batches (
    id              TEXT PRIMARY KEY,
    survey_id       TEXT NOT NULL REFERENCES surveys (id),
    code            TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 4 AND 16),
    name            TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    size            BIGINT NOT NULL CHECK (size BETWEEN 1 AND 5000),
    created_at      TEXT NOT NULL,
    revoked_at      TEXT
);
CREATE INDEX invitation_batches_by_survey ON invitation_batches (survey_id);

-- A spent invitation: the first submission through it. The primary key is what makes an
-- invitation single-use, for every instance on one database.
CREATE TABLE invitation_spends (
    batch_id          TEXT NOT NULL REFERENCES invitation_batches (id),
    number          BIGINT NOT NULL CHECK (number >= 1),
    submission_id   TEXT NOT NULL,
    spent_at        TEXT NOT NULL,
    PRIMARY KEY (batch_id, number)
);

-- The invitation batch an answer came through (channel 'invitation': a verified answer).
ALTER TABLE responses ADD COLUMN invitation_batch_id TEXT REFERENCES invitation_batches (id);
-- A retried submission through an invitation finds what it stored the first time.
CREATE INDEX responses_by_invitation ON responses (invitation_batch_id, submission_id)
    WHERE invitation_batch_id IS NOT NULL;
