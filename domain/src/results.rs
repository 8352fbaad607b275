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
    /// Both figures side by side when the survey is weighted (and n > 0); `nps`, `ci_low` and
    /// `ci_high` above are then whichever ranks (`SurveyResults::weighting.ranks_by`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weighting: Option<SubjectWeighting>,
    /// The brand's reply (品牌回应) as approved by staff when this snapshot was written; absent
    /// when there is none, and in results computed now. Never changes a number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply: Option<SubjectReply>,
    /// What its reasons say (themes, keywords, quotes), frozen with the snapshot; absent in
    /// results computed now and in snapshots published before themes were read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub themes: Option<crate::themes::SubjectThemes>,
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weighting: Option<SubjectWeighting>,
}

/// Which results order a ranking: the plain count of who answered, or the raked one.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RanksBy {
    #[default]
    Unweighted,
    Weighted,
}

impl RanksBy {
    pub fn as_str(self) -> &'static str {
        match self {
            RanksBy::Unweighted => "unweighted",
            RanksBy::Weighted => "weighted",
        }
    }

    pub fn parse(text: &str) -> Option<RanksBy> {
        [RanksBy::Unweighted, RanksBy::Weighted]
            .into_iter()
            .find(|r| r.as_str() == text)
    }
}

/// An NPS with its interval.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Estimate {
    pub nps: f64,
    pub ci_low: f64,
    pub ci_high: f64,
}

/// A weighted survey's two figures for one subject (or the totals): the plain count of who
/// answered, and the answers raked to the target margins, with the interval on Kish's
/// effective sample size.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct SubjectWeighting {
    pub unweighted: Estimate,
    pub weighted: Estimate,
    /// Kish's effective sample size, (Σw)²/Σw²: what the weighted answers are worth.
    pub n_eff: f64,
}

/// How the weights were made and what they achieved: frozen with the results, shown in the
/// methodology.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WeightingReport {
    pub ranks_by: RanksBy,
    /// No weight above cap × the mean, none below mean / cap.
    pub cap: f64,
    /// Whether every margin was met (within 1e-10); when not, the cap kept some out of reach
    /// and `margins` show by how much.
    pub converged: bool,
    pub sweeps: u32,
    /// Counted answers weighted, and those whose weight sits at the cap or its inverse.
    pub answers: u64,
    pub trimmed: u64,
    /// Smallest and largest weight (mean 1).
    pub weight_min: f64,
    pub weight_max: f64,
    pub margins: Vec<WeightingMargin>,
}

/// One profile question's targets beside the sample and the weighted sample.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WeightingMargin {
    /// `age_band` or `district`.
    pub question: String,
    pub cells: Vec<MarginCell>,
    /// Share of answers without this profile answer: their own cell, kept at its sample share.
    pub not_answered: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MarginCell {
    /// The answer as stored: an age band id (`18-29`) or a district slug.
    pub answer: String,
    /// Districts carry their names; age bands are named by the reader's catalog.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name_zh: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name_en: String,
    /// The population share given, the share among answers, and after weighting.
    pub target: f64,
    pub sample: f64,
    pub weighted: f64,
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
    /// Present when the survey has target margins: the results are then also weighted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weighting: Option<WeightingReport>,
    /// When the counted answers were given; absent when none count (and in snapshots written
    /// before fieldwork dates were frozen).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fieldwork: Option<Fieldwork>,
}

/// The first and last day (Beijing time, `2026-11-05`) a counted answer was given.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fieldwork {
    pub first_day: String,
    pub last_day: String,
}

impl SurveyResults {
    /// Which figures rank: the weighted ones only when the survey is weighted and says so.
    pub fn ranks_by(&self) -> RanksBy {
        self.weighting
            .as_ref()
            .map_or(RanksBy::Unweighted, |w| w.ranks_by)
    }

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
