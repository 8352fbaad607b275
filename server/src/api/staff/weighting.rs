//! Weighting targets in the staff API: `GET|PUT|DELETE /api/v1/staff/surveys/{slug}/weighting`.
//! The body is the survey definition's `weighting` part (population shares per age band and
//! district, the cap, which results rank); it is saved through the definition, so the same
//! checks and the same freezing rules apply.

use axum::extract::{Path, State};
use axum::{Extension, Json};
use koubei_core::authoring::definition::WeightingSetting;
use koubei_core::authoring::surveys;
use koubei_core::staff::Principal;
use serde::Serialize;

use super::json::{self, JsonBody, Lang, Reply};
use super::messages::staff_api;
use super::surveys::find;
use crate::app_state::AppState;

#[derive(Serialize)]
pub struct Shown {
    survey: String,
    /// `null` when the survey's results are not weighted.
    weighting: Option<WeightingSetting>,
}

pub async fn show(
    State(state): State<AppState>,
    Lang(locale): Lang,
    Path(slug): Path<String>,
) -> Reply<Json<Shown>> {
    let survey = find(&state.db, &slug, locale).await?;
    Ok(Json(Shown {
        survey: slug,
        weighting: survey.definition.weighting,
    }))
}

/// Sets the targets (200 with what is now stored; 422 naming each problem's field, 409 once
/// published or embargoed).
pub async fn put(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    Lang(locale): Lang,
    Path(slug): Path<String>,
    JsonBody(weighting): JsonBody<WeightingSetting>,
) -> Reply<Json<Shown>> {
    replace(state, principal, locale, slug, Some(weighting)).await
}

/// Stops weighting: results are plain counts again.
pub async fn delete(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    Lang(locale): Lang,
    Path(slug): Path<String>,
) -> Reply<Json<Shown>> {
    replace(state, principal, locale, slug, None).await
}

async fn replace(
    state: AppState,
    principal: Principal,
    locale: app::i18n::Locale,
    slug: String,
    weighting: Option<WeightingSetting>,
) -> Reply<Json<Shown>> {
    let mut definition = find(&state.db, &slug, locale).await?.definition;
    definition.weighting = weighting;
    surveys::save(&state.db, &principal.actor, definition)
        .await
        .map_err(|e| json::authoring(e, locale, staff_api(locale).survey_not_found))?;
    state.submissions.forget_survey(&slug);
    show(State(state), Lang(locale), Path(slug)).await
}
