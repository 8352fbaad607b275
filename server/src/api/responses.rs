//! `POST /api/v1/surveys/{slug}/responses`: one response from a kiosk or partner, through the
//! same submission service as the survey page. 201 only once the response is on disk.
//!
//! Only kiosk keys open this door (`Authorization: Bearer koubei_kiosk_…`): people answer on the
//! survey pages, and a script without a key gets 401 before anything else is looked at.

use std::net::SocketAddr;

use app::i18n::{Locale, Messages};
use axum::body::Body;
use axum::extract::{ConnectInfo, Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use domain::answers::{parse_lang, AnswerDraft, AnswerField, AnswerProblem, SubmissionDraft};
use koubei_core::authoring::invitations::InvitationState;
use koubei_core::staff::bearer_secret;
use koubei_core::staff::kiosk_keys::{self, KioskPass, KioskRefusal};
use koubei_core::submission::{InvitationRefusal, RespondentId, SubmitError, Submitter};
use serde::Serialize;
use serde_json::Value;

use super::ApiError;
use crate::app_state::AppState;
use app::i18n::Catalog;

/// Set on the answer to a retry: the submission had been stored before.
const REPLAYED_HEADER: &str = "idempotent-replayed";

/// Largest accepted request body.
pub const BODY_LIMIT_BYTES: usize = 16 * 1024;

#[derive(Serialize)]
struct Created {
    id: String,
    /// The submission's receipt code, for the respondent to keep (`/my-answers`).
    receipt_code: String,
}

pub async fn create(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let locale = app::i18n::request_locale(&headers);
    let pass = match admit_kiosk(&state, &slug, &headers, locale).await {
        Ok(pass) => pass,
        Err(refusal) => return refusal,
    };
    let (answer, stored_anew) = match accept(&state, &slug, peer, &headers, body, &pass).await {
        Ok(created) => {
            let replayed = created.headers().contains_key(REPLAYED_HEADER);
            (created, !replayed)
        }
        Err(refusal) => (refusal, false),
    };
    // A refusal or a retry stored nothing new: it does not use up the kiosk's daily cap.
    if !stored_anew {
        if let Err(error) = kiosk_keys::release(&state.db, &pass).await {
            tracing::warn!(%error, "giving back a kiosk's daily place failed");
        }
    }
    answer
}

/// The kiosk key in `Authorization: Bearer …`, checked against the survey, with a place taken
/// in its daily count.
async fn admit_kiosk(
    state: &AppState,
    slug: &str,
    headers: &HeaderMap,
    locale: Locale,
) -> Result<KioskPass, Response> {
    let t = locale.messages();
    let unauthorized = |code: &'static str, message: &str| {
        let mut response = plain_error(StatusCode::UNAUTHORIZED, code, message).into_response();
        response.headers_mut().insert(
            header::WWW_AUTHENTICATE,
            HeaderValue::from_static("Bearer realm=\"kiosk\""),
        );
        response
    };
    let secret = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(bearer_secret);
    let Some(secret) = secret else {
        return Err(unauthorized("kiosk_key_required", t.api_kiosk_key_required));
    };
    kiosk_keys::admit(&state.db, secret, slug)
        .await
        .map_err(|refusal| match refusal {
            KioskRefusal::Unknown => unauthorized("invalid_kiosk_key", t.api_kiosk_key_invalid),
            KioskRefusal::SurveyNotFound => plain_error(
                StatusCode::NOT_FOUND,
                "survey_not_found",
                t.api_survey_not_found,
            )
            .into_response(),
            KioskRefusal::NotForSurvey => plain_error(
                StatusCode::FORBIDDEN,
                "kiosk_key_not_for_survey",
                t.api_kiosk_key_not_for_survey,
            )
            .into_response(),
            KioskRefusal::OverDailyLimit {
                limit,
                retry_after_s,
            } => {
                let mut response = plain_error(
                    StatusCode::TOO_MANY_REQUESTS,
                    "kiosk_daily_limit",
                    &(t.api_kiosk_daily_limit)(limit),
                )
                .into_response();
                response
                    .headers_mut()
                    .insert(header::RETRY_AFTER, HeaderValue::from(retry_after_s));
                response
            }
            KioskRefusal::Database(error) => {
                tracing::error!(%error, "checking a kiosk key failed");
                plain_error(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "unavailable",
                    t.api_unavailable,
                )
                .into_response()
            }
        })
}

