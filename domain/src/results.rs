//! A survey's results as they are published, served (API, CSV, pages, charts, widgets) and
//! frozen in snapshots. Serializable: a snapshot stores exactly this.

use serde::{Deserialize, Serialize};

/// `ranked`, or `insufficient_sample` under the survey's minimum n: shown, never ranked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResultStatus {
    Ranked,
    InsufficientSample,
}

/// One subject's result.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SubjectResult {
    pub subject: String,
    pub name_zh: String,
    pub name_en: String,
    pub status: ResultStatus,
    /// Responses counted (after exclusions).
    pub n: u64,
    pub promoters: u64,
    pub passives: u64,
    pub detractors: u64,
    /// NPS and interval: present whenever n > 0 (also for insufficient samples, which are shown).
    pub nps: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    /// Ranked subjects only: 1 = the leading tier; subjects in one tier cannot be told apart.
    pub tier: Option<usize>,
    /// Ranked subjects only: the ranks it plausibly holds, jointly for all ranked subjects.
    pub rank_low: Option<usize>,
    pub rank_high: Option<usize>,
    /// The brand's reply (品牌回应) as approved by staff when this snapshot was written; absent
    /// when there is none, and in results computed now. Never changes a number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply: Option<SubjectReply>,
}

/// A brand's approved reply: plain text in Chinese and/or English (one may be empty), up to
/// `REPLY_MAX_CHARS` characters each, escaped wherever it is shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubjectReply {
    pub body_zh: String,
    pub body_en: String,
    /// When staff approved it (stored UTC form).
    pub approved_at: String,
}

/// The longest a reply may be in each language, in characters.
pub const REPLY_MAX_CHARS: usize = 500;

impl SubjectReply {
    /// The reply in the reader's language, or in the other one when the brand wrote only that;
    /// with the language it is written in (for the `lang` attribute).
    pub fn text_for(&self, locale: crate::Locale) -> (&str, &'static str) {
        let (own, other) = match locale {
            crate::Locale::ZhCn => ((&self.body_zh, "zh-CN"), (&self.body_en, "en")),
            crate::Locale::En => ((&self.body_en, "en"), (&self.body_zh, "zh-CN")),
        };
        if own.0.is_empty() {
            (other.0.as_str(), other.1)
        } else {
            (own.0.as_str(), own.1)
        }
    }
}

/// The sector as a whole in this survey (every counted response, all subjects together).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Totals {
    pub n: u64,
    pub promoters: u64,
    pub passives: u64,
    pub detractors: u64,
    pub nps: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
}

/// Everything a ranking shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SurveyResults {
    pub survey: String,
    pub title_zh: String,
    pub title_en: String,
    pub sector: String,
    pub sector_name_zh: String,
    pub sector_name_en: String,
    pub method: String,
    pub method_version: String,
    pub level: f64,
    pub min_n: u64,
    /// Ranked subjects by tier, then NPS; then those with too few responses, by n.
    pub subjects: Vec<SubjectResult>,
    pub totals: Totals,
}

impl SurveyResults {
    pub fn ranked(&self) -> impl Iterator<Item = &SubjectResult> {
        self.subjects
            .iter()
            .filter(|s| s.status == ResultStatus::Ranked)
    }

    /// The subjects with an approved reply, in the results' order.
    pub fn replies(&self) -> impl Iterator<Item = (&SubjectResult, &SubjectReply)> {
        self.subjects
            .iter()
            .filter_map(|s| s.reply.as_ref().map(|reply| (s, reply)))
    }

    pub fn held_back(&self) -> impl Iterator<Item = &SubjectResult> {
        self.subjects
            .iter()
            .filter(|s| s.status == ResultStatus::InsufficientSample)
    }
}
