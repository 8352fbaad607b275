//! `GET|PUT|DELETE /api/v1/staff/surveys/{slug}/embargo`: a closed survey's scheduled
//! publication. PUT sets one (the results freeze now) or moves a pending one, DELETE cancels it;
//! the rules are `koubei_core::authoring::embargo`'s, as for the console and the CLI.

use axum::extract::{Path, State};
use axum::{Extension, Json};
use koubei_core::authoring::embargo::{self, Embargo};
use koubei_core::authoring::AuthoringError;
use koubei_core::staff::Principal;
use serde::Deserialize;
use time::OffsetDateTime;

use super::json::{self, JsonBody, Lang, Reply};
use super::messages::staff_api;
use crate::app_state::AppState;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EmbargoInput {
    /// `2027-03-15 10:00` in Beijing time, or an RFC 3339 time with its offset.
    publish_at: String,
}

fn refusal(error: AuthoringError, locale: app::i18n::Locale) -> json::Refusal {
    json::authoring(error, locale, staff_api(locale).survey_not_found)
}

pub async fn show(
    State(state): State<AppState>,
    Lang(locale): Lang,
    Path(slug): Path<String>,
) -> Reply<Json<Embargo>> {
    json::known_survey(&state, &slug, locale).await?;
    match embargo::find(&state.db, &slug).await {
        Ok(Some(embargo)) => Ok(Json(embargo)),
        Ok(None) => Err(refusal(AuthoringError::NoEmbargo, locale)),
        Err(error) => Err(refusal(error, locale)),
    }
}

/// Sets the embargo, or moves the pending one to the new time.
pub async fn put(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    Lang(locale): Lang,
    Path(slug): Path<String>,
    JsonBody(input): JsonBody<EmbargoInput>,
) -> Reply<Json<Embargo>> {
    json::known_survey(&state, &slug, locale).await?;
    let at = embargo::parse_publish_at(&input.publish_at)
        .map_err(|problem| refusal(AuthoringError::EmbargoTime(problem), locale))?;
    let now = OffsetDateTime::now_utc();
    let pending = embargo::find(&state.db, &slug)
        .await
        .map_err(|e| refusal(e, locale))?;
    let set = match pending {
        Some(_) => embargo::reschedule(&state.db, &principal.actor, &slug, at, now).await,
        None => embargo::schedule(&state.db, &principal.actor, &slug, at, now).await,
    };
    state.submissions.forget_survey(&slug);
    set.map(Json).map_err(|e| refusal(e, locale))
}

/// Cancels the pending embargo; answers with what was cancelled.
pub async fn delete(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    Lang(locale): Lang,
    Path(slug): Path<String>,
) -> Reply<Json<Embargo>> {
    json::known_survey(&state, &slug, locale).await?;
    let cancelled = embargo::cancel(
        &state.db,
        &principal.actor,
        &slug,
        OffsetDateTime::now_utc(),
    )
    .await;
    state.submissions.forget_survey(&slug);
    cancelled.map(Json).map_err(|e| refusal(e, locale))
}
