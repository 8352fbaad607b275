//! The JSON API under `/api/v1`. Errors everywhere have one shape (see `error.rs`).

mod error;
mod messages;
mod nps;
pub mod openapi;
mod query;
mod responses;
pub mod results;
mod sectors;
pub mod staff;
mod surveys;

use axum::http::Method;
use axum::routing::{get, post};

pub use error::{ApiError, FieldProblem, InvalidFields};
pub use query::ApiQuery;

use crate::route_table::Route;

/// The public JSON API: reads, the calculator and submissions (the staff API is in `staff`).
pub fn routes() -> Vec<Route> {
    use Method as M;
    let route = Route::new;
    vec![
        route(M::GET, "/api/v1/nps", get(nps::calculate)),
        route(M::GET, "/api/v1/openapi.json", get(openapi::serve)),
        route(M::GET, "/api/v1/sectors", get(sectors::list)),
        route(
            M::GET,
            "/api/v1/sectors/{sector}/snapshots",
            get(sectors::snapshots),
        ),
        route(M::GET, "/api/v1/surveys", get(surveys::list)),
        route(M::GET, "/api/v1/surveys/{slug}", get(surveys::show)),
        route(
            M::POST,
            "/api/v1/surveys/{slug}/responses",
            post(responses::create),
        ),
        route(M::GET, "/api/v1/surveys/{slug}/results", get(results::json)),
        route(
            M::GET,
            "/api/v1/surveys/{slug}/results.csv",
            get(results::csv),
        ),
    ]
}
