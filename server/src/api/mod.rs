//! The JSON API under `/api/v1`. Errors everywhere have one shape (see `error.rs`).

mod caching;
mod error;
mod nps;
pub mod openapi;
mod responses;
pub mod results;
mod sectors;
pub mod staff;
mod surveys;

use axum::routing::{get, post};
use axum::Router;

pub use error::{ApiError, FieldProblem, InvalidFields};

use crate::router::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/nps", get(nps::calculate))
        .route("/api/v1/openapi.json", get(openapi::serve))
        .route("/api", get(openapi::page))
        .route("/api/v1/sectors", get(sectors::list))
        .route(
            "/api/v1/sectors/{sector}/snapshots",
            get(sectors::snapshots),
        )
        .route("/api/v1/surveys", get(surveys::list))
        .route("/api/v1/surveys/{slug}", get(surveys::show))
        .route("/api/v1/surveys/{slug}/responses", post(responses::create))
        .route("/api/v1/surveys/{slug}/results", get(results::json))
        .route("/api/v1/surveys/{slug}/results.csv", get(results::csv))
}
