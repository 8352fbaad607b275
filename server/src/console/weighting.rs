//! `/console/surveys/{slug}/weighting`: the page, and its form's POST (save or stop). The
//! targets are saved through the survey's definition, so the definition's checks and freezing
//! rules decide; the page only turns per cents into shares and back.

use std::collections::BTreeMap;

use app::console::{render_weighting, ProblemPage, WeightingPage, WeightingWords};
use axum::extract::{Path, Query, Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use domain::answers::AgeBand;
use domain::results::RanksBy;
use domain::SurveyStatus;
use koubei_core::authoring::definition::{
    DefinitionProblem, Problem, WeightingSetting, DEFAULT_WEIGHT_CAP,
};
use koubei_core::authoring::surveys::{self, StoredSurvey};
use koubei_core::authoring::AuthoringError;
use serde::Deserialize;

use super::page::{html, problem, read_fields, see_other, survey_with_title, unavailable, Staff};
use crate::app_state::AppState;

#[derive(Deserialize, Default)]
pub struct Done {
    #[serde(default)]
    done: String,
}

/// A number as staff type it: "24", "9.7" (four decimals at most, no trailing zeros).
fn typed_number(value: f64) -> String {
    let text = format!("{value:.4}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// A share (0–1) as the per cent staff type.
fn per_cent(share: f64) -> String {
    typed_number(share * 100.0)
}

/// The field names of a survey's targets: `weighting.age_band.18-29`, `weighting.district.futian`.
fn target_fields(survey: &StoredSurvey) -> Vec<(&'static str, String)> {
    let profile = &survey.definition.profile;
    let ages = profile
        .age_band
        .then(|| {
            AgeBand::ALL
                .iter()
                .map(|b| ("age_band", b.as_str().to_string()))
        })
        .into_iter()
        .flatten();
    let districts = profile
        .districts
        .iter()
        .map(|d| ("district", d.slug.clone()));
    ages.chain(districts).collect()
}

fn page_of(survey: StoredSurvey, notice: Option<&'static str>) -> WeightingPage {
    let stored = survey.definition.weighting.clone();
    let values = target_fields(&survey)
        .into_iter()
        .map(|(question, answer)| {
            let share = stored.as_ref().and_then(|w| match question {
                "age_band" => w.age_band.get(&answer).copied(),
                _ => w.district.get(&answer).copied(),
            });
            (
                format!("weighting.{question}.{answer}"),
                share.map(per_cent).unwrap_or_default(),
            )
        })
        .collect();
    let definition = survey.definition;
    WeightingPage {
        slug: definition.slug,
        title_zh: definition.title.zh_cn,
        title_en: definition.title.en,
        asks_age_band: definition.profile.age_band,
        districts: definition.profile.districts,
        values,
        cap: typed_number(stored.as_ref().map_or(DEFAULT_WEIGHT_CAP, |w| w.cap)),
        ranks_by: stored.as_ref().map_or(RanksBy::Unweighted, |w| w.ranks_by),
        weighted: stored.is_some(),
        notice,
        problems: Vec::new(),
        can_change: survey.status != SurveyStatus::Published,
    }
}

pub async fn show(
    State(state): State<AppState>,
    staff: Staff,
    Path(slug): Path<String>,
    Query(done): Query<Done>,
) -> Response {
    let (survey, _) = match survey_with_title(&state.db, &staff, &slug).await {
        Ok(found) => found,
        Err(answer) => return answer,
    };
    let w = WeightingWords::for_locale(staff.locale);
    let notice = match done.done.as_str() {
        "saved" => Some(w.saved),
        "stopped" => Some(w.stopped),
        _ => None,
    };
    let page = page_of(survey, notice);
    html(
        StatusCode::OK,
        render_weighting(staff.locale, &staff.principal, &staff.here, page),
    )
}

/// The typed per cents as a setting, or the fields that are not numbers.
fn setting_from(
    fields: &super::page::Fields,
    survey: &StoredSurvey,
) -> Result<WeightingSetting, Vec<DefinitionProblem>> {
    let mut problems = Vec::new();
    let mut age_band = BTreeMap::new();
    let mut district = BTreeMap::new();
    for (question, answer) in target_fields(survey) {
        let name = format!("weighting.{question}.{answer}");
        let typed = fields.get(&name).trim().trim_end_matches('%').trim();
        if typed.is_empty() {
            continue;
        }
        match typed.parse::<f64>() {
            Ok(value) if value.is_finite() => {
                let shares = if question == "age_band" {
                    &mut age_band
                } else {
                    &mut district
                };
                shares.insert(answer, value / 100.0);
            }
            _ => problems.push(DefinitionProblem {
                field: name,
                problem: Problem::OutOfRange,
            }),
        }
    }
    // A question with some shares typed needs all of them: the definition's check names the
    // empty ones. A question left wholly empty is not weighted by.
    let cap = match fields.get("cap").trim() {
        "" => DEFAULT_WEIGHT_CAP,
        typed => typed.parse::<f64>().unwrap_or_else(|_| {
            problems.push(DefinitionProblem {
                field: "weighting.cap".into(),
                problem: Problem::OutOfRange,
            });
            DEFAULT_WEIGHT_CAP
        }),
    };
    let ranks_by = RanksBy::parse(fields.get("ranks_by")).unwrap_or_default();
    if problems.is_empty() {
        Ok(WeightingSetting {
            age_band,
            district,
            cap,
            ranks_by,
        })
    } else {
        Err(problems)
    }
}

pub async fn change(
    State(state): State<AppState>,
    staff: Staff,
    Path(slug): Path<String>,
    request: Request,
) -> Response {
    let fields = read_fields(request.into_body()).await;
    let (survey, _) = match survey_with_title(&state.db, &staff, &slug).await {
        Ok(found) => found,
        Err(answer) => return answer,
    };
    let stop = fields.get("action") == "stop";
    let refused_page = |survey: StoredSurvey, status: StatusCode, problems| {
        let mut page = page_of(survey, None);
        page.values = page
            .values
            .into_iter()
            .map(|(name, _)| {
                let typed = fields.get(&name).to_string();
                (name, typed)
            })
            .collect();
        page.cap = fields.get("cap").to_string();
        page.ranks_by = RanksBy::parse(fields.get("ranks_by")).unwrap_or_default();
        page.problems = problems;
        html(
            status,
            render_weighting(staff.locale, &staff.principal, &staff.here, page),
        )
    };
    let setting = if stop {
        None
    } else {
        match setting_from(&fields, &survey) {
            Ok(setting) => Some(setting),
            Err(problems) => {
                return refused_page(survey, StatusCode::UNPROCESSABLE_ENTITY, problems)
            }
        }
    };
    let mut definition = survey.definition.clone();
    definition.weighting = setting;
    let saved = surveys::save(&state.db, &staff.principal.actor, definition).await;
    state.submissions.forget_survey(&slug);
    let frozen = || {
        vec![DefinitionProblem {
            field: "weighting".into(),
            problem: Problem::Frozen,
        }]
    };
    match saved {
        Ok(_) => {
            let done = if stop { "stopped" } else { "saved" };
            see_other(&format!("/console/surveys/{slug}/weighting?done={done}"))
        }
        Err(AuthoringError::Invalid(problems)) => {
            refused_page(survey, StatusCode::UNPROCESSABLE_ENTITY, problems)
        }
        Err(AuthoringError::Frozen | AuthoringError::Embargoed { .. }) => {
            refused_page(survey, StatusCode::CONFLICT, frozen())
        }
        Err(AuthoringError::NotFound) => problem(staff.locale, ProblemPage::NotFound),
        Err(error) => unavailable(staff.locale, &error),
    }
}
