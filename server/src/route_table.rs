//! Routes declared as data: method, path and handler. Every route the server mounts outside the
//! Leptos pages comes from such a table, so tests can walk them — the staff gate covers each
//! staff route, the OpenAPI document lists each public one — instead of trusting a router that
//! cannot be inspected.

use axum::http::Method;
use axum::routing::MethodRouter;
use axum::Router;

use crate::app_state::AppState;

/// One route: method, path (axum syntax) and handler.
pub struct Route {
    pub method: Method,
    pub path: &'static str,
    pub handler: MethodRouter<AppState>,
}

impl Route {
    pub fn new(method: Method, path: &'static str, handler: MethodRouter<AppState>) -> Route {
        Route {
            method,
            path,
            handler,
        }
    }
}

/// (method, path) of each route, for tests and documentation.
pub fn table(routes: Vec<Route>) -> Vec<(Method, &'static str)> {
    routes.into_iter().map(|r| (r.method, r.path)).collect()
}

/// The routes added to a router (several methods on one path merge).
pub fn mount(mut router: Router<AppState>, routes: Vec<Route>) -> Router<AppState> {
    for route in routes {
        router = router.route(route.path, route.handler);
    }
    router
}
