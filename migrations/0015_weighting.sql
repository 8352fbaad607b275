-- Weighting and quotas: target margins for the profile questions (census shares of age bands and
-- districts), from which results are raked; which results rank a survey; and quotas per subject.

-- One row per profile question and answer: the answer's share of the population (0 < share ≤ 1;
-- a question's shares add up to 1, checked by the application).
CREATE TABLE weighting_targets (
    survey_id   TEXT NOT NULL REFERENCES surveys (id),
    question    TEXT NOT NULL CHECK (question IN ('age_band', 'district')),
    answer      TEXT NOT NULL CHECK (length(answer) BETWEEN 1 AND 64),
    share       DOUBLE PRECISION NOT NULL CHECK (share > 0 AND share <= 1),
    PRIMARY KEY (survey_id, question, answer)
);

-- `weighted` only when the survey has targets (checked by the application).
ALTER TABLE surveys ADD COLUMN ranks_by TEXT NOT NULL DEFAULT 'unweighted'
    CHECK (ranks_by IN ('unweighted', 'weighted'));
-- No weight above cap × the mean or below mean / cap.
ALTER TABLE surveys ADD COLUMN weight_cap DOUBLE PRECISION NOT NULL DEFAULT 5
    CHECK (weight_cap >= 1 AND weight_cap <= 100);

-- Quotas: the answers staff aim to collect per subject (at least the survey's minimum n,
-- checked by the application); none means the minimum n is the aim.
ALTER TABLE survey_subjects ADD COLUMN quota BIGINT CHECK (quota IS NULL OR quota >= 1);
