//! `/console/surveys/{slug}/posters`: a survey's poster batches, and a new one.

use app::console::{render_poster_batches, PosterBatchesPage, ProblemPage};
use axum::extract::{Path, Query, Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use koubei_core::authoring::poster_batches::{self, NewPosterBatch};
use koubei_core::authoring::AuthoringError;
use serde::Deserialize;

use super::page::{
    html, problem, problems_line, read_fields, see_other, survey_with_title, unavailable, Staff,
};
use crate::app_state::AppState;
use app::console::ConsoleCatalog;

#[derive(Deserialize, Default)]
pub struct Done {
    #[serde(default)]
    done: String,
}

async fn batches_page(
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
    let batches = match poster_batches::list(&state.db, &survey.id).await {
        Ok(found) => found,
        Err(error) => return unavailable(staff.locale, &error),
    };
    html(
        status,
        render_poster_batches(
            staff.locale,
            &staff.principal,
            &staff.here,
            PosterBatchesPage {
                survey_slug: slug.to_string(),
                survey_title: title,
                batches,
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
    let notice = (done.done == "created").then(|| staff.locale.console().batch_created.to_string());
    batches_page(&state, &staff, &slug, StatusCode::OK, notice, None).await
}

pub async fn create(
    State(state): State<AppState>,
    staff: Staff,
    Path(slug): Path<String>,
    request: Request,
) -> Response {
    let fields = read_fields(request.into_body()).await;
    let new = NewPosterBatch {
        name: fields.get("name"),
        location: fields.get("location"),
        print_count: fields.get("print_count"),
    };
    match poster_batches::create(&state.db, &staff.principal.actor, &slug, new).await {
        Ok(_) => see_other(&format!("/console/surveys/{slug}/posters?done=created")),
        Err(AuthoringError::NotFound) => problem(staff.locale, ProblemPage::NotFound),
        Err(AuthoringError::Invalid(problems)) => {
            let t = staff.locale.console();
            let text = problems_line(staff.locale, &problems, |field| match field {
                "name" => t.batch_name,
                "location" => t.batch_location,
                _ => t.batch_print_count,
            });
            batches_page(
                &state,
                &staff,
                &slug,
                StatusCode::UNPROCESSABLE_ENTITY,
                None,
                Some(text),
            )
            .await
        }
        Err(error) => unavailable(staff.locale, &error),
    }
}
