//! What every staff API handler shares: the request's language, the JSON body and query-string
//! readers with the API's refusals (415, 413, 400, 422), and the mapping of the domain errors
//! (`AuthoringError`, `ModerationError`, `StaffError`, `FilterProblem`) onto the one error shape.

use crate::failure_status::HttpStatus;
use koubei_core::failure::Failure;
use std::convert::Infallible;
use std::fmt::Display;

use app::i18n::Locale;
use axum::body::to_bytes;
use axum::extract::{FromRequest, FromRequestParts, Query, Request};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use koubei_core::authoring::AuthoringError;
use koubei_core::moderation::filter::FilterProblem;
use koubei_core::moderation::ModerationError;
use koubei_core::staff::StaffError;
use serde::de::DeserializeOwned;
use serde_json::error::Category;

use super::messages::staff_api;
use crate::api::{ApiError, FieldProblem, InvalidFields};
use app::i18n::Catalog;

/// Largest accepted request body: a survey definition with many subjects and districts fits.
pub const BODY_LIMIT_BYTES: usize = 256 * 1024;

/// Why a staff API request was refused: an error with at most one fixed field, or input with
/// problems at computed paths.
#[derive(Debug)]
pub enum Refusal {
    Error(ApiError),
    Fields(InvalidFields),
}

impl From<ApiError> for Refusal {
    fn from(error: ApiError) -> Self {
        Refusal::Error(error)
    }
}

impl From<InvalidFields> for Refusal {
    fn from(fields: InvalidFields) -> Self {
        Refusal::Fields(fields)
    }
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        match self {
            Refusal::Error(error) => error.into_response(),
            Refusal::Fields(fields) => fields.into_response(),
        }
    }
}

/// What staff API handlers return.
pub type Reply<T> = Result<T, Refusal>;

pub fn error(status: StatusCode, code: &'static str, message: impl Into<String>) -> Refusal {
    Refusal::Error(ApiError {
        status,
        code,
        message: message.into(),
        field: None,
    })
}

/// 422 naming one fixed field.
pub fn invalid(field: &'static str, code: &'static str, message: &str) -> Refusal {
    Refusal::Error(ApiError {
        status: StatusCode::UNPROCESSABLE_ENTITY,
        code,
        message: format!("{field}: {message}"),
        field: Some(field),
    })
}

pub fn not_found(message: &str) -> Refusal {
    error(StatusCode::NOT_FOUND, "not_found", message)
}

/// 503 after logging the cause once, here at the boundary.
pub fn unavailable(cause: &dyn Display, locale: Locale) -> Refusal {
    tracing::error!(error = %cause, "a staff API request failed");
    Refusal::Error(ApiError::unavailable(locale))
}

/// An authoring error; `missing` is what to say for `NotFound` (which sector, subject, survey).
pub fn authoring(failure: AuthoringError, locale: Locale, missing: &str) -> Refusal {
    let t = staff_api(locale);
    let status = failure.status();
    let code = failure.code();
    match failure {
        AuthoringError::Invalid(problems) => {
            let message = problems
                .first()
                .map(|p| format!("{}: {}", p.field, t.problem(p.problem)))
                .unwrap_or_default();
            Refusal::Fields(InvalidFields {
                code,
                message,
                problems: problems
                    .into_iter()
                    .map(|p| FieldProblem {
                        field: p.field,
                        code: p.problem.code(),
                    })
                    .collect(),
            })
        }
        AuthoringError::NotFound => error(status, code, missing),
        AuthoringError::IllegalTransition { from, to } => {
            error(status, code, (t.illegal_transition)(from, to))
        }
        AuthoringError::Frozen => error(status, code, t.survey_frozen),
        AuthoringError::UndecidedClusters(n) => error(status, code, (t.undecided_clusters)(n)),
        AuthoringError::Embargoed { publish_at } => {
            error(status, code, (t.embargoed)(&beijing_minute(&publish_at)))
        }
        AuthoringError::NoEmbargo => error(status, code, t.no_embargo),
        AuthoringError::EmbargoTime(problem) => {
            invalid("publish_at", code, (t.embargo_time)(problem))
        }
        AuthoringError::ReplyTime(_) => {
            let words = app::pages::ReplyWords::for_locale(locale);
            invalid("reply_by", code, (words.deadline_time)(code))
        }
        AuthoringError::Reply(refusal) => {
            let words = (app::pages::ReplyWords::for_locale(locale).refusal)(refusal.message_key());
            match refusal.field() {
                Some(field) => invalid(field, code, words),
                None => error(status, code, words),
            }
        }
        AuthoringError::Quote(refusal) => {
            let words = (app::console::ThemesWords::for_locale(locale).refusal)(refusal.code());
            if refusal.is_input() {
                invalid("response", code, words)
            } else {
                error(status, code, words)
            }
        }
        AuthoringError::Database(cause) => unavailable(&cause, locale),
    }
}

