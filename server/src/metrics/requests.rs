//! Counts every HTTP request by route (the route's pattern, never the raw path: a path is
//! chosen by the client, and each new label value is a new time series), method and status,
//! and times it.

use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::Response;

use crate::app_state::AppState;

pub async fn record(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|path| path.as_str().to_string())
        .unwrap_or_else(|| unmatched_route(request.uri().path()).to_string());
    let method = match request.method().as_str() {
        "GET" => "GET",
        "HEAD" => "HEAD",
        "POST" => "POST",
        "PUT" => "PUT",
        "PATCH" => "PATCH",
        "DELETE" => "DELETE",
        "OPTIONS" => "OPTIONS",
        _ => "other",
    };
    let started = Instant::now();
    let response = next.run(request).await;
    let metrics = &state.metrics;
    metrics
        .latency
        .with_label_values(&[route.as_str()])
        .observe(started.elapsed().as_secs_f64());
    metrics
        .requests
        .with_label_values(&[route.as_str(), method, response.status().as_str()])
        .inc();
    response
}

/// Requests no route matched: the site's static files, or nothing at all.
fn unmatched_route(path: &str) -> &'static str {
    if path.starts_with("/pkg/") {
        "/pkg/{file}"
    } else {
        "unmatched"
    }
}
