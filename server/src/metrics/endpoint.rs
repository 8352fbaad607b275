//! The `/metrics` handler: authenticates like the staff API, reads the gauges that live in the
//! database, and renders the registry.

use axum::extract::State;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use koubei_core::db::Database;
use koubei_core::staff::authenticate;

use crate::api::ApiError;
use crate::app_state::AppState;

pub async fn scrape(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let locale = app::i18n::request_locale(&headers);
    match authenticate(&state.db, &app::http_request::request_headers(&headers)).await {
        Ok(Some(_)) => {}
        Ok(None) => {
            let mut response = ApiError::plain(
                StatusCode::UNAUTHORIZED,
                "unauthenticated",
                app::console::ConsoleCatalog::console(locale).unauthenticated,
            )
            .into_response();
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
            return response;
        }
        Err(error) => {
            tracing::error!(%error, "authenticating a metrics scrape failed");
            return ApiError::unavailable(locale).into_response();
        }
    }
    let metrics = &state.metrics;
    let pool = state.db.pool();
    let idle = i64::try_from(pool.num_idle()).unwrap_or(i64::MAX);
    let open = i64::from(pool.size());
    metrics.pool.with_label_values(&["open"]).set(open);
    metrics.pool.with_label_values(&["idle"]).set(idle);
    metrics
        .pool
        .with_label_values(&["in_use"])
        .set((open - idle).max(0));
    match waiting_for_staff(&state.db).await {
        Ok((clusters, held)) => {
            metrics.open_clusters.set(clusters);
            metrics.held_answers.set(held);
        }
        Err(error) => {
            tracing::error!(%error, "reading held answers for metrics failed");
            return ApiError::unavailable(locale).into_response();
        }
    }
    match metrics.render() {
        Ok(text) => (
            [
                (
                    header::CONTENT_TYPE,
                    "text/plain; version=0.0.4; charset=utf-8",
                ),
                (header::CACHE_CONTROL, "no-store"),
            ],
            text,
        )
            .into_response(),
        Err(error) => {
            tracing::error!(%error, "rendering metrics failed");
            ApiError::unavailable(locale).into_response()
        }
    }
}

/// (open suspect clusters, answers held in them).
async fn waiting_for_staff(db: &Database) -> Result<(i64, i64), sqlx::Error> {
    sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM suspect_clusters WHERE status = 'open'),
                (SELECT COUNT(*) FROM responses r JOIN suspect_clusters k ON k.id = r.cluster_id
                 WHERE k.status = 'open')",
    )
    .fetch_one(db.pool())
    .await
}
