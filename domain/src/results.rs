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

    pub fn held_back(&self) -> impl Iterator<Item = &SubjectResult> {
        self.subjects
            .iter()
            .filter(|s| s.status == ResultStatus::InsufficientSample)
    }
}