async fn accept(
    state: &AppState,
    slug: &str,
    peer: SocketAddr,
    headers: &HeaderMap,
    body: Body,
    pass: &KioskPass,
) -> Result<Response, Response> {
    let header_locale = app::i18n::request_locale(headers);
    let t = header_locale.messages();
    let is_json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| {
            let v = v.trim();
            v.eq_ignore_ascii_case("application/json") || v.to_ascii_lowercase().ends_with("+json")
        });
    if !is_json {
        return Err(plain_error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            t.api_unsupported_media_type,
        )
        .into());
    }
    let declared_too_large = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok())
        .is_some_and(|length| length > BODY_LIMIT_BYTES);
    let too_large = || {
        plain_error(
            StatusCode::PAYLOAD_TOO_LARGE,
            "body_too_large",
            t.api_body_too_large,
        )
    };
    if declared_too_large {
        return Err(too_large().into());
    }
    let bytes = axum::body::to_bytes(body, BODY_LIMIT_BYTES)
        .await
        .map_err(|_| too_large())?;
    let json: Value = serde_json::from_slice(&bytes)
        .map_err(|_| plain_error(StatusCode::BAD_REQUEST, "invalid_json", t.api_invalid_json))?;
    let request = parse_body(&json, header_locale)?;
    let facts = state.submissions.facts(
        &app::http_request::request_headers(headers),
        Some(peer.ip()),
    );
    let t = request.lang.messages();
    // A key that is not visible ASCII is refused (422), never silently ignored.
    let submission_id = headers
        .get("idempotency-key")
        .map(|v| v.to_str().map(str::to_string).unwrap_or_default());
    let invitation = match &request.invitation {
        Some(code) => Some(invitation_of(state, slug, code, t).await?),
        None => None,
    };
    let vouched = request.respondent.is_some();
    let respondent = match (request.respondent, &submission_id) {
        (Some(named), _) => Some(named),
        // The API sets no cookie, so a retry without a named respondent would be a new person
        // each time: the key names the one respondent all its retries speak for.
        (None, Some(key)) => RespondentId::from_client(&format!("idempotency-key/{key}")),
        (None, None) => None,
    }
    .map(|respondent| respondent.within_kiosk(&pass.kiosk_key_id))
    .unwrap_or(facts.respondent);
    let submitter = Submitter {
        respondent,
        kiosk_key_id: Some(pass.kiosk_key_id.clone()),
        vouched,
        client_hash: facts.client_hash,
        network_hash: facts.network_hash,
        new_identity: facts.new_respondent,
        lang: request.lang,
        submission_id: None,
        idempotency_key: submission_id,
        form: None,
        invitation,
    };
    let accepted = state
        .submissions
        .submit(slug, &request.draft, &submitter)
        .await
        .map_err(|error| submit_error(error, t))?;
    let id = accepted.ids.into_iter().next().unwrap_or_default();
    let receipt_code = accepted.receipt.display();
    let mut response = (StatusCode::CREATED, Json(Created { id, receipt_code })).into_response();
    if accepted.replayed {
        response
            .headers_mut()
            .insert(REPLAYED_HEADER, HeaderValue::from_static("true"));
    }
    Ok(response)
}

/// The invitation (batch id, number) a kiosk sent a code of: 422 for a code this survey never
/// issued, 409 for one used or withdrawn.
async fn invitation_of(
    state: &AppState,
    slug: &str,
    code: &str,
    t: &'static Messages,
) -> Result<(String, i64), Response> {
    let unavailable = |error: koubei_core::db::DatabaseError| {
        tracing::error!(%error, "looking up an invitation failed");
        plain_error(
            StatusCode::SERVICE_UNAVAILABLE,
            "unavailable",
            t.api_unavailable,
        )
        .into_response()
    };
    let Some(survey) = state.submissions.survey(slug).await.map_err(unavailable)? else {
        return Err(plain_error(
            StatusCode::NOT_FOUND,
            "survey_not_found",
            t.api_survey_not_found,
        )
        .into());
    };
    let found = state
        .submissions
        .invitation(&survey.id, code)
        .await
        .map_err(unavailable)?;
    match found {
        Some(found) if found.state == InvitationState::Unspent => {
            Ok((found.batch_id, found.number))
        }
        Some(found) if found.state == InvitationState::Revoked => Err(submit_error(
            SubmitError::Invitation(InvitationRefusal::Revoked),
            t,
        )),
        Some(_) => Err(submit_error(
            SubmitError::Invitation(InvitationRefusal::Spent),
            t,
        )),
        None => Err(ApiError {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            code: "invalid_invitation",
            message: format!("invitation: {}", t.api_invitation_invalid),
            field: Some("invitation"),
        }
        .into()),
    }
}

