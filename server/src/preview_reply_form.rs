//! `POST /preview/{token}/reply`: a brand's reply, sent from its preview page (a plain form; it
//! works without JavaScript). Sent: 303 back to the page, which shows it waiting for review.
//! Refused: the preview page again with the refusal in words and the text kept, under 422 (the
//! text) or 409 (the state: not invited, deadline passed, sent already); an unknown, revoked or
//! expired link is the preview's own 404/410.

use axum::extract::{Path, Request, State};
use axum::http::{header, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use koubei_core::authoring::preview_links::{self, PreviewAccess};
use koubei_core::authoring::{replies, AuthoringError};
use koubei_core::failure::Failure;
use time::OffsetDateTime;

use crate::app_state::AppState;
use crate::router::render_with;

/// Two replies of 500 characters, percent-encoded (up to 12 bytes a character), and room.
const FORM_LIMIT_BYTES: usize = 32 * 1024;

pub async fn submit(
    State(state): State<AppState>,
    Path(token): Path<String>,
    request: Request,
) -> Response {
    let (mut parts, body) = request.into_parts();
    let bytes = match crate::form_body::read(&parts, body, FORM_LIMIT_BYTES).await {
        Ok(bytes) => bytes,
        Err(refusal) => return refusal,
    };
    let field = |name: &str| {
        form_urlencoded::parse(&bytes)
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.into_owned())
            .unwrap_or_default()
    };
    let (body_zh, body_en) = (field("body_zh"), field("body_en"));
    let page = format!("/preview/{token}");
    let sent = replies::submit(
        &state.db,
        &token,
        &body_zh,
        &body_en,
        OffsetDateTime::now_utc(),
    )
    .await;
    // Whatever happens, the answer is the preview page's (its address, its language).
    parts.uri = page.parse::<Uri>().unwrap_or_default();
    let (echo, status) = match sent {
        Ok(Some(_)) => {
            let mut response = StatusCode::SEE_OTHER.into_response();
            if let Ok(location) = format!("{page}?sent=1#reply").parse() {
                response.headers_mut().insert(header::LOCATION, location);
            }
            return response;
        }
        // The link does not open: the page says so, as for a GET.
        Ok(None) => {
            let now = OffsetDateTime::now_utc();
            let status = match preview_links::access(&state.db, &token, now).await {
                Ok(PreviewAccess::Expired) => StatusCode::GONE,
                _ => StatusCode::NOT_FOUND,
            };
            (app::pages::ReplyEcho::default(), status)
        }
        Err(AuthoringError::Reply(refusal)) => (
            app::pages::ReplyEcho {
                refusal: refusal.message_key().to_string(),
                field: refusal.field().map(str::to_string),
                body_zh,
                body_en,
            },
            if refusal.is_input() {
                StatusCode::UNPROCESSABLE_ENTITY
            } else {
                StatusCode::CONFLICT
            },
        ),
        // Said on the page, with the text kept for another try.
        Err(error) => {
            tracing::error!(error = %error, code = error.code(), "reply failed");
            let echo = app::pages::ReplyEcho {
                refusal: "unavailable".to_string(),
                field: None,
                body_zh,
                body_en,
            };
            (echo, StatusCode::SERVICE_UNAVAILABLE)
        }
    };
    let mut response = render_with(&state, parts, echo, status).await;
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-store"),
    );
    response
}