pub fn moderation(failure: ModerationError, locale: Locale) -> Refusal {
    let t = staff_api(locale);
    let (status, code) = (failure.status(), failure.code());
    match failure {
        ModerationError::NotFound => error(status, code, t.response_not_found),
        ModerationError::AlreadyExcluded => error(status, code, t.already_excluded),
        ModerationError::NotExcluded => error(status, code, t.not_excluded),
        ModerationError::Withdrawn => error(status, code, t.withdrawn_by_respondent),
        ModerationError::Frozen => error(status, code, t.results_frozen),
        ModerationError::NoteRequired => invalid("note", code, t.note_required),
        ModerationError::NoteTooLong => invalid("note", code, t.note_too_long),
        ModerationError::Database(cause) => unavailable(&cause, locale),
    }
}

pub fn staff(failure: StaffError, locale: Locale) -> Refusal {
    let t = staff_api(locale);
    let (status, code) = (failure.status(), failure.code());
    match failure {
        StaffError::InvalidEmail => invalid("email", code, t.invalid_email),
        StaffError::Password(_) => invalid("password", code, t.invalid_password),
        StaffError::InvalidTokenName => invalid("name", code, t.invalid_token_name),
        StaffError::InvalidDailyLimit => invalid("daily_limit", code, t.invalid_daily_limit),
        StaffError::UnknownSurveys(slugs) => invalid(
            "surveys",
            code,
            &if slugs.is_empty() {
                t.invalid_surveys.to_string()
            } else {
                format!("{} ({})", t.invalid_surveys, slugs.join(", "))
            },
        ),
        StaffError::EmailTaken => error(status, code, t.email_taken),
        StaffError::LastAdmin => error(status, code, t.last_admin),
        StaffError::NotFound => error(status, code, t.account_not_found),
        StaffError::Database(cause) => unavailable(&cause, locale),
        // Sign-in errors: not reachable from the staff API, but never a 500.
        other @ (StaffError::WrongCredentials | StaffError::Throttled { .. }) => {
            error(status, code, other.to_string())
        }
    }
}

pub fn filter(problem: FilterProblem, locale: Locale) -> Refusal {
    invalid(
        problem.field,
        "invalid_filter",
        staff_api(locale).invalid_value,
    )
}

/// The request's language, for messages.
pub struct Lang(pub Locale);

impl<S: Send + Sync> FromRequestParts<S> for Lang {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(Lang(app::i18n::request_locale(&parts.headers)))
    }
}

/// The query string read into `T`; a malformed one is a 400 in the API's shape.
pub struct Params<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for Params<T> {
    type Rejection = Refusal;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Query::try_from_uri(&parts.uri)
            .map(|Query(value)| Params(value))
            .map_err(|_| {
                let locale = app::i18n::request_locale(&parts.headers);
                error(
                    StatusCode::BAD_REQUEST,
                    "invalid_query",
                    staff_api(locale).invalid_query,
                )
            })
    }
}

/// A JSON request body read into `T`: 415 unless it is declared JSON, 413 above
/// `BODY_LIMIT_BYTES`, 400 when it is not JSON at all, 422 naming the field (as a path) when it
/// is JSON of the wrong form.
pub struct JsonBody<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for JsonBody<T> {
    type Rejection = Response;

    async fn from_request(request: Request, _: &S) -> Result<Self, Self::Rejection> {
        let locale = app::i18n::request_locale(request.headers());
        let t = locale.messages();
        if !is_json(request.headers()) {
            return Err(error(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                t.api_unsupported_media_type,
            )
            .into_response());
        }
        // The rest of an oversized body is never read, so the connection cannot be used again.
        let too_large = || {
            let mut response = error(
                StatusCode::PAYLOAD_TOO_LARGE,
                "body_too_large",
                t.api_body_too_large,
            )
            .into_response();
            response
                .headers_mut()
                .insert(header::CONNECTION, HeaderValue::from_static("close"));
            response
        };
        let declared = request
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<usize>().ok());
        if declared.is_some_and(|length| length > BODY_LIMIT_BYTES) {
            return Err(too_large());
        }
        let bytes = to_bytes(request.into_body(), BODY_LIMIT_BYTES)
            .await
            .map_err(|_| too_large())?;
        let malformed =
            || error(StatusCode::BAD_REQUEST, "invalid_json", t.api_invalid_json).into_response();
        // Text with NUL and other control characters is refused alike on both engines
        // (PostgreSQL cannot store NUL at all).
        let raw = serde_json::from_slice::<serde_json::Value>(&bytes).ok();
        if let Some(path) = raw.as_ref().and_then(|raw| control_character_at(raw, "$")) {
            return Err(error(
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_characters",
                (t.api_control_characters)(&path),
            )
            .into_response());
        }
        // Every body is an object: serde would also read a struct from an array by position,
        // so `[null, null]` would pass as a change of nothing.
        if raw.as_ref().is_some_and(|raw| !raw.is_object()) {
            return Err(error(
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_body",
                locale.messages().api_invalid_type,
            )
            .into_response());
        }
        let mut deserializer = serde_json::Deserializer::from_slice(&bytes);
        let value = match serde_path_to_error::deserialize::<_, T>(&mut deserializer) {
            Ok(value) => value,
            Err(failure) => {
                return Err(match failure.inner().classify() {
                    Category::Data => wrong_form(&failure, locale).into_response(),
                    Category::Syntax | Category::Eof | Category::Io => malformed(),
                })
            }
        };
        deserializer.end().map_err(|_| malformed())?;
        Ok(JsonBody(value))
    }
}

