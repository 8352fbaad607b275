//! The HTTP surface: the public and staff route tables, the Leptos pages and server functions,
//! the built site's static files, and the layers around them all.

use std::sync::OnceLock;
use std::time::Duration;

use app::{shell, App};
use axum::http::StatusCode;
use axum::Router;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, AxumRouteListing, LeptosRoutes};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use crate::app_state::AppState;
use crate::{public_routes, request_guard, security_headers, site_files, staff};

/// No request may hold a connection longer than this: a stuck handler answers 408 instead of
/// hanging the client (and the test suite) forever.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// The app's routes. Generating them runs the app once with resource loading suppressed by a
/// process-wide flag; a resource first polled anywhere in the process meanwhile never loads
/// (leptos-rs/leptos#4773), so its page hangs. Generating once per process, before any server
/// renders, rules that out (tests start many servers in one process).
fn route_list() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES
        .get_or_init(|| {
            // `/verify/{token}` is served by `verify::show`, which answers JSON as well.
            generate_route_list(App)
                .into_iter()
                .filter(|route| route.path() != "/verify/{token}")
                .collect()
        })
        .clone()
}

/// What every page render gets in its context — route, refused form or not-found page: the
/// database, the submission service, and the page's content security policy.
pub fn page_context(state: &AppState) -> impl Fn() + Clone + Send + Sync + 'static {
    let db = state.db.clone();
    let submissions = state.submissions.clone();
    move || {
        provide_context(db.clone());
        provide_context(submissions.clone());
        security_headers::provide_page_policy();
    }
}

/// Renders the app for `parts` with `value` in the render's context (a page whose outcome the
/// handler decided: a receipt code's, a badge's verdict), under `status`.
pub async fn render_with<T: Clone + Send + Sync + 'static>(
    state: &AppState,
    parts: axum::http::request::Parts,
    value: T,
    status: StatusCode,
) -> axum::response::Response {
    let context = {
        let page = page_context(state);
        move || {
            page();
            provide_context(value.clone());
        }
    };
    let options = state.leptos_options.clone();
    let render =
        leptos_axum::render_app_async_with_context(context, move || app::shell(options.clone()));
    let mut response = render(axum::extract::Request::from_parts(
        parts,
        axum::body::Body::empty(),
    ))
    .await;
    *response.status_mut() = status;
    response
}

pub fn build(state: AppState) -> Router {
    let routes = route_list();
    let render_page = {
        let options = state.leptos_options.clone();
        move || shell(options.clone())
    };
    let app = staff::routes::mount(public_routes::mount(Router::new()))
        .leptos_routes_with_context(&state, routes, page_context(&state), render_page)
        .fallback_service(site_files::service(&state))
        // Every console page and staff API route, present and future, passes the staff gate.
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            staff::gate,
        ))
        .layer(axum::middleware::from_fn(
            security_headers::security_headers,
        ))
        // Inside compression: kept views are compressed once, and compression leaves them be.
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::published_cache::serve,
        ))
        .layer(CompressionLayer::new())
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            REQUEST_TIMEOUT,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::metrics::record,
        ))
        .layer(TraceLayer::new_for_http())
        // A bug that panics answers 500 and is logged, instead of dropping the connection (a
        // proxy in front would count a dropped connection against the whole instance).
        .layer(CatchPanicLayer::custom(answer_a_panic))
        .with_state(state);
    // Addresses with control characters never reach a route, the gate or the database. Outside
    // the app's router, because a page path it rewrites must be routed anew.
    Router::new()
        .fallback_service(app)
        .layer(axum::middleware::from_fn(request_guard::refuse_unreadable))
}

fn answer_a_panic(panic: Box<dyn std::any::Any + Send + 'static>) -> axum::response::Response {
    let what = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_default();
    tracing::error!(panic = %what, "a request handler panicked");
    axum::response::IntoResponse::into_response((
        StatusCode::INTERNAL_SERVER_ERROR,
        "internal error / 服务器内部错误",
    ))
}
