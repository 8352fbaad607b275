use app::i18n::Catalog;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;

/// An API error: `{"error": {"code": "...", "message": "...", "field": "..."}}` with a status.
/// `code` is stable for programs; `message` is for people, in the request's language.
/// (`InvalidFields` is the same shape for input with several problems at computed paths.)
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
    #[serde(skip_serializing_if = "<[FieldProblem]>::is_empty")]
    problems: &'a [FieldProblem],
}

/// One problem of an input that may have several: the field's path (`subjects[2]`,
/// `title.en`) and a stable code.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FieldProblem {
    pub field: String,
    pub code: &'static str,
}

/// 422 for input with problems at computed paths: the one error shape, with `field` the first
/// problem's path, plus `"problems": [{"field", "code"}, ...]` naming all of them.
#[derive(Debug)]
pub struct InvalidFields {
    pub code: &'static str,
    /// For people, in the request's language; about the first problem.
    pub message: String,
    /// Never empty.
    pub problems: Vec<FieldProblem>,
}

impl ApiError {
    /// An error about no one field.
    pub fn plain(status: StatusCode, code: &'static str, message: &str) -> ApiError {
        ApiError {
            status,
            code,
            message: message.to_string(),
            field: None,
        }
    }

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
                problems: &[],
            },
        };
        (self.status, Json(body)).into_response()
    }
}

impl IntoResponse for InvalidFields {
    fn into_response(self) -> Response {
        let first = self.problems.first();
        let body = Body {
            error: Detail {
                code: self.code,
                message: &self.message,
                field: first.map(|p| p.field.as_str()),
                problems: &self.problems,
            },
        };
        (StatusCode::UNPROCESSABLE_ENTITY, Json(body)).into_response()
    }
}
