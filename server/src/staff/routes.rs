//! The staff route table: every console page and staff API route, declared as data. The router
//! is built from it and a test walks it to prove each one is guarded.

use axum::http::Method;
use axum::Router;

use crate::app_state::AppState;
use crate::route_table::{self, Route};

/// Every staff route: the console's and the staff API's.
pub fn all() -> Vec<Route> {
    let mut routes = crate::console::routes();
    routes.extend(crate::api::staff::routes());
    routes
}

/// (method, path) of every staff route, for tests and documentation.
pub fn table() -> Vec<(Method, &'static str)> {
    route_table::table(all())
}

/// The staff routes added to a router.
pub fn mount(router: Router<AppState>) -> Router<AppState> {
    route_table::mount(router, all())
}
