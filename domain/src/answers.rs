//! The rules for a respondent's answers, shared by the survey page (in the browser for instant
//! feedback, and on the server), the plain-form POST and `POST /api/v1/surveys/{slug}/responses`.

use serde::{Deserialize, Serialize};

use super::PublicSurvey;
use crate::Locale;

/// Longest "Why?" answer, in characters (the schema checks the same limit).
pub const REASON_MAX_CHARS: usize = 1000;

/// The optional age-band profile question's answers, as stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AgeBand {
    #[serde(rename = "under-18")]
    Under18,
    #[serde(rename = "18-29")]
    From18To29,
    #[serde(rename = "30-44")]
    From30To44,
    #[serde(rename = "45-59")]
    From45To59,
    #[serde(rename = "60-plus")]
    From60,
}

impl AgeBand {
    pub const ALL: [AgeBand; 5] = [
        AgeBand::Under18,
        AgeBand::From18To29,
        AgeBand::From30To44,
        AgeBand::From45To59,
        AgeBand::From60,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AgeBand::Under18 => "under-18",
            AgeBand::From18To29 => "18-29",
            AgeBand::From30To44 => "30-44",
            AgeBand::From45To59 => "45-59",
            AgeBand::From60 => "60-plus",
        }
    }

    pub fn parse(value: &str) -> Option<AgeBand> {
        AgeBand::ALL.into_iter().find(|band| band.as_str() == value)
    }
}

/// One answer as typed: the score is text until validated (forms send text; the API maps
/// anything that is not a JSON integer to text that fails).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct AnswerDraft {
    pub subject: String,
    pub score: Option<String>,
    pub reason: String,
}

/// Everything one submission carries, before validation.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SubmissionDraft {
    pub answers: Vec<AnswerDraft>,
    /// Empty when not answered.
    pub age_band: String,
    pub district: String,
    /// 协助填写: someone helped, or the answers are for a family member.
    #[serde(default)]
    pub assisted: bool,
}

/// A validated answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidAnswer {
    pub subject: String,
    pub score: u8,
    pub reason: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidSubmission {
    pub answers: Vec<ValidAnswer>,
    pub age_band: Option<AgeBand>,
    pub district: Option<String>,
    pub assisted: bool,
}

/// Where a problem is: the whole form, one subject's score or reason, or a profile question.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "subject", rename_all = "snake_case")]
pub enum AnswerField {
    Form,
    Subject(String),
    Score(String),
    Reason(String),
    AgeBand,
    District,
    Lang,
    Respondent,
    Submission,
}

impl AnswerField {
    /// The field name used in API errors.
    pub fn api_name(&self) -> &'static str {
        match self {
            AnswerField::Form => "subject",
            AnswerField::Subject(_) => "subject",
            AnswerField::Score(_) => "score",
            AnswerField::Reason(_) => "reason",
            AnswerField::AgeBand => "age_band",
            AnswerField::District => "district",
            AnswerField::Lang => "lang",
            AnswerField::Respondent => "respondent",
            AnswerField::Submission => "submission",
        }
    }
}

/// What is wrong; the words come from the i18n catalog.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AnswerProblem {
    NothingAnswered,
    SubjectMissing,
    UnknownSubject,
    SubjectTwice,
    ScoreMissing,
    ScoreNotWholeNumber,
    ScoreOutOfRange,
    ReasonTooLong,
    /// A control character (NUL and the like) that no person types and no database keeps alike.
    ReasonUnreadable,
    UnknownAgeBand,
    UnknownDistrict,
    UnknownLanguage,
    InvalidRespondent,
    InvalidSubmissionId,
    AlreadyAnswered,
}

