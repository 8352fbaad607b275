//! `/console/surveys/{slug}/clusters`: suspect clusters with their evidence; `…/clusters/scan`
//! runs the detectors now; `/console/clusters/{id}/decision` releases or excludes one.

use crate::failure_status::HttpStatus;
use app::console::{render_clusters, ClustersPage, ProblemPage};
use axum::extract::{Path, Query, Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use koubei_core::authoring::surveys;
use koubei_core::integrity::{self, Decision, IntegrityError};
use serde::Deserialize;

use super::page::{html, problem, read_fields, see_other, survey_with_title, unavailable, Staff};
use crate::app_state::AppState;
use app::console::ConsoleCatalog;

#[derive(Deserialize, Default)]
pub struct Done {
    #[serde(default)]
    done: String,
    #[serde(default)]
    opened: usize,
    #[serde(default)]
    held: usize,
}

async fn clusters_page(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    status: StatusCode,
    notice: Option<String>,
    problem_text: Option<String>,
) -> Response {
    let (survey, title) = match survey_with_title(&state.db, staff, slug).await {
        Ok(found) => found,
        Err(answer) => return answer,
    };
    let clusters = match integrity::list(&state.db, &survey.id).await {
        Ok(found) => found,
        Err(error) => return unavailable(staff.locale, &error),
    };
    html(
        status,
        render_clusters(
            staff.locale,
            &staff.principal,
            &staff.here,
            ClustersPage {
                survey_slug: slug.to_string(),
                survey_title: title,
                clusters,
                notice,
                problem: problem_text,
            },
        ),
    )
}

pub async fn list(
    State(state): State<AppState>,
    staff: Staff,
    Path(slug): Path<String>,
    Query(done): Query<Done>,
) -> Response {
    let t = staff.locale.console();
    let notice = match done.done.as_str() {
        "scan" => Some((t.clusters_scanned)(done.opened, done.held)),
        "decision" => Some(t.cluster_decision_saved.to_string()),
        _ => None,
    };
    clusters_page(&state, &staff, &slug, StatusCode::OK, notice, None).await
}

pub async fn scan(
    State(state): State<AppState>,
    staff: Staff,
    Path(slug): Path<String>,
) -> Response {
    let survey = match surveys::load(&state.db, &slug).await {
        Ok(Some(survey)) => survey,
        Ok(None) => return problem(staff.locale, ProblemPage::NotFound),
        Err(error) => return unavailable(staff.locale, &error),
    };
    match integrity::scan(&state.db, &survey.id).await {
        Ok(outcome) => see_other(&format!(
            "/console/surveys/{slug}/clusters?done=scan&opened={}&held={}",
            outcome.clusters_opened, outcome.answers_held
        )),
        Err(error) => unavailable(staff.locale, &error),
    }
}

pub async fn decide(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<String>,
    request: Request,
) -> Response {
    let t = staff.locale.console();
    let fields = read_fields(request.into_body()).await;
    let slug: Option<(String,)> = match sqlx::query_as(
        "SELECT s.slug FROM suspect_clusters c JOIN surveys s ON s.id = c.survey_id WHERE c.id = $1",
    )
    .bind(&id)
    .fetch_optional(state.db.pool())
    .await
    {
        Ok(slug) => slug,
        Err(error) => return unavailable(staff.locale, &error),
    };
    let Some((slug,)) = slug else {
        return problem(staff.locale, ProblemPage::NotFound);
    };
    let Some(decision) = Decision::parse(fields.get("decision")) else {
        return clusters_page(
            &state,
            &staff,
            &slug,
            StatusCode::UNPROCESSABLE_ENTITY,
            None,
            Some(t.form_has_problems.to_string()),
        )
        .await;
    };
    match integrity::decide(
        &state.db,
        &staff.principal.actor,
        &id,
        decision,
        fields.get("note"),
    )
    .await
    {
        Ok(()) => see_other(&format!("/console/surveys/{slug}/clusters?done=decision")),
        Err(IntegrityError::Database(error)) => unavailable(staff.locale, &error),
        Err(IntegrityError::NotFound) => problem(staff.locale, ProblemPage::NotFound),
        Err(error) => {
            let text = match error {
                IntegrityError::NoteRequired => t.cluster_note_required,
                IntegrityError::NoteTooLong => t.note_too_long,
                _ => t.cluster_already_decided,
            };
            clusters_page(
                &state,
                &staff,
                &slug,
                error.status(),
                None,
                Some(text.into()),
            )
            .await
        }
    }
}
