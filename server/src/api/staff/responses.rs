//! Responses for staff: `GET /api/v1/staff/surveys/{slug}/responses` (filtered, paged newest
//! first), `GET /api/v1/staff/responses/{id}` with its exclusion history, and
//! `PUT/DELETE /api/v1/staff/responses/{id}/exclusion` (exclude, restore).

use app::i18n::Locale;
use axum::extract::{Path, State};
use axum::{Extension, Json};
use domain::ExclusionReason;
use koubei_core::moderation::browse::{self, ExclusionEvent, StaffResponse};
use koubei_core::moderation::exclusions;
use koubei_core::moderation::filter::FilterQuery;
use koubei_core::staff::Principal;
use serde::{Deserialize, Serialize};

use super::json::{self, JsonBody, Lang, Params, Reply};
use super::messages::staff_api;
use super::paging;
use super::surveys::find;
use crate::app_state::AppState;

#[derive(Default, Deserialize)]
#[serde(default)]
pub struct Paging {
    limit: String,
}

#[derive(Serialize)]
pub struct ResponsePage {
    responses: Vec<StaffResponse>,
    /// Pass as `after` for the next page; `null` on the last one.
    next: Option<String>,
}

pub async fn list(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    Lang(locale): Lang,
    Path(slug): Path<String>,
    Params(query): Params<FilterQuery>,
    Params(page): Params<Paging>,
) -> Reply<Json<ResponsePage>> {
    let filter = query.parse().map_err(|p| json::filter(p, locale))?;
    let limit = paging::limit(&page.limit, locale)?;
    let survey = find(&state.db, &slug, locale).await?;
    let mut responses = browse::page(&state.db, &survey.id, &filter, limit + 1, principal.role)
        .await
        .map_err(|e| json::unavailable(&e, locale))?;
    let next = paging::cut(&mut responses, limit, |r| &r.id);
    Ok(Json(ResponsePage { responses, next }))
}

/// One response with the survey it belongs to and every exclusion and restoration, oldest first.
#[derive(Serialize)]
pub struct Detailed {
    survey: String,
    #[serde(flatten)]
    response: StaffResponse,
    exclusions: Vec<ExclusionEvent>,
}

async fn detailed(
    state: &AppState,
    principal: &Principal,
    id: &str,
    locale: Locale,
) -> Reply<Json<Detailed>> {
    let (survey, response) = browse::one(&state.db, id, principal.role)
        .await
        .map_err(|e| json::unavailable(&e, locale))?
        .ok_or_else(|| json::not_found(staff_api(locale).response_not_found))?;
    let exclusions = browse::history(&state.db, id)
        .await
        .map_err(|e| json::unavailable(&e, locale))?;
    Ok(Json(Detailed {
        survey,
        response,
        exclusions,
    }))
}

pub async fn show(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    Lang(locale): Lang,
    Path(id): Path<String>,
) -> Reply<Json<Detailed>> {
    detailed(&state, &principal, &id, locale).await
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExclusionRequest {
    /// `duplicate`, `bot`, `not-a-customer`, `off-topic` or `other` (which needs a note).
    reason: String,
    #[serde(default)]
    note: String,
}

/// Leaves the response out of the results; answers with the response as it is now.
pub async fn exclude(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    Lang(locale): Lang,
    Path(id): Path<String>,
    JsonBody(request): JsonBody<ExclusionRequest>,
) -> Reply<Json<Detailed>> {
    let reason = ExclusionReason::parse_staff_choice(&request.reason).ok_or_else(|| {
        json::invalid("reason", "invalid_reason", staff_api(locale).invalid_value)
    })?;
    exclusions::exclude(&state.db, &principal.actor, &id, reason, &request.note)
        .await
        .map_err(|e| json::moderation(e, locale))?;
    detailed(&state, &principal, &id, locale).await
}

/// Counts the response again; answers with the response as it is now.
pub async fn restore(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    Lang(locale): Lang,
    Path(id): Path<String>,
) -> Reply<Json<Detailed>> {
    exclusions::restore(&state.db, &principal.actor, &id)
        .await
        .map_err(|e| json::moderation(e, locale))?;
    detailed(&state, &principal, &id, locale).await
}
