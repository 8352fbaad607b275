//! A survey as code: the JSON document `koubei survey export` prints, `koubei survey import`
//! reads, the staff API's `PUT /api/v1/staff/surveys/{slug}` takes and the console's survey form
//! fills in. Lifecycle status is not part of it: that moves only through open/close/publish.

use std::collections::BTreeMap;

use domain::answers::AgeBand;
use serde::{Deserialize, Serialize};
use stats::{Level, Method};
use time::OffsetDateTime;

use crate::db::timestamp;

/// Text in both languages.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Texts {
    #[serde(rename = "zh-CN")]
    pub zh_cn: String,
    pub en: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DistrictDefinition {
    pub slug: String,
    pub name: Texts,
}

/// The optional profile questions (for weighting later).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfileQuestions {
    #[serde(default)]
    pub age_band: bool,
    /// The districts offered; empty means the question is not asked.
    #[serde(default)]
    pub districts: Vec<DistrictDefinition>,
}

/// How results are computed and published.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IntervalSetting {
    pub method: Method,
    pub level: f64,
}

impl Default for IntervalSetting {
    fn default() -> Self {
        IntervalSetting {
            method: Method::AdjustedWald,
            level: 0.95,
        }
    }
}

pub use domain::results::RanksBy;

pub const DEFAULT_WEIGHT_CAP: f64 = 5.0;
/// Caps outside this range either forbid weighting or let one answer speak for dozens.
pub const WEIGHT_CAP_RANGE: std::ops::RangeInclusive<f64> = 1.5..=20.0;
/// How far a question's shares may add up from 1 (census tables are rounded).
pub const SHARES_SUM_TOLERANCE: f64 = 0.005;

fn default_weight_cap() -> f64 {
    DEFAULT_WEIGHT_CAP
}

/// Target margins (population shares per answer of a profile question) that results are raked
/// to, the cap on weights, and which results rank.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WeightingSetting {
    /// Age band (`under-18`, `18-29`, `30-44`, `45-59`, `60-plus`) → population share.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub age_band: BTreeMap<String, f64>,
    /// District slug → population share.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub district: BTreeMap<String, f64>,
    #[serde(default = "default_weight_cap")]
    pub cap: f64,
    #[serde(default)]
    pub ranks_by: RanksBy,
}

pub const DEFAULT_MIN_N: i64 = 30;

fn default_min_n() -> i64 {
    DEFAULT_MIN_N
}

/// Days after first publication that reasons and client/network hashes are kept.
pub const DEFAULT_RETENTION_DAYS: i64 = 180;
/// Ten years: longer is no retention period at all.
pub const MAX_RETENTION_DAYS: i64 = 3650;

fn default_retention_days() -> i64 {
    DEFAULT_RETENTION_DAYS
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SurveyDefinition {
    pub slug: String,
    /// The sector's slug.
    pub sector: String,
    pub title: Texts,
    #[serde(default)]
    pub intro: Texts,
    /// RFC 3339 (`2027-01-01T00:00:00+08:00`); stored and exported in UTC.
    #[serde(default)]
    pub opens_at: Option<String>,
    #[serde(default)]
    pub closes_at: Option<String>,
    /// Subject slugs, in the order the survey shows them.
    pub subjects: Vec<String>,
    #[serde(default)]
    pub profile: ProfileQuestions,
    /// Responses a subject needs to be ranked.
    #[serde(default = "default_min_n")]
    pub min_n: i64,
    #[serde(default)]
    pub interval: IntervalSetting,
    /// Days after first publication that reasons and client/network hashes are kept; then they
    /// are cleared (scores stay).
    #[serde(default = "default_retention_days")]
    pub retention_days: i64,
    /// Absent: results are plain counts of who answered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weighting: Option<WeightingSetting>,
    /// Subject slug → the answers to collect for it (at least `min_n`); a subject without one
    /// aims at `min_n`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub quotas: BTreeMap<String, i64>,
}

/// One thing wrong with a definition: the field's path (`subjects[2]`, `title.en`) and what.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DefinitionProblem {
    pub field: String,
    pub problem: Problem,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Problem {
    Required,
    TooLong,
    InvalidSlug,
    InvalidTime,
    ClosesBeforeOpening,
    Duplicate,
    OutOfRange,
    UnknownSector,
    UnknownSubject,
    /// The change is not allowed in the survey's current status.
    Frozen,
    /// A question's population shares do not add up to 100 %.
    SharesDoNotAddUp,
    /// Targets for a profile question the survey does not ask.
    NotAsked,
    /// A target for an answer the question does not offer.
    UnknownAnswer,
}

impl Problem {
    pub fn code(self) -> &'static str {
        match self {
            Problem::Required => "required",
            Problem::TooLong => "too_long",
            Problem::InvalidSlug => "invalid_slug",
            Problem::InvalidTime => "invalid_time",
            Problem::ClosesBeforeOpening => "closes_before_opening",
            Problem::Duplicate => "duplicate",
            Problem::OutOfRange => "out_of_range",
            Problem::UnknownSector => "unknown_sector",
            Problem::UnknownSubject => "unknown_subject",
            Problem::Frozen => "frozen",
            Problem::SharesDoNotAddUp => "shares_do_not_add_up",
            Problem::NotAsked => "not_asked",
            Problem::UnknownAnswer => "unknown_answer",
        }
    }
}

