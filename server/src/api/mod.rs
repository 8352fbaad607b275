//! The JSON API under `/api/v1`. Errors everywhere have one shape (see `error.rs`).

mod error;
mod nps;
mod responses;
pub mod staff;
mod surveys;

use axum::routing::{get, post};
use axum::Router;

pub use error::{ApiError, FieldProblem, InvalidFields};

use crate::router::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/api/v1/nps", get(nps::calculate))
        .route("/api/v1/surveys", get(surveys::list))
        .route("/api/v1/surveys/{slug}", get(surveys::show))
        .route("/api/v1/surveys/{slug}/responses", post(responses::create))
}
