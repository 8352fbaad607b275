//! What the survey page and its thank-you page are rendered from (server and browser).

use serde::{Deserialize, Serialize};

use super::answers::FieldProblem;
use super::{PublicSurvey, SurveyStatus};

/// The survey page: a form to answer, or why there is none.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum SurveyPageData {
    Open(Box<OpenSurvey>),
    /// Closed or published (HTTP 410).
    NotOpen(Box<PublicSurvey>),
    /// Unknown or draft (HTTP 404).
    NotFound,
    /// Opened through an invitation that was used before or withdrawn (HTTP 410).
    InvitationUsed {
        survey: Box<PublicSurvey>,
        why: InvitationProblem,
    },
}

/// Why an invitation no longer opens its survey.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum InvitationProblem {
    Spent,
    Revoked,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OpenSurvey {
    pub survey: PublicSurvey,
    /// Subject slugs this respondent has already answered.
    pub answered: Vec<String>,
    /// Signed time the form was first shown.
    pub form_token: String,
    /// Identifies this filling-in of the form, so a retried send is stored once.
    pub submission_id: String,
    /// A refused plain-form POST, shown again with its values and problems.
    pub posted: Option<PostedForm>,
    /// Days after publication that reasons and fingerprints are kept (the privacy note says so).
    #[serde(default)]
    pub retention_days: i64,
}

/// A submitted form that was refused, for showing it again.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PostedForm {
    pub pairs: Vec<(String, String)>,
    pub problems: Vec<FieldProblem>,
    pub refusal: Option<Refusal>,
    /// The HTTP status the refusal is sent with.
    pub status: u16,
}

/// A refusal that is not about one field.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Refusal {
    /// Subject slugs answered before.
    AlreadyAnswered(Vec<String>),
    RateLimited {
        retry_after_s: u64,
    },
    NotOpen,
    NotFound,
    /// The invitation the form was opened with was used or withdrawn; nothing was stored.
    Invitation(InvitationProblem),
    /// Nothing was stored; trying again later may work.
    Unavailable,
}

/// The answer to a live (JavaScript) submission.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum SubmitReply {
    Accepted {
        thanks_url: String,
        /// The submission's receipt code, as shown to the respondent.
        receipt: String,
    },
    Refused(PostedForm),
}

impl PostedForm {
    pub fn value(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn has(&self, name: &str, value: &str) -> bool {
        self.pairs.iter().any(|(k, v)| k == name && v == value)
    }
}

/// The thank-you page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ThanksData {
    pub survey: PublicSurvey,
    /// The sector's latest published results, if any.
    pub ranking: Option<PublishedRanking>,
    /// The receipt code of the submission just made (from its short-lived cookie), if any.
    #[serde(default)]
    pub receipt: Option<String>,
}

/// A published survey's results, as far as the thank-you page shows them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublishedRanking {
    pub survey_slug: String,
    pub title_zh: String,
    pub title_en: String,
    pub status: SurveyStatus,
    pub method: String,
    pub level: f64,
    pub min_n: u64,
    pub rows: Vec<RankingRow>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RankingRow {
    pub subject: String,
    pub name_zh: String,
    pub name_en: String,
    pub n: u64,
    pub promoters: u64,
    pub passives: u64,
    pub detractors: u64,
    /// `None` when the sample is below the minimum n: held back, not ranked.
    pub result: Option<RankedResult>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RankedResult {
    pub nps: f64,
    pub ci_low: f64,
    pub ci_high: f64,
    /// 1 = the leading tier; subjects in one tier cannot be told apart.
    pub tier: usize,
}
