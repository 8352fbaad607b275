//! Weighted results: a survey's target margins, the profile of each counted answer, and the
//! raking that turns them into one weight per answer (every counted answer is a unit, raked
//! over the whole survey at once, so a subject's weighted NPS uses the survey's weights).

use std::collections::HashMap;

use domain::answers::AgeBand;
use domain::results::{MarginCell, RanksBy, WeightingMargin, WeightingReport};
use sqlx::AnyConnection;
use stats::{rake, RakingOptions};

use super::live::Basis;
use super::{tallies, ResultsError};

/// One question's answers (stored value and, for districts, names) and population shares.
struct TargetQuestion {
    question: &'static str,
    answers: Vec<(String, String, String)>,
    shares: Vec<f64>,
}

/// What a survey weights by.
pub struct Targets {
    ranks_by: RanksBy,
    cap: f64,
    questions: Vec<TargetQuestion>,
}

/// One answer's target, as the fieldwork dashboard lists them.
pub struct TargetCell<'a> {
    pub question: &'static str,
    pub answer: &'a str,
    pub name_zh: &'a str,
    pub name_en: &'a str,
    /// The population share, rescaled so the question's shares add up to 1.
    pub share: f64,
}

impl Targets {
    pub fn cells(&self) -> impl Iterator<Item = TargetCell<'_>> {
        self.questions.iter().flat_map(|q| {
            let total: f64 = q.shares.iter().sum();
            q.answers
                .iter()
                .zip(&q.shares)
                .map(move |((answer, name_zh, name_en), share)| TargetCell {
                    question: q.question,
                    answer,
                    name_zh,
                    name_en,
                    share: share / total,
                })
        })
    }
}

/// The survey's targets; `None` when it has none (its results are not weighted).
pub async fn read_targets(
    conn: &mut AnyConnection,
    survey_id: &str,
) -> Result<Option<Targets>, ResultsError> {
    let rows: Vec<(String, String, f64)> = sqlx::query_as(
        "SELECT question, answer, share FROM weighting_targets WHERE survey_id = $1",
    )
    .bind(survey_id)
    .fetch_all(&mut *conn)
    .await?;
    if rows.is_empty() {
        return Ok(None);
    }
    let (ranks_by, cap): (String, f64) =
        sqlx::query_as("SELECT ranks_by, weight_cap FROM surveys WHERE id = $1")
            .bind(survey_id)
            .fetch_one(&mut *conn)
            .await?;
    let share_of = |question: &str, answer: &str| {
        rows.iter()
            .find(|(q, a, _)| q == question && a == answer)
            .map(|(_, _, share)| *share)
    };
    let mut questions = Vec::new();
    if rows.iter().any(|(q, _, _)| q == "age_band") {
        let answers: Vec<(String, String, String)> = AgeBand::ALL
            .iter()
            .map(|b| (b.as_str().to_string(), String::new(), String::new()))
            .collect();
        questions.push(target_question("age_band", answers, &share_of)?);
    }
    if rows.iter().any(|(q, _, _)| q == "district") {
        let answers: Vec<(String, String, String)> = sqlx::query_as(
            "SELECT slug, name_zh, name_en FROM survey_districts WHERE survey_id = $1
             ORDER BY position, slug",
        )
        .bind(survey_id)
        .fetch_all(&mut *conn)
        .await?;
        questions.push(target_question("district", answers, &share_of)?);
    }
    Ok(Some(Targets {
        ranks_by: RanksBy::parse(&ranks_by)
            .ok_or_else(|| ResultsError::Corrupt(format!("ranks_by {ranks_by}")))?,
        cap,
        questions,
    }))
}

fn target_question(
    question: &'static str,
    answers: Vec<(String, String, String)>,
    share_of: &impl Fn(&str, &str) -> Option<f64>,
) -> Result<TargetQuestion, ResultsError> {
    let shares = answers
        .iter()
        .map(|(answer, _, _)| {
            share_of(question, answer)
                .ok_or_else(|| ResultsError::Corrupt(format!("no {question} target for {answer}")))
        })
        .collect::<Result<_, _>>()?;
    Ok(TargetQuestion {
        question,
        answers,
        shares,
    })
}

