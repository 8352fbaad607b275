//! `GET /api/v1/staff/surveys/{slug}/fieldwork`: the fieldwork dashboard's figures — each
//! subject's counted answers against its quota by channel, the last week's pace and forecast,
//! answers per Beijing day, and what each weighting cell still needs.

use axum::extract::{Path, State};
use axum::Json;
use domain::fieldwork::Fieldwork;
use koubei_core::results::{fieldwork, live};
use time::OffsetDateTime;

use super::json::{self, Lang, Reply};
use super::messages::staff_api;
use crate::app_state::AppState;

pub async fn show(
    State(state): State<AppState>,
    Lang(locale): Lang,
    Path(slug): Path<String>,
) -> Reply<Json<Fieldwork>> {
    let survey = live::find_survey(&state.db, &slug)
        .await
        .map_err(|e| json::unavailable(&e, locale))?
        .ok_or_else(|| json::not_found(staff_api(locale).survey_not_found))?;
    let mut conn = state
        .db
        .pool()
        .acquire()
        .await
        .map_err(|e| json::unavailable(&e, locale))?;
    fieldwork::fieldwork(&mut conn, &survey, OffsetDateTime::now_utc())
        .await
        .map(Json)
        .map_err(|e| json::unavailable(&e, locale))
}
