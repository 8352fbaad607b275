//! What `/verify/{token}` says about a badge: whether the council signed its statement, and
//! whether that statement still stands (valid, expired, or superseded by a correction).

use serde::{Deserialize, Serialize};

use crate::results::{ResultStatus, SubjectResult};

/// What a badge or embed card claims, as signed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Statement {
    /// The statement format's version.
    pub v: u8,
    pub survey: String,
    pub snapshot: i64,
    pub subject: String,
    pub subject_name_zh: String,
    pub subject_name_en: String,
    pub status: ResultStatus,
    /// NPS and interval ends to one decimal, as badges show them.
    pub nps: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    /// The interval's level, e.g. 0.95.
    pub level: f64,
    pub tier: Option<usize>,
    /// Stored form (UTC).
    pub published_at: String,
    pub expires_at: String,
}

/// Where a genuine statement stands now.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum Standing {
    Valid,
    /// Past `expires_at`: true when it was made, too old to show.
    Expired,
    /// A correction published a newer snapshot: the subject's result there, and why.
    Superseded {
        latest: i64,
        now: Option<Box<SubjectResult>>,
        changelog: String,
    },
}

/// The verify page's content.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum VerifyView {
    Genuine {
        statement: Box<Statement>,
        standing: Standing,
        /// The statement's times in Beijing, `YYYY-MM-DD`.
        published_on: String,
        expires_on: String,
    },
    /// Not signed by this council's key, or not a token at all.
    NotGenuine,
}