pub const TITLE_MAX_CHARS: usize = 200;
pub const INTRO_MAX_CHARS: usize = 4000;
pub const MAX_MIN_N: i64 = 100_000;

/// Slugs appear in URLs and on posters: lower-case ASCII letters, digits and inner hyphens.
pub fn is_slug(text: &str) -> bool {
    (1..=64).contains(&text.len())
        && text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !text.starts_with('-')
        && !text.ends_with('-')
}

/// Parses an RFC 3339 time (or the stored form) into the stored form.
pub fn parse_time(text: &str) -> Option<String> {
    let text = text.trim();
    timestamp::parse(text)
        .or_else(|| {
            OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339).ok()
        })
        .map(timestamp::format)
}

impl SurveyDefinition {
    /// Every problem a definition has on its own (the database adds unknown sector/subjects).
    /// Times are brought into the stored form as a side effect of a clean check.
    pub fn check(&mut self) -> Vec<DefinitionProblem> {
        let mut problems = Vec::new();
        let mut add =
            |field: String, problem: Problem| problems.push(DefinitionProblem { field, problem });
        if !is_slug(&self.slug) {
            add("slug".into(), Problem::InvalidSlug);
        }
        if !is_slug(&self.sector) {
            add("sector".into(), Problem::UnknownSector);
        }
        for (field, text, max) in [
            ("title.zh-CN", &self.title.zh_cn, TITLE_MAX_CHARS),
            ("title.en", &self.title.en, TITLE_MAX_CHARS),
            ("intro.zh-CN", &self.intro.zh_cn, INTRO_MAX_CHARS),
            ("intro.en", &self.intro.en, INTRO_MAX_CHARS),
        ] {
            if field.starts_with("title") && text.trim().is_empty() {
                add(field.into(), Problem::Required);
            } else if text.chars().count() > max {
                add(field.into(), Problem::TooLong);
            }
        }
        let mut times = [None, None];
        for (i, (field, value)) in [
            ("opens_at", &mut self.opens_at),
            ("closes_at", &mut self.closes_at),
        ]
        .into_iter()
        .enumerate()
        {
            if let Some(text) = value.as_deref().map(str::trim) {
                if text.is_empty() {
                    *value = None;
                } else if let Some(stored) = parse_time(text) {
                    times[i] = Some(stored.clone());
                    *value = Some(stored);
                } else {
                    add(field.into(), Problem::InvalidTime);
                }
            }
        }
        if let [Some(opens), Some(closes)] = &times {
            if closes <= opens {
                add("closes_at".into(), Problem::ClosesBeforeOpening);
            }
        }
        if self.subjects.is_empty() {
            add("subjects".into(), Problem::Required);
        }
        for (i, slug) in self.subjects.iter().enumerate() {
            if !is_slug(slug) {
                add(format!("subjects[{i}]"), Problem::UnknownSubject);
            } else if self.subjects[..i].contains(slug) {
                add(format!("subjects[{i}]"), Problem::Duplicate);
            }
        }
        let districts = &self.profile.districts;
        for (i, district) in districts.iter().enumerate() {
            if !is_slug(&district.slug) {
                add(format!("profile.districts[{i}].slug"), Problem::InvalidSlug);
            } else if districts[..i].iter().any(|d| d.slug == district.slug) {
                add(format!("profile.districts[{i}].slug"), Problem::Duplicate);
            }
            for (lang, name) in [("zh-CN", &district.name.zh_cn), ("en", &district.name.en)] {
                if name.trim().is_empty() {
                    add(
                        format!("profile.districts[{i}].name.{lang}"),
                        Problem::Required,
                    );
                } else if name.chars().count() > 100 {
                    add(
                        format!("profile.districts[{i}].name.{lang}"),
                        Problem::TooLong,
                    );
                }
            }
        }
        if !(1..=MAX_MIN_N).contains(&self.min_n) {
            add("min_n".into(), Problem::OutOfRange);
        }
        if !(1..=MAX_RETENTION_DAYS).contains(&self.retention_days) {
            add("retention_days".into(), Problem::OutOfRange);
        }
        // Levels outside 50–99.9 % are legal statistics but not honest publications.
        if Level::new(self.interval.level).is_err() || !(0.5..=0.999).contains(&self.interval.level)
        {
            add("interval.level".into(), Problem::OutOfRange);
        }
        if let Some(weighting) = &self.weighting {
            problems.extend(weighting.check(&self.profile));
        }
        for (subject, quota) in &self.quotas {
            let field = format!("quotas.{subject}");
            if !self.subjects.contains(subject) {
                problems.push(DefinitionProblem {
                    field,
                    problem: Problem::UnknownSubject,
                });
            } else if !(self.min_n..=MAX_MIN_N).contains(quota) {
                problems.push(DefinitionProblem {
                    field,
                    problem: Problem::OutOfRange,
                });
            }
        }
        problems
    }
}

