//! The query string of a public route, read as axum's `Query` does, but refused the way the
//! API refuses anything: a JSON error in the reader's language (axum's own refusal is English
//! plain text).

use axum::extract::{FromRequestParts, Query};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;

use super::ApiError;
use app::i18n::Catalog;

/// `Query<T>` with the API's 400 (`bad_query`) for a query that does not decode, such as a
/// parameter given twice.
pub struct ApiQuery<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match Query::<T>::from_request_parts(parts, state).await {
            Ok(Query(query)) => Ok(ApiQuery(query)),
            Err(_) => Err(bad_query(app::i18n::request_locale(&parts.headers))),
        }
    }
}

/// 400 for a query string that cannot be read.
pub fn bad_query(locale: app::i18n::Locale) -> Response {
    ApiError::plain(
        StatusCode::BAD_REQUEST,
        "bad_query",
        locale.messages().api_bad_query,
    )
    .into_response()
}
