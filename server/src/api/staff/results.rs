//! `GET /api/v1/staff/surveys/{slug}/results`: the results computed now from the counted
//! responses, with the survey's own method, level and minimum n — a preview before publication.

use app::i18n::Locale;
use axum::extract::{Path, Query, State};
use axum::Json;
use domain::survey_page::RankingRow;
use domain::SurveyStatus;
use koubei_core::authoring::surveys::StoredSurvey;
use koubei_core::db::results::survey_ranking_over;
use koubei_core::db::Database;
use koubei_core::results::live::Basis;
use serde::{Deserialize, Serialize};
use stats::Level;

use super::json::{self, Lang, Reply};
use super::messages::staff_api;
use super::surveys::find;
use crate::app_state::AppState;

/// A survey's ranking as computed now, and how.
pub struct Computed {
    pub rows: Vec<RankingRow>,
    pub method: &'static str,
    pub level: f64,
    pub min_n: u64,
}

async fn compute(
    db: &Database,
    survey: &StoredSurvey,
    basis: Basis,
    locale: Locale,
) -> Reply<Computed> {
    let setting = &survey.definition.interval;
    let level = Level::new(setting.level).map_err(|e| json::unavailable(&e, locale))?;
    let min_n = u64::try_from(survey.definition.min_n).unwrap_or(1);
    let rows = survey_ranking_over(db, &survey.id, setting.method, level, min_n, basis)
        .await
        .map_err(|e| json::unavailable(&e, locale))?;
    Ok(Computed {
        rows,
        method: setting.method.as_str(),
        level: level.value(),
        min_n,
    })
}

#[derive(Serialize)]
pub struct ResultsView {
    survey: String,
    status: SurveyStatus,
    method: &'static str,
    level: f64,
    min_n: u64,
    /// `counted` (every counted answer) or `verified` (only answers through invitations).
    basis: &'static str,
    /// Ranked subjects by tier and NPS, then those held back.
    subjects: Vec<SubjectResult>,
}

#[derive(Serialize)]
struct SubjectResult {
    subject: String,
    subject_name_zh: String,
    subject_name_en: String,
    /// `ranked`, or `insufficient_sample` below the minimum n (then no NPS, interval or tier).
    status: &'static str,
    n: u64,
    promoters: u64,
    passives: u64,
    detractors: u64,
    nps: Option<f64>,
    ci_low: Option<f64>,
    ci_high: Option<f64>,
    tier: Option<usize>,
}

impl From<RankingRow> for SubjectResult {
    fn from(row: RankingRow) -> Self {
        let result = row.result.as_ref();
        SubjectResult {
            status: if result.is_some() {
                "ranked"
            } else {
                "insufficient_sample"
            },
            nps: result.map(|r| r.nps),
            ci_low: result.map(|r| r.ci_low),
            ci_high: result.map(|r| r.ci_high),
            tier: result.map(|r| r.tier),
            subject: row.subject,
            subject_name_zh: row.name_zh,
            subject_name_en: row.name_en,
            n: row.n,
            promoters: row.promoters,
            passives: row.passives,
            detractors: row.detractors,
        }
    }
}

/// `?basis=verified`: results over verified answers only.
#[derive(Deserialize, Default)]
#[serde(default)]
pub struct BasisQuery {
    basis: String,
}

pub async fn show(
    State(state): State<AppState>,
    Lang(locale): Lang,
    Path(slug): Path<String>,
    Query(query): Query<BasisQuery>,
) -> Reply<Json<ResultsView>> {
    let basis = match query.basis.as_str() {
        "" => Basis::Counted,
        text => Basis::parse(text).ok_or_else(|| {
            json::invalid("basis", "invalid_field", staff_api(locale).basis_values)
        })?,
    };
    let survey = find(&state.db, &slug, locale).await?;
    let computed = compute(&state.db, &survey, basis, locale).await?;
    Ok(Json(ResultsView {
        survey: slug,
        status: survey.status,
        method: computed.method,
        level: computed.level,
        min_n: computed.min_n,
        basis: match basis {
            Basis::Counted => "counted",
            Basis::Verified => "verified",
        },
        subjects: computed.rows.into_iter().map(SubjectResult::from).collect(),
    }))
}