impl WeightingSetting {
    fn check(&self, profile: &ProfileQuestions) -> Vec<DefinitionProblem> {
        let mut problems = Vec::new();
        let mut add =
            |field: String, problem: Problem| problems.push(DefinitionProblem { field, problem });
        if self.age_band.is_empty() && self.district.is_empty() {
            add("weighting".into(), Problem::Required);
        }
        let bands: Vec<&str> = AgeBand::ALL.iter().map(|b| b.as_str()).collect();
        let districts: Vec<&str> = profile.districts.iter().map(|d| d.slug.as_str()).collect();
        for (question, shares, asked, offered) in [
            ("age_band", &self.age_band, profile.age_band, &bands),
            (
                "district",
                &self.district,
                !districts.is_empty(),
                &districts,
            ),
        ] {
            if shares.is_empty() {
                continue;
            }
            if !asked {
                add(format!("weighting.{question}"), Problem::NotAsked);
                continue;
            }
            for (answer, share) in shares {
                if !offered.contains(&answer.as_str()) {
                    add(
                        format!("weighting.{question}.{answer}"),
                        Problem::UnknownAnswer,
                    );
                } else if !(share.is_finite() && *share > 0.0 && *share <= 1.0) {
                    add(
                        format!("weighting.{question}.{answer}"),
                        Problem::OutOfRange,
                    );
                }
            }
            for answer in offered.iter().filter(|a| !shares.contains_key(**a)) {
                add(format!("weighting.{question}.{answer}"), Problem::Required);
            }
            let sum: f64 = shares.values().sum();
            if (sum - 1.0).abs() > SHARES_SUM_TOLERANCE {
                add(format!("weighting.{question}"), Problem::SharesDoNotAddUp);
            }
        }
        if !WEIGHT_CAP_RANGE.contains(&self.cap) {
            add("weighting.cap".into(), Problem::OutOfRange);
        }
        problems
    }

    /// The targets as raking takes them: per question, the shares in the order of the
    /// question's answers (age bands as `AgeBand::ALL`, districts as the survey lists them).
    pub fn questions(&self, profile: &ProfileQuestions) -> Vec<(WeightedQuestion, Vec<f64>)> {
        let mut questions = Vec::new();
        if !self.age_band.is_empty() {
            let answers = AgeBand::ALL.iter().map(|b| b.as_str().to_string());
            questions.push((
                WeightedQuestion::AgeBand,
                self.shares(&self.age_band, answers),
            ));
        }
        if !self.district.is_empty() {
            let answers = profile.districts.iter().map(|d| d.slug.clone());
            questions.push((
                WeightedQuestion::District,
                self.shares(&self.district, answers),
            ));
        }
        questions
    }

    fn shares(
        &self,
        targets: &BTreeMap<String, f64>,
        answers: impl Iterator<Item = String>,
    ) -> Vec<f64> {
        answers
            .map(|a| targets.get(&a).copied().unwrap_or(0.0))
            .collect()
    }
}

/// A profile question results can be weighted by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WeightedQuestion {
    AgeBand,
    District,
}

impl WeightedQuestion {
    pub fn as_str(self) -> &'static str {
        match self {
            WeightedQuestion::AgeBand => "age_band",
            WeightedQuestion::District => "district",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid() -> SurveyDefinition {
        serde_json::from_str(
            r#"{"slug": "dental-2027", "sector": "dental-clinics",
                "title": {"zh-CN": "口腔诊所口碑调查", "en": "Dental clinics survey"},
                "subjects": ["smile-dental", "bright-teeth"],
                "opens_at": "2027-01-01T00:00:00+08:00", "closes_at": "2027-02-01T00:00:00+08:00"}"#,
        )
        .expect("valid JSON")
    }

