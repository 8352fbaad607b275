-- Weighting: target margins for the profile questions (census shares of age bands and
-- districts), from which results are raked; and which results rank a survey.

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
