//! The JSON API under `/api/v1`. Errors everywhere have one shape (see `error.rs`).

mod error;
mod nps;

use axum::routing::get;
use axum::Router;

pub use error::ApiError;

use crate::router::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/api/v1/nps", get(nps::calculate))
}