    #[test]
    fn a_minimal_definition_takes_the_defaults_and_checks_clean() {
        let mut definition = valid();
        assert_eq!(definition.check(), vec![]);
        assert_eq!(definition.min_n, DEFAULT_MIN_N);
        assert_eq!(definition.interval, IntervalSetting::default());
        assert_eq!(
            definition.opens_at.as_deref(),
            Some("2026-12-31T16:00:00.000Z")
        );
    }

    #[test]
    fn problems_name_their_fields() {
        let mut definition = valid();
        definition.slug = "Dental 2027".into();
        definition.title.en = " ".into();
        definition.subjects.push("smile-dental".into());
        definition.closes_at = Some("2026-01-01T00:00:00Z".into());
        definition.min_n = 0;
        definition.interval.level = 0.3;
        let fields: Vec<(String, Problem)> = definition
            .check()
            .into_iter()
            .map(|p| (p.field, p.problem))
            .collect();
        assert_eq!(
            fields,
            vec![
                ("slug".into(), Problem::InvalidSlug),
                ("title.en".into(), Problem::Required),
                ("closes_at".into(), Problem::ClosesBeforeOpening),
                ("subjects[2]".into(), Problem::Duplicate),
                ("min_n".into(), Problem::OutOfRange),
                ("interval.level".into(), Problem::OutOfRange),
            ]
        );
    }

    #[test]
    fn unknown_fields_and_methods_are_refused_with_their_line() {
        let error =
            serde_json::from_str::<SurveyDefinition>("{\n\"slug\": \"a\",\n\"colour\": \"red\"\n}")
                .expect_err("unknown field");
        assert_eq!(error.line(), 3);
        assert!(error.to_string().contains("colour"));
        let error = serde_json::from_str::<IntervalSetting>(r#"{"method": "magic", "level": 0.9}"#)
            .expect_err("unknown method");
        assert!(error.to_string().contains("magic"));
    }

    fn weighted() -> SurveyDefinition {
        let mut definition = valid();
        definition.profile.age_band = true;
        definition.weighting = Some(
            serde_json::from_str(
                r#"{"age_band": {"under-18": 0.1, "18-29": 0.2, "30-44": 0.3, "45-59": 0.2,
                                 "60-plus": 0.2}, "ranks_by": "weighted"}"#,
            )
            .expect("weighting"),
        );
        definition
    }

    #[test]
    fn weighting_targets_check_clean_and_keep_the_answers_order() {
        let mut definition = weighted();
        assert_eq!(definition.check(), vec![]);
        let weighting = definition.weighting.as_ref().unwrap();
        assert_eq!(weighting.cap, DEFAULT_WEIGHT_CAP);
        let questions = weighting.questions(&definition.profile);
        assert_eq!(
            questions,
            vec![(WeightedQuestion::AgeBand, vec![0.1, 0.2, 0.3, 0.2, 0.2])]
        );
    }

    #[test]
    fn weighting_problems_name_the_question_and_answer() {
        let mut definition = weighted();
        let weighting = definition.weighting.as_mut().unwrap();
        weighting.age_band.remove("60-plus");
        weighting.age_band.insert("70-plus".into(), 0.2);
        weighting.district.insert("futian".into(), 1.0);
        weighting.cap = 100.0;
        let fields: Vec<(String, Problem)> = definition
            .check()
            .into_iter()
            .map(|p| (p.field, p.problem))
            .collect();
        assert_eq!(
            fields,
            vec![
                ("weighting.age_band.70-plus".into(), Problem::UnknownAnswer),
                ("weighting.age_band.60-plus".into(), Problem::Required),
                ("weighting.district".into(), Problem::NotAsked),
                ("weighting.cap".into(), Problem::OutOfRange),
            ]
        );
        let mut definition = weighted();
        definition
            .weighting
            .as_mut()
            .unwrap()
            .age_band
            .insert("18-29".into(), 0.3);
        assert_eq!(
            definition.check(),
            vec![DefinitionProblem {
                field: "weighting.age_band".into(),
                problem: Problem::SharesDoNotAddUp
            }]
        );
    }

    #[test]
    fn slugs() {
        assert!(is_slug("online-video-2026"));
        assert!(!is_slug("-x") && !is_slug("x-") && !is_slug("") && !is_slug("Ab"));
        assert!(!is_slug(&"a".repeat(65)));
    }
}