/// The weights: per subject id, its counted answers as (score, weight), and the report.
pub struct Weighed {
    pub answers: HashMap<String, Vec<(u8, f64)>>,
    pub report: WeightingReport,
}

/// Reads the counted answers of `basis` with their profile (in id order, so the same data
/// always gives the same weights) and rakes them to `targets`.
pub async fn weigh(
    conn: &mut AnyConnection,
    survey_id: &str,
    basis: Basis,
    targets: &Targets,
) -> Result<Weighed, ResultsError> {
    let also = basis.condition();
    let rows: Vec<(String, i64, Option<String>, Option<String>)> = sqlx::query_as(&format!(
        "SELECT r.subject_id, r.score, r.age_band, r.district FROM responses r
         WHERE r.survey_id = $1 AND {} {also} ORDER BY r.id",
        tallies::counted()
    ))
    .bind(survey_id)
    .fetch_all(&mut *conn)
    .await?;
    let units: Vec<Vec<Option<usize>>> = rows
        .iter()
        .map(|(_, _, age_band, district)| {
            targets
                .questions
                .iter()
                .map(|q| {
                    let given = if q.question == "age_band" {
                        age_band
                    } else {
                        district
                    };
                    given
                        .as_deref()
                        .and_then(|g| q.answers.iter().position(|(a, _, _)| a == g))
                })
                .collect()
        })
        .collect();
    let shares: Vec<Vec<f64>> = targets.questions.iter().map(|q| q.shares.clone()).collect();
    let raked = rake(
        &units,
        &shares,
        RakingOptions {
            cap: targets.cap,
            ..RakingOptions::default()
        },
    )
    .map_err(|e| ResultsError::Corrupt(e.to_string()))?;
    let mut answers: HashMap<String, Vec<(u8, f64)>> = HashMap::new();
    for ((subject, score, _, _), weight) in rows.iter().zip(&raked.weights) {
        let score = u8::try_from(*score).map_err(|_| ResultsError::Corrupt("score".into()))?;
        answers
            .entry(subject.clone())
            .or_default()
            .push((score, *weight));
    }
    let n = units.len().max(1) as f64;
    let margins = targets
        .questions
        .iter()
        .enumerate()
        .map(|(q, question)| {
            let total: f64 = question.shares.iter().sum();
            let mut sample = vec![0.0; question.answers.len() + 1];
            for unit in &units {
                sample[unit[q].unwrap_or(question.answers.len())] += 1.0 / n;
            }
            WeightingMargin {
                question: question.question.to_string(),
                cells: question
                    .answers
                    .iter()
                    .enumerate()
                    .map(|(c, (answer, name_zh, name_en))| MarginCell {
                        answer: answer.clone(),
                        name_zh: name_zh.clone(),
                        name_en: name_en.clone(),
                        target: question.shares[c] / total,
                        sample: sample[c],
                        weighted: raked.achieved[q][c],
                    })
                    .collect(),
                not_answered: sample[question.answers.len()],
            }
        })
        .collect();
    let report = WeightingReport {
        ranks_by: targets.ranks_by,
        cap: targets.cap,
        converged: raked.converged,
        sweeps: raked.sweeps,
        answers: raked.weights.len() as u64,
        trimmed: raked.trimmed as u64,
        // No answers, no weights: 0 rather than an infinity JSON cannot hold.
        weight_min: raked
            .weights
            .iter()
            .copied()
            .reduce(f64::min)
            .unwrap_or(0.0),
        weight_max: raked
            .weights
            .iter()
            .copied()
            .reduce(f64::max)
            .unwrap_or(0.0),
        margins,
    };
    Ok(Weighed { answers, report })
}
