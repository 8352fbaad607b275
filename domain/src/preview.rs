//! What a brand's preview link shows: its own row of the frozen results, the sector's totals,
//! its own line of the quality ledger and the methodology — never another subject's data.

use serde::{Deserialize, Serialize};

use crate::ledger::Ledger;
use crate::results::SurveyResults;

/// The page behind a preview link that exists and has not been revoked (an unknown or revoked
/// link is a plain 404).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum PreviewPage {
    /// The frozen (or published) results, cut down to the link's subject.
    Ready(Box<BrandPreview>),
    /// The survey's results are not frozen yet: no embargo set, nothing published.
    NotReady {
        subject_name_zh: String,
        subject_name_en: String,
        expires_on: String,
    },
    /// The link's time is over (HTTP 410).
    Expired,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BrandPreview {
    pub subject: String,
    pub subject_name_zh: String,
    pub subject_name_en: String,
    /// The results with `subjects` holding this subject alone; totals are the sector's.
    pub results: SurveyResults,
    /// How many subjects are ranked, so that a rank interval reads "of N".
    pub ranked_count: usize,
    /// The quality ledger with this subject's line alone and the survey's total.
    pub ledger: Ledger,
    pub method_version: String,
    pub data_hash: String,
    /// When the results become public, Beijing time (`None` once they are).
    pub public_from: Option<String>,
    /// The last day the link works, Beijing date.
    pub expires_on: String,
}
