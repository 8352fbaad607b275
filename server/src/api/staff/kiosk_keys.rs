//! Kiosk keys (admins only, by the route policy): `GET/POST /api/v1/staff/kiosk-keys` (the
//! secret is in the 201 answer and never again), `POST /api/v1/staff/kiosk-keys/{id}/revoke`.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::{Extension, Json};
use koubei_core::staff::kiosk_keys::{self, KioskKey, NewKioskKey};
use koubei_core::staff::Principal;
use serde::{Deserialize, Serialize};

use super::json::{self, JsonBody, Lang, Reply};
use crate::app_state::AppState;

pub async fn list(State(state): State<AppState>, Lang(locale): Lang) -> Reply<Json<Vec<KioskKey>>> {
    kiosk_keys::list(&state.db)
        .await
        .map(Json)
        .map_err(|e| json::staff(e, locale))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KioskKeyInput {
    name: String,
    surveys: Vec<String>,
    #[serde(default)]
    daily_limit: Option<i64>,
}

/// The key as listed, plus its secret for `Authorization: Bearer …`.
#[derive(Serialize)]
pub struct CreatedKioskKey {
    #[serde(flatten)]
    listed: KioskKey,
    /// The secret; only its digest is stored.
    kiosk_key: String,
}

pub async fn create(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    Lang(locale): Lang,
    JsonBody(input): JsonBody<KioskKeyInput>,
) -> Reply<(StatusCode, Json<CreatedKioskKey>)> {
    let new = NewKioskKey {
        name: &input.name,
        survey_slugs: &input.surveys,
        daily_limit: input.daily_limit,
    };
    let created = kiosk_keys::create(&state.db, &principal.actor, new)
        .await
        .map_err(|e| json::staff(e, locale))?;
    Ok((
        StatusCode::CREATED,
        Json(CreatedKioskKey {
            listed: created.kiosk_key,
            kiosk_key: created.secret,
        }),
    ))
}

pub async fn revoke(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    Lang(locale): Lang,
    Path(id): Path<String>,
) -> Reply<Json<KioskKey>> {
    kiosk_keys::revoke(&state.db, &principal.actor, &id)
        .await
        .map(Json)
        .map_err(|e| json::staff(e, locale))
}
