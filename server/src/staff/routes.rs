//! The staff route table: every console page and staff API route is declared here as data, the
//! router is built from it, and a test walks it to prove each one is guarded.

use axum::http::Method;
use axum::routing::MethodRouter;
use axum::Router;

use crate::router::AppState;

/// One staff route: method, path (axum syntax) and handler.
pub struct StaffRoute {
    pub method: Method,
    pub path: &'static str,
    pub handler: MethodRouter<AppState>,
}

impl StaffRoute {
    pub fn new(method: Method, path: &'static str, handler: MethodRouter<AppState>) -> StaffRoute {
        StaffRoute {
            method,
            path,
            handler,
        }
    }
}

/// Every staff route: the console's and the staff API's.
pub fn all() -> Vec<StaffRoute> {
    let mut routes = crate::console::routes();
    routes.extend(crate::api::staff::routes());
    routes
}

/// (method, path) of every staff route, for tests and documentation.
pub fn table() -> Vec<(Method, &'static str)> {
    all().into_iter().map(|r| (r.method, r.path)).collect()
}

/// The routes added to a router (several methods on one path merge).
pub fn mount(mut router: Router<AppState>) -> Router<AppState> {
    for route in all() {
        router = router.route(route.path, route.handler);
    }
    router
}
