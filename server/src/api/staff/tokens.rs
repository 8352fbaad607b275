//! API tokens (admins only, by the route policy): `GET/POST /api/v1/staff/tokens` (the secret
//! is in the 201 answer and never again), `POST /api/v1/staff/tokens/{id}/revoke`.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::{Extension, Json};
use koubei_core::staff::api_tokens::{self, ApiToken};
use koubei_core::staff::Principal;
use serde::{Deserialize, Serialize};

use super::json::{self, JsonBody, Lang, Reply};
use super::users::parse_role;
use crate::app_state::AppState;

pub async fn list(State(state): State<AppState>, Lang(locale): Lang) -> Reply<Json<Vec<ApiToken>>> {
    api_tokens::list(&state.db)
        .await
        .map(Json)
        .map_err(|e| json::staff(e, locale))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewToken {
    name: String,
    role: String,
}

/// The token as listed, plus its secret for `Authorization: Bearer …`.
#[derive(Serialize)]
pub struct CreatedToken {
    #[serde(flatten)]
    listed: ApiToken,
    /// The secret; only its digest is stored.
    token: String,
}

pub async fn create(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    Lang(locale): Lang,
    JsonBody(new): JsonBody<NewToken>,
) -> Reply<(StatusCode, Json<CreatedToken>)> {
    let role = parse_role(&new.role, locale)?;
    let created = api_tokens::create(&state.db, &principal.actor, &new.name, role)
        .await
        .map_err(|e| json::staff(e, locale))?;
    Ok((
        StatusCode::CREATED,
        Json(CreatedToken {
            listed: created.token,
            token: created.secret,
        }),
    ))
}

pub async fn revoke(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    Lang(locale): Lang,
    Path(id): Path<String>,
) -> Reply<Json<ApiToken>> {
    api_tokens::revoke(&state.db, &principal.actor, &id)
        .await
        .map(Json)
        .map_err(|e| json::staff(e, locale))
}
