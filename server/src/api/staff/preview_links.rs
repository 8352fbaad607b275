//! `GET|POST /api/v1/staff/surveys/{slug}/preview-links` and
//! `POST /api/v1/staff/preview-links/{id}/revoke`: brands' secret preview links. The address
//! is in the creating reply only; lists never show it.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::{Extension, Json};
use koubei_core::authoring::preview_links::{self, PreviewLink, DEFAULT_DAYS};
use koubei_core::authoring::AuthoringError;
use koubei_core::staff::Principal;
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::json::{self, JsonBody, Lang, Reply};
use super::messages::staff_api;
use crate::app_state::AppState;
use crate::public_url::preview_url;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PreviewLinkInput {
    /// The subject (brand or institution) the link shows.
    subject: String,
    /// How many days the link works (1–90; 14 when left out).
    #[serde(default)]
    days: Option<i64>,
}

#[derive(Serialize)]
pub struct CreatedLink {
    #[serde(flatten)]
    link: PreviewLink,
    /// The secret part of the address.
    token: String,
    /// The whole address, to send to the brand; shown this once.
    url: String,
}

pub async fn list(
    State(state): State<AppState>,
    Lang(locale): Lang,
    Path(slug): Path<String>,
) -> Reply<Json<Vec<PreviewLink>>> {
    json::known_survey(&state, &slug, locale).await?;
    preview_links::list(&state.db, &slug)
        .await
        .map(Json)
        .map_err(|e| json::authoring(e, locale, staff_api(locale).survey_not_found))
}

pub async fn create(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    Lang(locale): Lang,
    Path(slug): Path<String>,
    headers: HeaderMap,
    JsonBody(input): JsonBody<PreviewLinkInput>,
) -> Reply<(StatusCode, Json<CreatedLink>)> {
    json::known_survey(&state, &slug, locale).await?;
    let created = preview_links::create(
        &state.db,
        &principal.actor,
        &slug,
        &input.subject,
        input.days.unwrap_or(DEFAULT_DAYS),
        OffsetDateTime::now_utc(),
    )
    .await
    .map_err(|e| json::authoring(e, locale, staff_api(locale).survey_not_found))?;
    Ok((
        StatusCode::CREATED,
        Json(CreatedLink {
            url: preview_url(&state, &headers, &created.token),
            token: created.token,
            link: created.link,
        }),
    ))
}

pub async fn revoke(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    Lang(locale): Lang,
    Path(id): Path<String>,
) -> Reply<Json<PreviewLink>> {
    preview_links::revoke(&state.db, &principal.actor, &id, OffsetDateTime::now_utc())
        .await
        .map(Json)
        .map_err(|e| match e {
            AuthoringError::NotFound => json::not_found(staff_api(locale).preview_link_not_found),
            other => json::authoring(other, locale, ""),
        })
}
