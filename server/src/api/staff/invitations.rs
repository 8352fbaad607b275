//! Invitation batches of a survey: `GET/POST /api/v1/staff/surveys/{slug}/invitations` (list,
//! create), `GET …/invitations/{id}` (the batch with every invitation's code and link),
//! `GET …/invitations/{id}/links.csv`, `POST …/invitations/{id}/revoke`. Reading a batch's
//! codes needs an editor (the route policy): a code is a verified answer.

use app::i18n::Locale;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::{Extension, Json};
use koubei_core::authoring::invitations::{self, InvitationBatch, NewInvitationBatch};
use koubei_core::staff::Principal;
use serde::{Deserialize, Serialize};

use super::json::{self, JsonBody, Lang, Reply};
use super::messages::staff_api;
use super::surveys::find;
use crate::app_state::AppState;
use crate::invitation_links::{batch_links, csv_download, InvitationLink};

fn batch_missing(locale: Locale) -> json::Refusal {
    json::not_found(staff_api(locale).invitation_batch_not_found)
}

pub async fn list(
    State(state): State<AppState>,
    Lang(locale): Lang,
    Path(slug): Path<String>,
) -> Reply<Json<Vec<InvitationBatch>>> {
    let survey = find(&state.db, &slug, locale).await?;
    invitations::list(&state.db, &survey.id)
        .await
        .map(Json)
        .map_err(|e| json::unavailable(&e, locale))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BatchInput {
    name: String,
    size: i64,
}

pub async fn create(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    Lang(locale): Lang,
    Path(slug): Path<String>,
    JsonBody(input): JsonBody<BatchInput>,
) -> Reply<(StatusCode, Json<InvitationBatch>)> {
    let size = input.size.to_string();
    let new = NewInvitationBatch {
        name: &input.name,
        size: &size,
    };
    let missing = super::messages::staff_api(locale).survey_not_found;
    let batch = invitations::create(&state.db, &principal.actor, &slug, new)
        .await
        .map_err(|e| json::authoring(e, locale, missing))?;
    Ok((StatusCode::CREATED, Json(batch)))
}

/// A batch and its invitations.
#[derive(Serialize)]
pub struct BatchWithLinks {
    #[serde(flatten)]
    batch: InvitationBatch,
    invitations: Vec<InvitationLink>,
}

pub async fn show(
    State(state): State<AppState>,
    Lang(locale): Lang,
    Path((slug, id)): Path<(String, String)>,
    headers: HeaderMap,
) -> Reply<Json<BatchWithLinks>> {
    let survey = find(&state.db, &slug, locale).await?;
    let (batch, invitations) = batch_links(&state, &headers, &survey.id, &slug, &id)
        .await
        .map_err(|e| json::unavailable(&e, locale))?
        .ok_or_else(|| batch_missing(locale))?;
    Ok(Json(BatchWithLinks { batch, invitations }))
}

pub async fn links_csv_file(
    State(state): State<AppState>,
    Lang(locale): Lang,
    Path((slug, id)): Path<(String, String)>,
    headers: HeaderMap,
) -> Reply<Response> {
    let survey = find(&state.db, &slug, locale).await?;
    let (batch, links) = batch_links(&state, &headers, &survey.id, &slug, &id)
        .await
        .map_err(|e| json::unavailable(&e, locale))?
        .ok_or_else(|| batch_missing(locale))?;
    Ok(csv_download(&slug, &batch, &links))
}

pub async fn revoke(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    Lang(locale): Lang,
    Path((slug, id)): Path<(String, String)>,
) -> Reply<Json<InvitationBatch>> {
    let survey = find(&state.db, &slug, locale).await?;
    invitations::revoke(&state.db, &principal.actor, &slug, &id)
        .await
        .map_err(|e| match e {
            koubei_core::authoring::AuthoringError::NotFound => batch_missing(locale),
            other => json::authoring(other, locale, ""),
        })?;
    invitations::one(&state.db, &survey.id, &id)
        .await
        .map_err(|e| json::unavailable(&e, locale))?
        .map(Json)
        .ok_or_else(|| batch_missing(locale))
}
