//! Sectors: `GET/POST /api/v1/staff/sectors`, `GET/PUT /api/v1/staff/sectors/{sector}`.

use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use koubei_core::authoring::catalog::{self, Sector, SectorInput};
use koubei_core::staff::Principal;

use super::json::{self, JsonBody, Lang, Reply};
use super::messages::staff_api;
use crate::app_state::AppState;

pub async fn list(State(state): State<AppState>, Lang(locale): Lang) -> Reply<Json<Vec<Sector>>> {
    catalog::list_sectors(&state.db)
        .await
        .map(Json)
        .map_err(|e| json::authoring(e, locale, staff_api(locale).sector_not_found))
}

pub async fn show(
    State(state): State<AppState>,
    Lang(locale): Lang,
    Path(sector): Path<String>,
) -> Reply<Json<Sector>> {
    let missing = staff_api(locale).sector_not_found;
    catalog::find_sector(&state.db, &sector)
        .await
        .map_err(|e| json::authoring(e, locale, missing))?
        .map(Json)
        .ok_or_else(|| json::not_found(missing))
}

/// 201 with the sector and its `Location`.
pub async fn create(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    Lang(locale): Lang,
    JsonBody(input): JsonBody<SectorInput>,
) -> Reply<Response> {
    let sector = catalog::save_sector(&state.db, &principal.actor, None, input)
        .await
        .map_err(|e| json::authoring(e, locale, staff_api(locale).sector_not_found))?;
    let location = format!("/api/v1/staff/sectors/{}", sector.slug);
    Ok((
        StatusCode::CREATED,
        [(header::LOCATION, location)],
        Json(sector),
    )
        .into_response())
}

/// Changes a sector; the body's slug may differ from the path's (a rename).
pub async fn update(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    Lang(locale): Lang,
    Path(sector): Path<String>,
    JsonBody(input): JsonBody<SectorInput>,
) -> Reply<Json<Sector>> {
    catalog::save_sector(&state.db, &principal.actor, Some(&sector), input)
        .await
        .map(Json)
        .map_err(|e| json::authoring(e, locale, staff_api(locale).sector_not_found))
}