/// The request body, checked field by field.
struct ResponseRequest {
    draft: SubmissionDraft,
    lang: Locale,
    respondent: Option<RespondentId>,
    /// An invitation code the respondent brought.
    invitation: Option<String>,
}

fn parse_body(json: &Value, header_locale: Locale) -> Result<ResponseRequest, ApiError> {
    let t = header_locale.messages();
    let Some(object) = json.as_object() else {
        return Err(ApiError {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            code: "invalid_body",
            message: t.api_invalid_type.to_string(),
            field: None,
        });
    };
    let wrong_type = |field: &'static str| ApiError {
        status: StatusCode::UNPROCESSABLE_ENTITY,
        code: "invalid_type",
        message: format!("{field}: {}", t.api_invalid_type),
        field: Some(field),
    };
    let text = |field: &'static str| -> Result<Option<String>, ApiError> {
        match object.get(field) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(wrong_type(field)),
        }
    };
    let lang = match text("lang")? {
        Some(tag) => {
            parse_lang(&tag).map_err(|problem| field_error(AnswerField::Lang, problem, t))?
        }
        None => header_locale,
    };
    let t = lang.messages();
    let subject = text("subject")?.unwrap_or_default();
    // Anything but a JSON integer becomes text that fails the score rule with a clear problem.
    let score = match object.get("score") {
        None | Some(Value::Null) => None,
        Some(Value::Number(n)) if n.is_i64() || n.is_u64() => Some(n.to_string()),
        Some(other) => Some(format!("not an integer: {other}")),
    };
    let reason = text("reason")?.unwrap_or_default();
    let assisted = match object.get("assisted") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(ticked)) => *ticked,
        Some(_) => return Err(wrong_type("assisted")),
    };
    let respondent = match text("respondent")? {
        Some(id) => Some(RespondentId::from_client(&id).ok_or_else(|| {
            field_error(AnswerField::Respondent, AnswerProblem::InvalidRespondent, t)
        })?),
        None => None,
    };
    Ok(ResponseRequest {
        draft: SubmissionDraft {
            answers: vec![AnswerDraft {
                subject,
                score,
                reason,
            }],
            assisted,
            ..SubmissionDraft::default()
        },
        lang,
        respondent,
        invitation: text("invitation")?.filter(|code| !code.trim().is_empty()),
    })
}

fn submit_error(error: SubmitError, t: &'static Messages) -> Response {
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let api_error = match error {
        SubmitError::RateLimited { retry_after_s } => {
            let mut response = ApiError {
                status,
                code: "rate_limited",
                message: (t.refusal_rate_limited)(retry_after_s),
                field: None,
            }
            .into_response();
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(retry_after_s));
            return response;
        }
        // One answer per API call: its first problem is the one to report.
        SubmitError::Invalid(problems) => match problems.into_iter().next() {
            Some(first) => ApiError {
                status,
                ..field_error(first.field, first.problem, t)
            },
            None => plain_error(status, "invalid_input", t.api_invalid_type),
        },
        SubmitError::SurveyNotFound => {
            plain_error(status, "survey_not_found", t.api_survey_not_found)
        }
        SubmitError::SurveyNotOpen(_) => {
            plain_error(status, "survey_not_open", t.api_survey_not_open)
        }
        SubmitError::Invitation(InvitationRefusal::Spent) => {
            plain_error(status, "invitation_spent", t.refusal_invitation_spent)
        }
        SubmitError::Invitation(InvitationRefusal::Revoked) => {
            plain_error(status, "invitation_revoked", t.refusal_invitation_revoked)
        }
        SubmitError::KeyReused => ApiError {
            status,
            code: "idempotency_key_reused",
            message: t.api_idempotency_key_reused.to_string(),
            field: Some("Idempotency-Key"),
        },
        SubmitError::AlreadyAnswered(_) => ApiError {
            status,
            ..field_error(
                AnswerField::Subject(String::new()),
                AnswerProblem::AlreadyAnswered,
                t,
            )
        },
        SubmitError::Unavailable(reason) => {
            tracing::error!(error = %reason, "storing an API response failed");
            plain_error(status, "unavailable", t.api_unavailable)
        }
    };
    api_error.into_response()
}

fn field_error(field: AnswerField, problem: AnswerProblem, t: &'static Messages) -> ApiError {
    let name = field.api_name();
    ApiError {
        status: StatusCode::UNPROCESSABLE_ENTITY,
        code: problem.code(),
        message: format!("{name}: {}", t.answer_problem(problem)),
        field: Some(name),
    }
}

fn plain_error(status: StatusCode, code: &'static str, message: &str) -> ApiError {
    ApiError::plain(status, code, message)
}
