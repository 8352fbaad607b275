//! `GET /verify/{token}`: whether a badge's signed statement is genuine and still stands — the
//! page, or JSON to `Accept: application/json` (one address for people and programs). And
//! `GET /.well-known/koubei-badge-key.json`: the council's public key, to check a statement
//! without asking us.

use app::pages::PUBLIC_KEY_PATH;
use axum::extract::{Path, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use domain::verify::{Standing, VerifyView};
use koubei_core::db::timestamp;
use koubei_core::results::statement;
use serde::Serialize;
use time::OffsetDateTime;

use crate::app_state::AppState;
use crate::router::render_with;

/// The public key, as `GET /.well-known/koubei-badge-key.json` serves it.
#[derive(Serialize)]
pub struct PublicKey {
    algorithm: &'static str,
    key_id: String,
    /// The 32-byte Ed25519 public key, base64url without padding.
    public_key: String,
    /// How a token is made: `base64url(statement JSON) "." base64url(signature of those bytes)`.
    token_format: &'static str,
}

pub const KEY_PATH: &str = PUBLIC_KEY_PATH;

pub async fn public_key(State(state): State<AppState>) -> Response {
    let key = &state.badge_key;
    (
        [(header::CACHE_CONTROL, "public, max-age=3600")],
        Json(PublicKey {
            algorithm: "Ed25519",
            key_id: key.key_id(),
            public_key: key.public_key(),
            token_format:
                "base64url(statement JSON) '.' base64url(Ed25519 signature of those bytes)",
        }),
    )
        .into_response()
}

/// The JSON answer.
#[derive(Serialize)]
struct Verdict {
    genuine: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    statement: Option<domain::verify::Statement>,
    #[serde(skip_serializing_if = "Option::is_none")]
    standing: Option<Standing>,
    key_id: String,
}

fn wants_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|accept| accept.contains("application/json") && !accept.contains("text/html"))
}

async fn view_of(state: &AppState, token: &str) -> Result<VerifyView, Response> {
    let Some(statement) = state.badge_key.read(token) else {
        return Ok(VerifyView::NotGenuine);
    };
    let standing = statement::standing(&state.db, &statement, OffsetDateTime::now_utc())
        .await
        .map_err(|error| {
            tracing::error!(%error, "verify: reading the snapshots failed");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        })?;
    let day = |stored: &str| timestamp::council_date(stored).unwrap_or_else(|| stored.to_string());
    Ok(VerifyView::Genuine {
        published_on: day(&statement.published_at),
        expires_on: day(&statement.expires_at),
        statement: Box::new(statement),
        standing,
    })
}

pub async fn show(
    State(state): State<AppState>,
    Path(token): Path<String>,
    request: Request,
) -> Response {
    let view = match view_of(&state, &token).await {
        Ok(view) => view,
        Err(unavailable) => return unavailable,
    };
    let status = match view {
        VerifyView::Genuine { .. } => StatusCode::OK,
        VerifyView::NotGenuine => StatusCode::NOT_FOUND,
    };
    if wants_json(request.headers()) {
        let verdict = match view {
            VerifyView::Genuine {
                statement,
                standing,
                ..
            } => Verdict {
                genuine: true,
                statement: Some(*statement),
                standing: Some(standing),
                key_id: state.badge_key.key_id(),
            },
            VerifyView::NotGenuine => Verdict {
                genuine: false,
                statement: None,
                standing: None,
                key_id: state.badge_key.key_id(),
            },
        };
        return (status, [(header::VARY, "accept")], Json(verdict)).into_response();
    }
    let (parts, _) = request.into_parts();
    let mut response = render_with(&state, parts, view, status).await;
    response
        .headers_mut()
        .insert(header::VARY, header::HeaderValue::from_static("accept"));
    response
}
