//! Surveys as code: `GET /api/v1/staff/surveys`, `GET/PUT /api/v1/staff/surveys/{slug}` (the
//! body is a `SurveyDefinition`; the status moves only through the lifecycle routes).

use app::i18n::Locale;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::{Extension, Json};
use domain::SurveyStatus;
use koubei_core::authoring::definition::SurveyDefinition;
use koubei_core::authoring::surveys::{self, Saved, StoredSurvey, SurveyListing};
use koubei_core::db::Database;
use koubei_core::staff::Principal;
use serde::Serialize;

use super::json::{self, JsonBody, Lang, Reply};
use super::messages::staff_api;
use crate::app_state::AppState;

/// The survey with this slug, or 404.
pub async fn find(db: &Database, slug: &str, locale: Locale) -> Reply<StoredSurvey> {
    let missing = staff_api(locale).survey_not_found;
    surveys::load(db, slug)
        .await
        .map_err(|e| json::authoring(e, locale, missing))?
        .ok_or_else(|| json::not_found(missing))
}

pub async fn list(
    State(state): State<AppState>,
    Lang(locale): Lang,
) -> Reply<Json<Vec<SurveyListing>>> {
    surveys::list(&state.db)
        .await
        .map(Json)
        .map_err(|e| json::authoring(e, locale, staff_api(locale).survey_not_found))
}

#[derive(Serialize)]
pub struct Shown {
    status: SurveyStatus,
    definition: SurveyDefinition,
}

pub async fn show(
    State(state): State<AppState>,
    Lang(locale): Lang,
    Path(slug): Path<String>,
) -> Reply<Json<Shown>> {
    let survey = find(&state.db, &slug, locale).await?;
    Ok(Json(Shown {
        status: survey.status,
        definition: survey.definition,
    }))
}

#[derive(Serialize)]
pub struct Put {
    slug: String,
    saved: Saved,
}

/// Creates the survey (201) or brings it in line with the body (200, `updated` or `unchanged`).
pub async fn put(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    Lang(locale): Lang,
    Path(slug): Path<String>,
    JsonBody(definition): JsonBody<SurveyDefinition>,
) -> Reply<(StatusCode, Json<Put>)> {
    let t = staff_api(locale);
    if definition.slug != slug {
        return Err(json::invalid("slug", "slug_mismatch", t.slug_mismatch));
    }
    let saved = surveys::save(&state.db, &principal.actor, definition).await;
    state.submissions.forget_survey(&slug);
    let saved = saved.map_err(|e| json::authoring(e, locale, t.survey_not_found))?;
    let status = match saved {
        Saved::Created => StatusCode::CREATED,
        Saved::Updated | Saved::Unchanged => StatusCode::OK,
    };
    Ok((status, Json(Put { slug, saved })))
}
