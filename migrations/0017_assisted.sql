-- 协助填写: the respondent ticked "someone helped me answer / I answered for a family member".
-- Kept per answer and counted per subject in the quality ledger (care homes, check-up centres),
-- never used to exclude or weight on its own.
ALTER TABLE responses ADD COLUMN assisted BIGINT NOT NULL DEFAULT 0 CHECK (assisted IN (0, 1));
