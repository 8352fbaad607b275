//! Security headers on every response. Only the widgets under `/embed/` may be framed (by
//! anyone); everything else refuses framing twice over (`frame-ancestors 'none'` and
//! `X-Frame-Options: DENY`). Leptos pages get a strict policy whose only inline scripts are
//! the ones carrying this response's nonce (the hydration script and resource data); other
//! responses get the same policy without a nonce. Widgets never carry a cookie.

use axum::extract::Request;
use axum::http::header::{
    CONTENT_SECURITY_POLICY, REFERRER_POLICY, SET_COOKIE, X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
};
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;
use leptos::prelude::use_context;
use leptos_axum::ResponseOptions;

use crate::embed;

/// Common ground of every policy but the widgets'.
const BASE: &str = "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

/// For responses that are not Leptos pages (console, API, files, problems).
fn default_policy() -> String {
    format!("{BASE}; script-src 'self' 'wasm-unsafe-eval'")
}

/// For a Leptos page rendered with `nonce`: its own inline scripts, the bundle and its wasm.
pub fn page_policy(nonce: &str) -> String {
    format!("{BASE}; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'")
}

/// For the widgets: frameable anywhere, inline CSS, and only the height script.
fn widget_policy() -> String {
    format!(
        "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; script-src {}; base-uri 'none'; form-action 'none'; frame-ancestors *",
        embed::height_script_source()
    )
}

/// Called while a Leptos page is set up (its context function): puts the page's policy, with
/// the nonce Leptos put on its inline scripts, on the response.
pub fn provide_page_policy() {
    let (Some(nonce), Some(response)) =
        (leptos::nonce::use_nonce(), use_context::<ResponseOptions>())
    else {
        return;
    };
    if let Ok(value) = HeaderValue::from_str(&page_policy(&nonce)) {
        response.insert_header(CONTENT_SECURITY_POLICY, value);
    }
}

/// The middleware.
pub async fn security_headers(request: Request, next: Next) -> Response {
    let frameable = request.uri().path().starts_with(embed::FRAMEABLE_PREFIX);
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(
        REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    if frameable {
        headers.remove(SET_COOKIE);
        headers.remove(X_FRAME_OPTIONS);
        if let Ok(value) = HeaderValue::from_str(&widget_policy()) {
            headers.insert(CONTENT_SECURITY_POLICY, value);
        }
    } else {
        headers.insert(X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
        let page_set_its_own = headers
            .get(CONTENT_SECURITY_POLICY)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("frame-ancestors 'none'"));
        if !page_set_its_own {
            if let Ok(value) = HeaderValue::from_str(&default_policy()) {
                headers.insert(CONTENT_SECURITY_POLICY, value);
            }
        }
    }
    response
}
