//! What a server function or page render reads from the request Leptos is answering: the
//! database handle the server put into the context, and who is asking (server only).

use std::net::SocketAddr;

use koubei_core::db::Database;
use koubei_core::submission::{RequestFacts, Submissions};
use leptos::prelude::{use_context, ServerFnError};

use crate::http_request::request_headers;

/// The database handle that the HTTP layer put into the Leptos context for server functions.
pub fn database_from_context() -> Result<Database, ServerFnError> {
    use_context::<Database>()
        .ok_or_else(|| ServerFnError::ServerError("database missing from context".to_string()))
}

/// Marks the answer being rendered as not to be kept by any cache (the published-view cache, a
/// proxy, a browser): a page that says "unavailable" must not outlive the failure.
pub fn answer_not_for_keeping() {
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.insert_header(
            http::header::CACHE_CONTROL,
            http::HeaderValue::from_static("no-store"),
        );
    }
}

/// The facts of the request a server function or page render is answering.
pub fn request_facts(submissions: &Submissions) -> Option<RequestFacts> {
    let parts = use_context::<http::request::Parts>()?;
    let peer = parts
        .extensions
        .get::<axum::extract::ConnectInfo<SocketAddr>>()
        .map(|info| info.0.ip());
    Some(submissions.facts(&request_headers(&parts.headers), peer))
}

/// `scheme://host` of the request being rendered, for addresses that must be absolute (share
/// cards): HTTPS only when our own proxy says so, as for cookies.
pub fn request_origin() -> Option<String> {
    let parts = use_context::<http::request::Parts>()?;
    let host = parts
        .headers
        .get(http::header::HOST)?
        .to_str()
        .ok()?
        .to_string();
    let https = use_context::<Submissions>().is_some_and(|s| s.trusts_forwarded_headers())
        && parts
            .headers
            .get("x-forwarded-proto")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|p| p.eq_ignore_ascii_case("https"));
    Some(format!("{}://{host}", if https { "https" } else { "http" }))
}
