//! Everything no route claims: a file of the built site (the bundle, styles, icons; the
//! precompressed copy when the browser takes it), or else the app's not-found page (404).
//!
//! Not `leptos_axum::file_and_error_handler`: it serves each file inside `Owner::new()`, a child
//! of whichever owner is current on the worker thread, and Leptos leaves every page's root owner
//! current on its thread after the page starts rendering. A file fetched while a page was still
//! rendering on that thread so became that page's child, and took the page's pending headers:
//! its content security policy (the page's scripts were then refused, and it never hydrated)
//! and its `Set-Cookie`, the respondent cookie, which could reach whoever asked for the file.

use axum::extract::Request;
use axum::routing::{any, MethodRouter};
use tower_http::services::ServeDir;

use crate::app_state::AppState;
use crate::router::page_context;

/// The fallback service of the router.
pub fn service(state: &AppState) -> ServeDir<MethodRouter> {
    let not_found = {
        let options = state.leptos_options.clone();
        // Rendered whole before sending: `NotFound` sets the 404 before the headers go out.
        let render = leptos_axum::render_app_async_with_context(page_context(state), move || {
            app::shell(options.clone())
        });
        move |request: Request| render(request)
    };
    ServeDir::new(state.leptos_options.site_root.as_ref())
        .precompressed_br()
        .precompressed_gzip()
        .fallback(any(not_found))
}