impl AnswerProblem {
    /// The machine-readable code used in API errors.
    pub fn code(self) -> &'static str {
        match self {
            AnswerProblem::NothingAnswered => "nothing_answered",
            AnswerProblem::SubjectMissing => "missing_field",
            AnswerProblem::UnknownSubject => "unknown_subject",
            AnswerProblem::SubjectTwice => "subject_twice",
            AnswerProblem::ScoreMissing => "missing_field",
            AnswerProblem::ScoreNotWholeNumber => "invalid_score",
            AnswerProblem::ScoreOutOfRange => "score_out_of_range",
            AnswerProblem::ReasonTooLong => "reason_too_long",
            AnswerProblem::ReasonUnreadable => "invalid_characters",
            AnswerProblem::UnknownAgeBand => "unknown_age_band",
            AnswerProblem::UnknownDistrict => "unknown_district",
            AnswerProblem::UnknownLanguage => "unknown_language",
            AnswerProblem::InvalidRespondent => "invalid_respondent",
            AnswerProblem::InvalidSubmissionId => "invalid_submission_id",
            AnswerProblem::AlreadyAnswered => "duplicate_response",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldProblem {
    pub field: AnswerField,
    pub problem: AnswerProblem,
}

impl FieldProblem {
    pub fn new(field: AnswerField, problem: AnswerProblem) -> FieldProblem {
        FieldProblem { field, problem }
    }
}

/// Parses a score: a whole number from 0 to 10, nothing else.
pub fn parse_score(text: &str) -> Result<u8, AnswerProblem> {
    let text = text.trim();
    if text.is_empty() {
        return Err(AnswerProblem::ScoreMissing);
    }
    if !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(AnswerProblem::ScoreNotWholeNumber);
    }
    match text.parse::<u32>() {
        Ok(score) if score <= 10 => Ok(score as u8),
        _ => Err(AnswerProblem::ScoreOutOfRange),
    }
}

/// Parses a language tag as the API takes it: exactly `zh-CN` or `en` (any letter case).
pub fn parse_lang(text: &str) -> Result<Locale, AnswerProblem> {
    Locale::ALL
        .into_iter()
        .find(|locale| locale.tag().eq_ignore_ascii_case(text.trim()))
        .ok_or(AnswerProblem::UnknownLanguage)
}

/// Checks a draft against the survey's subjects and questions. Every problem is reported, so a
/// form can show them all at once.
pub fn validate(
    survey: &PublicSurvey,
    draft: &SubmissionDraft,
) -> Result<ValidSubmission, Vec<FieldProblem>> {
    let mut problems = Vec::new();
    let mut answers = Vec::with_capacity(draft.answers.len());
    if draft.answers.is_empty() {
        problems.push(FieldProblem::new(
            AnswerField::Form,
            AnswerProblem::NothingAnswered,
        ));
    }
    for (index, answer) in draft.answers.iter().enumerate() {
        let subject = answer.subject.trim();
        if subject.is_empty() {
            problems.push(FieldProblem::new(
                AnswerField::Subject(String::new()),
                AnswerProblem::SubjectMissing,
            ));
            continue;
        }
        if survey.subject(subject).is_none() {
            problems.push(FieldProblem::new(
                AnswerField::Subject(subject.to_string()),
                AnswerProblem::UnknownSubject,
            ));
            continue;
        }
        if draft.answers[..index]
            .iter()
            .any(|earlier| earlier.subject.trim() == subject)
        {
            problems.push(FieldProblem::new(
                AnswerField::Subject(subject.to_string()),
                AnswerProblem::SubjectTwice,
            ));
            continue;
        }
        let score = parse_score(answer.score.as_deref().unwrap_or(""));
        if let Err(problem) = score {
            problems.push(FieldProblem::new(
                AnswerField::Score(subject.to_string()),
                problem,
            ));
        }
        let reason = answer.reason.trim();
        if reason.chars().count() > REASON_MAX_CHARS {
            problems.push(FieldProblem::new(
                AnswerField::Reason(subject.to_string()),
                AnswerProblem::ReasonTooLong,
            ));
        } else if reason
            .chars()
            .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        {
            problems.push(FieldProblem::new(
                AnswerField::Reason(subject.to_string()),
                AnswerProblem::ReasonUnreadable,
            ));
        }
        if let Ok(score) = score {
            answers.push(ValidAnswer {
                subject: subject.to_string(),
                score,
                reason: (!reason.is_empty()).then(|| reason.to_string()),
            });
        }
    }
    let age_band = match draft.age_band.trim() {
        "" => None,
        text => {
            let band = AgeBand::parse(text);
            if band.is_none() || !survey.asks_age_band {
                problems.push(FieldProblem::new(
                    AnswerField::AgeBand,
                    AnswerProblem::UnknownAgeBand,
                ));
            }
            band
        }
    };
    let district = match draft.district.trim() {
        "" => None,
        slug if survey.has_district(slug) => Some(slug.to_string()),
        _ => {
            problems.push(FieldProblem::new(
                AnswerField::District,
                AnswerProblem::UnknownDistrict,
            ));
            None
        }
    };
    if problems.is_empty() {
        Ok(ValidSubmission {
            answers,
            age_band,
            district,
            assisted: draft.assisted,
        })
    } else {
        Err(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{DistrictRef, SectorRef, SubjectRef, SurveyStatus};

    fn survey() -> PublicSurvey {
        let subject = |slug: &str| SubjectRef {
            slug: slug.into(),
            name_zh: format!("{slug}中文"),
            name_en: slug.into(),
        };
        PublicSurvey {
            slug: "dental-2026".into(),
            status: SurveyStatus::Open,
            sector: SectorRef {
                slug: "dental".into(),
                name_zh: "口腔".into(),
                name_en: "Dental".into(),
            },
            title_zh: "调查".into(),
            title_en: "Survey".into(),
            intro_zh: String::new(),
            intro_en: String::new(),
            opens_at: None,
            closes_at: None,
            closes_on: None,
            subjects: vec![subject("a"), subject("b")],
            asks_age_band: true,
            districts: vec![DistrictRef {
                slug: "futian".into(),
                name_zh: "福田区".into(),
                name_en: "Futian".into(),
            }],
        }
    }

    fn answer(subject: &str, score: Option<&str>, reason: &str) -> AnswerDraft {
        AnswerDraft {
            subject: subject.into(),
            score: score.map(str::to_string),
            reason: reason.into(),
        }
    }

    #[test]
    fn scores_are_whole_numbers_from_0_to_10() {
        assert_eq!(parse_score("0"), Ok(0));
        assert_eq!(parse_score(" 10 "), Ok(10));
        assert_eq!(parse_score("11"), Err(AnswerProblem::ScoreOutOfRange));
        assert_eq!(
            parse_score("99999999999"),
            Err(AnswerProblem::ScoreOutOfRange)
        );
        assert_eq!(parse_score("7.5"), Err(AnswerProblem::ScoreNotWholeNumber));
        assert_eq!(parse_score("-1"), Err(AnswerProblem::ScoreNotWholeNumber));
        assert_eq!(parse_score("七"), Err(AnswerProblem::ScoreNotWholeNumber));
        assert_eq!(parse_score(""), Err(AnswerProblem::ScoreMissing));
    }

    #[test]
    fn languages_are_the_two_tags() {
        assert_eq!(parse_lang("zh-cn"), Ok(Locale::ZhCn));
        assert_eq!(parse_lang("en"), Ok(Locale::En));
        assert_eq!(parse_lang("fr"), Err(AnswerProblem::UnknownLanguage));
        assert_eq!(parse_lang("zh"), Err(AnswerProblem::UnknownLanguage));
    }

    #[test]
    fn a_valid_draft_becomes_a_submission() {
        let draft = SubmissionDraft {
            answers: vec![
                answer("a", Some("9"), "  great staff "),
                answer("b", Some("3"), ""),
            ],
            age_band: "30-44".into(),
            district: "futian".into(),
            assisted: true,
        };
        let valid = validate(&survey(), &draft).expect("valid");
        assert_eq!(valid.answers[0].reason.as_deref(), Some("great staff"));
        assert_eq!(valid.answers[1].reason, None);
        assert_eq!(valid.age_band, Some(AgeBand::From30To44));
        assert_eq!(valid.district.as_deref(), Some("futian"));
        assert!(valid.assisted, "the 协助填写 tick is carried through");
    }

    #[test]
    fn every_problem_is_reported_against_its_field() {
        let long = "长".repeat(REASON_MAX_CHARS + 1);
        let draft = SubmissionDraft {
            answers: vec![
                answer("a", None, &long),
                answer("zzz", Some("5"), ""),
                answer("b", Some("12"), ""),
                answer("b", Some("1"), ""),
            ],
            age_band: "teen".into(),
            district: "nowhere".into(),
            assisted: false,
        };
        let problems = validate(&survey(), &draft).expect_err("invalid");
        let expected = [
            (AnswerField::Score("a".into()), AnswerProblem::ScoreMissing),
            (
                AnswerField::Reason("a".into()),
                AnswerProblem::ReasonTooLong,
            ),
            (
                AnswerField::Subject("zzz".into()),
                AnswerProblem::UnknownSubject,
            ),
            (
                AnswerField::Score("b".into()),
                AnswerProblem::ScoreOutOfRange,
            ),
            (
                AnswerField::Subject("b".into()),
                AnswerProblem::SubjectTwice,
            ),
            (AnswerField::AgeBand, AnswerProblem::UnknownAgeBand),
            (AnswerField::District, AnswerProblem::UnknownDistrict),
        ];
        let got: Vec<_> = problems.into_iter().map(|p| (p.field, p.problem)).collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn a_reason_of_exactly_the_limit_is_accepted() {
        let draft = SubmissionDraft {
            answers: vec![answer("a", Some("8"), &"好".repeat(REASON_MAX_CHARS))],
            ..SubmissionDraft::default()
        };
        assert!(validate(&survey(), &draft).is_ok());
    }

    #[test]
    fn an_empty_draft_and_unasked_questions_are_refused() {
        let mut no_age = survey();
        no_age.asks_age_band = false;
        let draft = SubmissionDraft {
            answers: vec![],
            age_band: "30-44".into(),
            district: String::new(),
            assisted: false,
        };
        let problems = validate(&no_age, &draft).expect_err("invalid");
        assert_eq!(problems[0].problem, AnswerProblem::NothingAnswered);
        assert_eq!(problems[1].problem, AnswerProblem::UnknownAgeBand);
    }
}