/// The path (`$.subjects[2].name_zh`) of the first string, or object key, in a JSON value that
/// holds a control character other than tab, line feed and carriage return.
fn control_character_at(value: &serde_json::Value, path: &str) -> Option<String> {
    use serde_json::Value;
    let unreadable = |text: &str| {
        text.chars()
            .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
    };
    match value {
        Value::String(text) => unreadable(text).then(|| path.to_string()),
        Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, item)| control_character_at(item, &format!("{path}[{i}]"))),
        Value::Object(members) => members.iter().find_map(|(key, member)| {
            let here = format!("{path}.{key}");
            if unreadable(key) {
                Some(here)
            } else {
                control_character_at(member, &here)
            }
        }),
        _ => None,
    }
}

fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|v| {
            let v = v.trim().to_ascii_lowercase();
            v == "application/json" || v.ends_with("+json")
        })
}

/// JSON that does not fit the expected form: a value of the wrong type or an unknown member (at
/// its path), or a missing member (named by serde in backticks, at the path of its parent).
fn wrong_form(failure: &serde_path_to_error::Error<serde_json::Error>, locale: Locale) -> Refusal {
    let t = staff_api(locale);
    let path = Some(failure.path().to_string()).filter(|p| p != ".");
    let detail = failure.inner().to_string();
    let missing = detail
        .strip_prefix("missing field `")
        .and_then(|rest| rest.split('`').next());
    let (field, code, message) = match (missing, path) {
        (Some(name), None) => (name.to_string(), "missing_field", t.missing_field),
        (Some(name), Some(parent)) => {
            (format!("{parent}.{name}"), "missing_field", t.missing_field)
        }
        (None, Some(path)) if detail.starts_with("unknown field `") => {
            (path, "unknown_field", t.unknown_field)
        }
        (None, Some(path)) => (path, "invalid_type", t.invalid_value),
        (None, None) => {
            return error(
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_body",
                locale.messages().api_invalid_type,
            )
        }
    };
    Refusal::Fields(InvalidFields {
        code,
        message: format!("{field}: {message}"),
        problems: vec![FieldProblem { field, code }],
    })
}

/// `Ok` when the survey exists: a route under an unknown survey answers "no such survey"
/// before anything else.
pub async fn known_survey(
    state: &crate::app_state::AppState,
    slug: &str,
    locale: Locale,
) -> Result<(), Refusal> {
    match koubei_core::authoring::surveys::load(&state.db, slug).await {
        Ok(Some(_)) => Ok(()),
        Ok(None) => Err(not_found(
            super::messages::staff_api(locale).survey_not_found,
        )),
        Err(error) => Err(authoring(error, locale, "")),
    }
}

/// A stored time as people read it here: the minute in Beijing time.
pub fn beijing_minute(stored: &str) -> String {
    koubei_core::db::timestamp::council_minute(stored).unwrap_or_else(|| stored.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_found_with_their_path() {
        let clean = serde_json::json!({"title": {"zh": "口腔\n诊所"}, "subjects": ["a", "b"]});
        assert_eq!(control_character_at(&clean, "$"), None);
        let nul = serde_json::json!({"title": {"zh": "ok"}, "subjects": ["a", "b\u{0}"]});
        assert_eq!(
            control_character_at(&nul, "$").as_deref(),
            Some("$.subjects[1]")
        );
        let key = serde_json::json!({"\u{1b}x": 1});
        assert_eq!(
            control_character_at(&key, "$").as_deref(),
            Some("$.\u{1b}x")
        );
    }
}
