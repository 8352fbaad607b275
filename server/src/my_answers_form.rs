//! `POST /my-answers`: a receipt code sent from the `/my-answers` page (to look it up, or to
//! withdraw its submission). The page is rendered again with the outcome, under its status:
//! 200, 404 for an unknown code, 422 for a malformed or unconfirmed one, 429 when a network tries
//! too many.

use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, StatusCode};
use axum::response::Response;
use koubei_core::submission::ReceiptAction;

use crate::app_state::AppState;
use crate::router::render_with;

/// A code and two small fields; anything bigger is not this form.
const FORM_LIMIT_BYTES: usize = 4 * 1024;

pub async fn submit(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    request: Request,
) -> Response {
    let (parts, body) = request.into_parts();
    let bytes = match crate::form_body::read(&parts, body, FORM_LIMIT_BYTES).await {
        Ok(bytes) => bytes,
        Err(refusal) => return refusal,
    };
    let field = |name: &str| {
        form_urlencoded::parse(&bytes)
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.into_owned())
    };
    let code = field("code").unwrap_or_default();
    let action = match field("action").as_deref() {
        Some("withdraw") => ReceiptAction::Withdraw {
            confirmed: field("confirm").as_deref() == Some("yes"),
        },
        _ => ReceiptAction::Show,
    };
    let facts = state.submissions.facts(
        &app::http_request::request_headers(&parts.headers),
        Some(peer.ip()),
    );
    let (view, status) = state.submissions.my_answers(&code, action, &facts).await;
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::OK);
    let mut response = render_with(&state, parts, view, status).await;
    // What a receipt shows is the respondent's own: no cache keeps it.
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-store"),
    );
    response
}
