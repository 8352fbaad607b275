//! A sector's subjects: `GET/POST /api/v1/staff/sectors/{sector}/subjects`,
//! `GET/PUT /api/v1/staff/sectors/{sector}/subjects/{subject}`.

use app::i18n::Locale;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use koubei_core::authoring::catalog::{self, Subject, SubjectInput};
use koubei_core::staff::Principal;

use super::json::{self, JsonBody, Lang, Reply};
use super::messages::staff_api;
use crate::app_state::AppState;

/// What `NotFound` means when reading or changing one subject (its sector may be missing too).
fn missing(locale: Locale) -> &'static str {
    staff_api(locale).subject_not_found
}

pub async fn list(
    State(state): State<AppState>,
    Lang(locale): Lang,
    Path(sector): Path<String>,
) -> Reply<Json<Vec<Subject>>> {
    let t = staff_api(locale);
    let db = &state.db;
    let fail = |e| json::authoring(e, locale, t.sector_not_found);
    if catalog::find_sector(db, &sector)
        .await
        .map_err(fail)?
        .is_none()
    {
        return Err(json::not_found(t.sector_not_found));
    }
    catalog::list_subjects(db, &sector)
        .await
        .map(Json)
        .map_err(fail)
}

pub async fn show(
    State(state): State<AppState>,
    Lang(locale): Lang,
    Path((sector, subject)): Path<(String, String)>,
) -> Reply<Json<Subject>> {
    catalog::find_subject(&state.db, &sector, &subject)
        .await
        .map_err(|e| json::authoring(e, locale, missing(locale)))?
        .map(Json)
        .ok_or_else(|| json::not_found(missing(locale)))
}

/// 201 with the subject and its `Location`; 404 when the sector does not exist.
pub async fn create(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    Lang(locale): Lang,
    Path(sector): Path<String>,
    JsonBody(input): JsonBody<SubjectInput>,
) -> Reply<Response> {
    let subject = catalog::save_subject(&state.db, &principal.actor, &sector, None, input)
        .await
        .map_err(|e| json::authoring(e, locale, staff_api(locale).sector_not_found))?;
    let location = format!(
        "/api/v1/staff/sectors/{}/subjects/{}",
        subject.sector, subject.slug
    );
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(subject),
    )
        .into_response())
}

/// Changes a subject; the body's slug may differ from the path's (a rename).
pub async fn update(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    Lang(locale): Lang,
    Path((sector, subject)): Path<(String, String)>,
    JsonBody(input): JsonBody<SubjectInput>,
) -> Reply<Json<Subject>> {
    catalog::save_subject(&state.db, &principal.actor, &sector, Some(&subject), input)
        .await
        .map(Json)
        .map_err(|e| json::authoring(e, locale, missing(locale)))
}
