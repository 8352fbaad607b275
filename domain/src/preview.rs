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
    /// The brand's right of reply through this link.
    pub reply: ReplyPanel,
}

/// Where a brand stands with its reply (品牌回应).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReplyPanel {
    /// The deadline, Beijing time `YYYY-MM-DD HH:MM`; `None` when staff have not invited replies.
    pub reply_by: Option<String>,
    /// A reply can be sent now: the deadline is ahead and none was sent yet.
    pub open: bool,
    /// The reply sent, when there is one (a subject sends one reply per survey).
    pub sent: Option<SentReply>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentReply {
    pub body_zh: String,
    pub body_en: String,
    /// Beijing time `YYYY-MM-DD HH:MM`.
    pub submitted_at: String,
    pub status: ReplyStatus,
    /// The reason staff gave with their decision.
    pub reason: Option<String>,
}

/// A reply waits for staff, or was approved (published with the results) or rejected.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReplyStatus {
    Pending,
    Approved,
    Rejected,
}

impl ReplyStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ReplyStatus::Pending => "pending",
            ReplyStatus::Approved => "approved",
            ReplyStatus::Rejected => "rejected",
        }
    }

    pub fn parse(text: &str) -> Option<ReplyStatus> {
        match text {
            "pending" => Some(ReplyStatus::Pending),
            "approved" => Some(ReplyStatus::Approved),
            "rejected" => Some(ReplyStatus::Rejected),
            _ => None,
        }
    }
}
