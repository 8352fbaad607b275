//! `/my-answers`: what a respondent sees of their own submission through its receipt code.
//! Deliberately nothing about moderation (held, excluded, flagged): a receipt must not tell a
//! ballot stuffer which of their answers the checks caught.

use serde::{Deserialize, Serialize};

/// One submission, as stored.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoredSubmission {
    /// The receipt code, as shown to people.
    pub code: String,
    pub survey_slug: String,
    pub survey_title_zh: String,
    pub survey_title_en: String,
    /// When it was sent: date and minute in the council's time zone.
    pub sent_at: String,
    /// The page language it was sent in (`zh-CN` or `en`).
    pub lang: String,
    /// The optional profile answers.
    pub age_band: Option<crate::answers::AgeBand>,
    pub district_zh: Option<String>,
    pub district_en: Option<String>,
    pub answers: Vec<StoredAnswer>,
    /// When the respondent withdrew it (council time), if they did.
    pub withdrawn_at: Option<String>,
    /// Whether the survey's retention time has passed: reasons and fingerprints are erased.
    pub personal_data_cleared: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StoredAnswer {
    pub subject_name_zh: String,
    pub subject_name_en: String,
    pub score: i64,
    pub reason: Option<String>,
}

/// What the `/my-answers` page shows after a form was sent to it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum MyAnswersView {
    /// The code could not be used; the form is shown again with why.
    Problem { typed: String, problem: CodeProblem },
    /// The submission, with the way to withdraw it.
    Found(StoredSubmission),
    /// Just withdrawn (the submission, now marked withdrawn).
    Withdrawn(StoredSubmission),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CodeProblem {
    /// Not ten letters and digits.
    Malformed,
    /// No submission has this code.
    Unknown,
    /// Too many tries from this client; wait this many seconds.
    TooManyTries { retry_after_s: u64 },
    /// The withdrawal was not confirmed with the checkbox.
    NotConfirmed,
    /// The database could not be reached.
    Unavailable,
}
