//! Replies (品牌回应) in the staff API: the deadline
//! (`GET|PUT|DELETE /api/v1/staff/surveys/{slug}/reply-deadline`), the replies sent
//! (`GET …/replies`) and their review (`POST …/replies/{id}/approve` and `…/reject`, with a
//! reason; a rejection needs one). The rules are `koubei_core::authoring::replies`'.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::{Extension, Json};
use koubei_core::authoring::replies::{self, Reply as SentReply, ReplyDeadline, ReplyRefusal};
use koubei_core::authoring::AuthoringError;
use koubei_core::staff::Principal;
use serde::Deserialize;
use time::OffsetDateTime;

use super::json::{self, JsonBody, Lang, Reply};
use super::messages::staff_api;
use crate::app_state::AppState;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeadlineInput {
    /// `2027-03-14 18:00` in Beijing time, or an RFC 3339 time with its offset.
    reply_by: String,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct DecisionInput {
    /// Why: required to reject (the brand reads it), optional to approve.
    #[serde(default)]
    reason: String,
}

fn refusal(error: AuthoringError, locale: app::i18n::Locale) -> json::Refusal {
    json::authoring(error, locale, staff_api(locale).survey_not_found)
}

/// 404 when no deadline is set: there is nothing to show or clear.
fn not_invited(locale: app::i18n::Locale) -> json::Refusal {
    let words = app::pages::ReplyWords::for_locale(locale);
    let code = ReplyRefusal::NotInvited.code();
    json::error(StatusCode::NOT_FOUND, code, (words.refusal)(code))
}

pub async fn show_deadline(
    State(state): State<AppState>,
    Lang(locale): Lang,
    Path(slug): Path<String>,
) -> Reply<Json<ReplyDeadline>> {
    json::known_survey(&state, &slug, locale).await?;
    match replies::deadline(&state.db, &slug).await {
        Ok(Some(deadline)) => Ok(Json(deadline)),
        Ok(None) => Err(not_invited(locale)),
        Err(error) => Err(refusal(error, locale)),
    }
}

pub async fn put_deadline(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    Lang(locale): Lang,
    Path(slug): Path<String>,
    JsonBody(input): JsonBody<DeadlineInput>,
) -> Reply<Json<ReplyDeadline>> {
    json::known_survey(&state, &slug, locale).await?;
    let at = replies::parse_reply_by(&input.reply_by)
        .map_err(|problem| refusal(AuthoringError::ReplyTime(problem), locale))?;
    replies::set_deadline(
        &state.db,
        &principal.actor,
        &slug,
        at,
        OffsetDateTime::now_utc(),
    )
    .await
    .map(Json)
    .map_err(|e| refusal(e, locale))
}

/// Stops inviting replies; answers with the deadline that was cleared.
pub async fn delete_deadline(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    Lang(locale): Lang,
    Path(slug): Path<String>,
) -> Reply<Json<ReplyDeadline>> {
    json::known_survey(&state, &slug, locale).await?;
    match replies::clear_deadline(&state.db, &principal.actor, &slug).await {
        Ok(cleared) => Ok(Json(cleared)),
        Err(AuthoringError::Reply(ReplyRefusal::NotInvited)) => Err(not_invited(locale)),
        Err(error) => Err(refusal(error, locale)),
    }
}

pub async fn list(
    State(state): State<AppState>,
    Lang(locale): Lang,
    Path(slug): Path<String>,
) -> Reply<Json<Vec<SentReply>>> {
    json::known_survey(&state, &slug, locale).await?;
    replies::list(&state.db, &slug)
        .await
        .map(Json)
        .map_err(|e| refusal(e, locale))
}

async fn decide(
    state: &AppState,
    principal: &Principal,
    locale: app::i18n::Locale,
    (slug, id): (String, String),
    approve: bool,
    reason: &str,
) -> Reply<Json<SentReply>> {
    json::known_survey(state, &slug, locale).await?;
    let now = OffsetDateTime::now_utc();
    match replies::decide(
        &state.db,
        &principal.actor,
        &slug,
        &id,
        approve,
        reason,
        now,
    )
    .await
    {
        Ok(decided) => Ok(Json(decided)),
        Err(AuthoringError::NotFound) => {
            let words = app::pages::ReplyWords::for_locale(locale);
            Err(json::not_found(words.reply_not_found))
        }
        Err(error) => Err(refusal(error, locale)),
    }
}

pub async fn approve(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    Lang(locale): Lang,
    Path(ids): Path<(String, String)>,
    JsonBody(input): JsonBody<DecisionInput>,
) -> Reply<Json<SentReply>> {
    decide(&state, &principal, locale, ids, true, &input.reason).await
}

pub async fn reject(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    Lang(locale): Lang,
    Path(ids): Path<(String, String)>,
    JsonBody(input): JsonBody<DecisionInput>,
) -> Reply<Json<SentReply>> {
    decide(&state, &principal, locale, ids, false, &input.reason).await
}
