-- Staff: users and roles, sessions, API tokens, sign-in throttling, exclusions and the audit log.
-- Same common ground as schema v1: runs unchanged on SQLite and PostgreSQL.

-- People who run the council's surveys. Passwords are argon2id PHC strings, never plain text.
CREATE TABLE staff_users (
    id              TEXT PRIMARY KEY,
    email           TEXT NOT NULL UNIQUE CHECK (length(email) BETWEEN 3 AND 254),
    password_hash   TEXT NOT NULL CHECK (password_hash LIKE '$argon2id$%'),
    role            TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'viewer')),
    active          BIGINT NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at      TEXT NOT NULL
);

-- Signed-in browsers. Only a SHA-256 of the session cookie is stored, so a leaked table signs
-- nobody in. The CSRF token is per session and goes into every console form.
CREATE TABLE staff_sessions (
    token_hash      TEXT PRIMARY KEY CHECK (length(token_hash) = 64),
    user_id         TEXT NOT NULL REFERENCES staff_users (id),
    csrf_token      TEXT NOT NULL CHECK (length(csrf_token) >= 32),
    created_at      TEXT NOT NULL,
    expires_at      TEXT NOT NULL
);
CREATE INDEX staff_sessions_by_user ON staff_sessions (user_id);

-- Tokens for scripts (staff API, Bearer). Shown once; only a SHA-256 is kept.
CREATE TABLE api_tokens (
    id              TEXT PRIMARY KEY,
    name            TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    token_hash      TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
    role            TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'viewer')),
    created_at      TEXT NOT NULL,
    revoked_at      TEXT,
    last_used_at    TEXT
);

-- Failed sign-ins, counted per e-mail address and per client (keyed hash of IP + user agent)
-- over a sliding window; kept in the database so every instance throttles alike. The address is
-- kept as a digest: people type passwords into the e-mail field.
CREATE TABLE sign_in_failures (
    id              TEXT PRIMARY KEY,
    email_digest    TEXT NOT NULL CHECK (length(email_digest) = 64),
    client_hash     TEXT NOT NULL,
    failed_at       TEXT NOT NULL
);
CREATE INDEX sign_in_failures_by_email ON sign_in_failures (email_digest, failed_at);
CREATE INDEX sign_in_failures_by_client ON sign_in_failures (client_hash, failed_at);

-- Names in more than one language and spellings people use; one per line.
ALTER TABLE subjects ADD COLUMN aliases TEXT NOT NULL DEFAULT '';
ALTER TABLE sectors ADD COLUMN active BIGINT NOT NULL DEFAULT 1 CHECK (active IN (0, 1));

-- Staff decisions to leave a response out of the results. Never a deletion: restoring sets
-- restored_at, and the history stays. At most one standing exclusion per response.
CREATE TABLE exclusions (
    id              TEXT PRIMARY KEY,
    response_id     TEXT NOT NULL REFERENCES responses (id),
    reason          TEXT NOT NULL
                    CHECK (reason IN ('duplicate', 'bot', 'not-a-customer', 'off-topic', 'other')),
    note            TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 500),
    excluded_by     TEXT NOT NULL,
    excluded_at     TEXT NOT NULL,
    restored_by     TEXT,
    restored_at     TEXT,
    CHECK ((restored_by IS NULL) = (restored_at IS NULL))
);
CREATE UNIQUE INDEX exclusions_standing ON exclusions (response_id) WHERE restored_at IS NULL;

-- Every state change made by staff, scripts or the CLI: who, when, what, before and after (JSON).
-- The application only ever inserts here.
CREATE TABLE audit_log (
    id              TEXT PRIMARY KEY,
    at              TEXT NOT NULL,
    actor           TEXT NOT NULL,
    action          TEXT NOT NULL,
    entity          TEXT NOT NULL,
    entity_id       TEXT NOT NULL,
    before_state    TEXT,
    after_state     TEXT
);
CREATE INDEX audit_log_by_time ON audit_log (at);
CREATE INDEX audit_log_by_entity ON audit_log (entity, entity_id);
