//! `POST /api/v1/staff/surveys/{slug}/open`, `/close` and `/publish`: a survey's lifecycle,
//! by the rules in `koubei_core::authoring::lifecycle` (an illegal move is a 409 and changes nothing).

use axum::extract::{Path, State};
use axum::{Extension, Json};
use domain::SurveyStatus;
use koubei_core::authoring::lifecycle;
use koubei_core::staff::Principal;
use serde::Serialize;

use super::json::{self, Lang, Reply};
use super::messages::staff_api;
use crate::app_state::AppState;

#[derive(Serialize)]
pub struct Moved {
    slug: String,
    status: SurveyStatus,
    previous_status: SurveyStatus,
}

async fn move_to(
    state: AppState,
    principal: Principal,
    Lang(locale): Lang,
    slug: String,
    to: SurveyStatus,
) -> Reply<Json<Moved>> {
    let moved = lifecycle::transition(&state.db, &principal.actor, &slug, to).await;
    state.submissions.forget_survey(&slug);
    let previous_status =
        moved.map_err(|e| json::authoring(e, locale, staff_api(locale).survey_not_found))?;
    Ok(Json(Moved {
        slug,
        status: to,
        previous_status,
    }))
}

pub async fn open(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    lang: Lang,
    Path(slug): Path<String>,
) -> Reply<Json<Moved>> {
    move_to(state, principal, lang, slug, SurveyStatus::Open).await
}

pub async fn close(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    lang: Lang,
    Path(slug): Path<String>,
) -> Reply<Json<Moved>> {
    move_to(state, principal, lang, slug, SurveyStatus::Closed).await
}

pub async fn publish(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    lang: Lang,
    Path(slug): Path<String>,
) -> Reply<Json<Moved>> {
    move_to(state, principal, lang, slug, SurveyStatus::Published).await
}
