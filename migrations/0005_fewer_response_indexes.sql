-- Every index on responses is written inside the response writer's transaction, and an index
-- keyed by the (random) respondent key dirties a page of its own for nearly every response.
-- The unique key (survey_id, subject_id, respondent_key) already answers "what has this
-- respondent answered in this survey?" with one seek per subject of the survey, so this index
-- goes (measured in BENCHMARKS.md, "Survey submissions under load").
DROP INDEX responses_by_respondent;
