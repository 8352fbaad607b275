-- Embargoes: a publication frozen now and made public at a set time.
--
-- While a survey waits for its embargo it stays 'closed', so every public surface (pages, API,
-- CSV, charts, widgets, badges, oEmbed, sector pages and trends) keeps answering as for an
-- unpublished survey, whichever server instance is asked. The snapshot is frozen when the
-- embargo is set and kept here whole; at the time it is written to `snapshots`, the survey
-- becomes 'published' and this row goes, in one transaction, by whichever instance claims the
-- row first. Snapshots stay append-only and hold only what has been public.
CREATE TABLE embargoes (
    survey_id       TEXT PRIMARY KEY REFERENCES surveys (id),
    publish_at      TEXT NOT NULL,
    scheduled_by    TEXT NOT NULL,
    scheduled_at    TEXT NOT NULL,
    data_hash       TEXT NOT NULL CHECK (length(data_hash) = 64),
    responses       BIGINT NOT NULL,
    -- The frozen snapshot as JSON (results, ledger, method, level, minimum n).
    snapshot        TEXT NOT NULL
);
CREATE INDEX embargoes_due ON embargoes (publish_at);
