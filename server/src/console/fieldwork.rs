//! `/console/surveys/{slug}/fieldwork` (the dashboard) and `POST …/quotas` (its quota form).
//! Quotas are saved through the survey's definition, so its checks and freezing rules decide.

use std::collections::BTreeMap;

use app::console::{render_fieldwork, FieldworkPage, FieldworkWords, ProblemPage};
use axum::extract::{Path, Query, Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use domain::SurveyStatus;
use koubei_core::authoring::definition::{DefinitionProblem, Problem};
use koubei_core::authoring::surveys::{self, StoredSurvey};
use koubei_core::authoring::AuthoringError;
use koubei_core::results::{fieldwork, live};
use serde::Deserialize;
use time::OffsetDateTime;

use super::page::{html, problem, read_fields, see_other, survey_with_title, unavailable, Staff};
use crate::app_state::AppState;

#[derive(Deserialize, Default)]
pub struct Done {
    #[serde(default)]
    done: String,
}

async fn dashboard(
    state: &AppState,
    staff: &Staff,
    survey: StoredSurvey,
    status: StatusCode,
    typed: Vec<(String, String)>,
    problems: Vec<DefinitionProblem>,
    notice: Option<&'static str>,
) -> Response {
    let slug = survey.definition.slug.clone();
    let found = async {
        let results_survey = live::find_survey(&state.db, &slug)
            .await?
            .ok_or(koubei_core::results::ResultsError::NotFound)?;
        let mut conn = state
            .db
            .pool()
            .acquire()
            .await
            .map_err(koubei_core::db::DatabaseError::from)?;
        fieldwork::fieldwork(&mut conn, &results_survey, OffsetDateTime::now_utc()).await
    };
    let report = match found.await {
        Ok(report) => report,
        Err(koubei_core::results::ResultsError::NotFound) => {
            return problem(staff.locale, ProblemPage::NotFound)
        }
        Err(error) => return unavailable(staff.locale, &error),
    };
    let definition = survey.definition;
    html(
        status,
        render_fieldwork(
            staff.locale,
            &staff.principal,
            &staff.here,
            FieldworkPage {
                title_zh: definition.title.zh_cn,
                title_en: definition.title.en,
                min_n: definition.min_n,
                fieldwork: report,
                typed,
                problems,
                notice,
                can_change: survey.status != SurveyStatus::Published,
            },
        ),
    )
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
    let notice =
        (done.done == "quotas").then_some(FieldworkWords::for_locale(staff.locale).quotas_saved);
    dashboard(
        &state,
        &staff,
        survey,
        StatusCode::OK,
        Vec::new(),
        Vec::new(),
        notice,
    )
    .await
}

pub async fn save_quotas(
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
    let mut typed = Vec::new();
    let mut quotas = BTreeMap::new();
    let mut problems = Vec::new();
    for subject in &survey.definition.subjects {
        let text = fields.get(&format!("quota.{subject}")).trim().to_string();
        if !text.is_empty() {
            match text.parse::<i64>() {
                Ok(quota) => {
                    quotas.insert(subject.clone(), quota);
                }
                Err(_) => problems.push(DefinitionProblem {
                    field: format!("quotas.{subject}"),
                    problem: Problem::OutOfRange,
                }),
            }
        }
        typed.push((subject.clone(), text));
    }
    if !problems.is_empty() {
        let status = StatusCode::UNPROCESSABLE_ENTITY;
        return dashboard(&state, &staff, survey, status, typed, problems, None).await;
    }
    let mut definition = survey.definition.clone();
    definition.quotas = quotas;
    let saved = surveys::save(&state.db, &staff.principal.actor, definition).await;
    state.submissions.forget_survey(&slug);
    let frozen = || {
        vec![DefinitionProblem {
            field: "quotas".into(),
            problem: Problem::Frozen,
        }]
    };
    match saved {
        Ok(_) => see_other(&format!("/console/surveys/{slug}/fieldwork?done=quotas")),
        Err(AuthoringError::Invalid(problems)) => {
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            dashboard(&state, &staff, survey, status, typed, problems, None).await
        }
        Err(AuthoringError::Frozen | AuthoringError::Embargoed { .. }) => {
            dashboard(
                &state,
                &staff,
                survey,
                StatusCode::CONFLICT,
                typed,
                frozen(),
                None,
            )
            .await
        }
        Err(AuthoringError::NotFound) => problem(staff.locale, ProblemPage::NotFound),
        Err(error) => unavailable(staff.locale, &error),
    }
}
