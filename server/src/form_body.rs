//! Reading a plain HTML form's body (`application/x-www-form-urlencoded`) for the pages' own
//! POST handlers: 415 for anything else, 413 over the handler's limit.

use axum::body::{Body, Bytes};
use axum::http::{header, request::Parts, StatusCode};
use axum::response::{IntoResponse, Response};

/// The body's bytes, or the refusal to send instead.
pub async fn read(parts: &Parts, body: Body, limit_bytes: usize) -> Result<Bytes, Response> {
    let is_form = parts
        .headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return Err(StatusCode::UNSUPPORTED_MEDIA_TYPE.into_response());
    }
    axum::body::to_bytes(body, limit_bytes)
        .await
        .map_err(|_| StatusCode::PAYLOAD_TOO_LARGE.into_response())
}
