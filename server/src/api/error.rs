use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;

/// An API error: `{"error": {"code": "...", "message": "...", "field": "..."}}` with a status.
/// `code` is stable for programs; `message` is for people, in the request's language.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
    pub field: Option<&'static str>,
}

#[derive(Serialize)]
struct Body<'a> {
    error: Detail<'a>,
}

#[derive(Serialize)]
struct Detail<'a> {
    code: &'a str,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    field: Option<&'a str>,
}

impl ApiError {
    /// 503: the database could not be reached; nothing was changed.
    pub fn unavailable(locale: app::i18n::Locale) -> ApiError {
        ApiError {
            status: StatusCode::SERVICE_UNAVAILABLE,
            code: "unavailable",
            message: locale.messages().api_unavailable.to_string(),
            field: None,
        }
    }
}

/// Lets handlers that build their own responses use `?` on API errors.
impl From<ApiError> for Response {
    fn from(error: ApiError) -> Response {
        error.into_response()
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = Body {
            error: Detail {
                code: self.code,
                message: &self.message,
                field: self.field,
            },
        };
        (self.status, Json(body)).into_response()
    }
}
