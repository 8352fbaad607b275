//! Liveness and readiness probes for load balancers and orchestrators.

use std::time::Duration;

use axum::extract::State;
use axum::http::StatusCode;
use koubei_core::db::Database;

/// How long readiness waits for the database before calling it unavailable.
const READY_TIMEOUT: Duration = Duration::from_secs(2);

/// `GET /healthz`: the process is up and serving HTTP.
pub async fn live() -> &'static str {
    "ok"
}

/// `GET /readyz`: 200 when the database answers a query, 503 when it does not.
pub async fn ready(State(db): State<Database>) -> (StatusCode, &'static str) {
    match tokio::time::timeout(READY_TIMEOUT, db.ping()).await {
        Ok(Ok(())) => (StatusCode::OK, "ready"),
        Ok(Err(error)) => {
            tracing::warn!(error = %error, "readiness check: database unavailable");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
        Err(_) => {
            tracing::warn!(
                timeout_ms = READY_TIMEOUT.as_millis() as u64,
                "readiness check: database timed out"
            );
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}
