//! Staff accounts (admins only, by the route policy): `GET/POST /api/v1/staff/users`,
//! `PATCH /api/v1/staff/users/{id}` (role, active).

use app::i18n::Locale;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::{Extension, Json};
use domain::Role;
use koubei_core::staff::users::{self, StaffUser};
use koubei_core::staff::Principal;
use serde::Deserialize;

use super::json::{self, JsonBody, Lang, Reply};
use super::messages::staff_api;
use crate::app_state::AppState;

/// A role named in a body; anything else is a 422 on `role`.
pub fn parse_role(text: &str, locale: Locale) -> Reply<Role> {
    Role::parse(text)
        .ok_or_else(|| json::invalid("role", "invalid_role", staff_api(locale).invalid_value))
}

pub async fn list(
    State(state): State<AppState>,
    Lang(locale): Lang,
) -> Reply<Json<Vec<StaffUser>>> {
    users::list(&state.db)
        .await
        .map(Json)
        .map_err(|e| json::staff(e, locale))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewUser {
    email: String,
    password: String,
    role: String,
}

pub async fn create(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    Lang(locale): Lang,
    JsonBody(new): JsonBody<NewUser>,
) -> Reply<(StatusCode, Json<StaffUser>)> {
    let role = parse_role(&new.role, locale)?;
    let user = users::create(&state.db, &principal.actor, &new.email, &new.password, role)
        .await
        .map_err(|e| json::staff(e, locale))?;
    Ok((StatusCode::CREATED, Json(user)))
}

/// What may change; a member left out stays as it is.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserChange {
    #[serde(default)]
    role: Option<String>,
    #[serde(default)]
    active: Option<bool>,
}

pub async fn update(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    Lang(locale): Lang,
    Path(id): Path<String>,
    JsonBody(change): JsonBody<UserChange>,
) -> Reply<Json<StaffUser>> {
    let role = change
        .role
        .as_deref()
        .map(|r| parse_role(r, locale))
        .transpose()?;
    let current = users::find(&state.db, &id)
        .await
        .map_err(|e| json::staff(e, locale))?
        .ok_or_else(|| json::not_found(staff_api(locale).account_not_found))?;
    users::update(
        &state.db,
        &principal.actor,
        &id,
        role.unwrap_or(current.role),
        change.active.unwrap_or(current.active),
    )
    .await
    .map(Json)
    .map_err(|e| json::staff(e, locale))
}
