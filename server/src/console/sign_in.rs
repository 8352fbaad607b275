//! Signing in and out of the console. The sign-in form is protected against login CSRF with a
//! double-submitted token: a random cookie set with the form, and its keyed hash in the form.

use app::console::{render_sign_in, SignInForm};
use axum::extract::{Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::Response;
use koubei_core::staff::{sessions, sign_in, StaffError};
use koubei_core::submission::random_bytes;
use serde::Deserialize;

use super::page::{html, read_fields, see_other, unavailable, Staff};
use crate::app_state::AppState;
use crate::staff::same_origin;
use app::console::ConsoleCatalog;

const SIGN_IN_COOKIE: &str = "koubei_sign_in";
const PURPOSE: &str = "staff-sign-in";

#[derive(Deserialize, Default)]
pub struct NextQuery {
    #[serde(default)]
    next: String,
}

/// Only local console paths are followed after signing in (no open redirect).
fn safe_next(next: &str) -> String {
    let local = next.starts_with("/console")
        && !next.starts_with("//")
        && !next.contains('\\')
        && !next.chars().any(char::is_control)
        && !next.starts_with("/console/sign-");
    if local {
        next.to_string()
    } else {
        "/console".to_string()
    }
}

fn form_page(
    state: &AppState,
    headers: &HeaderMap,
    status: StatusCode,
    email: &str,
    next: &str,
    problem: Option<String>,
) -> Response {
    let locale = app::i18n::request_locale(headers);
    let nonce = hex_nonce();
    let token = state.submissions.secret().keyed_hash(PURPOSE, &nonce);
    let mut response = html(
        status,
        render_sign_in(
            locale,
            SignInForm {
                email: email.to_string(),
                next: safe_next(next),
                token,
                problem,
            },
        ),
    );
    let secure = if state.served_over_https(headers) {
        "; Secure"
    } else {
        ""
    };
    let cookie = format!(
        "{SIGN_IN_COOKIE}={nonce}; Path=/console/sign-in; Max-Age=7200; HttpOnly; SameSite=Strict{secure}"
    );
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

fn hex_nonce() -> String {
    random_bytes::<16>()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

pub async fn show(
    State(state): State<AppState>,
    Query(query): Query<NextQuery>,
    headers: HeaderMap,
) -> Response {
    form_page(&state, &headers, StatusCode::OK, "", &query.next, None)
}

pub async fn submit(State(state): State<AppState>, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let peer = parts
        .extensions
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|info| info.0.ip());
    let headers = parts.headers;
    let locale = app::i18n::request_locale(&headers);
    let t = locale.console();
    let fields = read_fields(body).await;
    let (email, next) = (
        fields.get("email").to_string(),
        fields.get("next").to_string(),
    );
    let genuine = same_origin(&headers)
        && app::http_request::request_headers(&headers)
            .cookie(SIGN_IN_COOKIE)
            .is_some_and(|nonce| {
                state
                    .submissions
                    .secret()
                    .verify(PURPOSE, nonce, fields.get("csrf"))
            });
    if !genuine {
        return form_page(
            &state,
            &headers,
            StatusCode::FORBIDDEN,
            &email,
            &next,
            Some(t.csrf_failed.into()),
        );
    }
    let address = state
        .submissions
        .address_hash(&app::http_request::request_headers(&headers), peer);
    match sign_in(&state.db, &email, fields.get("password"), &address).await {
        Ok(session) => {
            let mut response = see_other(&safe_next(&next));
            let secure = state.served_over_https(&headers);
            for cookie in [
                session.set_cookie(secure),
                format!("{SIGN_IN_COOKIE}=; Path=/console/sign-in; Max-Age=0"),
            ] {
                if let Ok(value) = HeaderValue::from_str(&cookie) {
                    response.headers_mut().append(header::SET_COOKIE, value);
                }
            }
            response
        }
        Err(StaffError::Database(error)) => unavailable(locale, &error),
        Err(StaffError::Throttled { retry_after_s }) => {
            let mut response = form_page(
                &state,
                &headers,
                StatusCode::TOO_MANY_REQUESTS,
                &email,
                &next,
                Some((t.throttled)(retry_after_s)),
            );
            if let Ok(value) = HeaderValue::from_str(&retry_after_s.to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, value);
            }
            response
        }
        Err(_) => form_page(
            &state,
            &headers,
            StatusCode::UNAUTHORIZED,
            &email,
            &next,
            Some(t.wrong_credentials.into()),
        ),
    }
}

fn signed_out(state: &AppState, headers: &HeaderMap) -> Response {
    let mut response = see_other("/console/sign-in");
    if let Ok(value) =
        HeaderValue::from_str(&sessions::clear_cookie(state.served_over_https(headers)))
    {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

pub async fn sign_out(State(state): State<AppState>, staff: Staff, headers: HeaderMap) -> Response {
    match sessions::end(&state.db, &staff.principal).await {
        Ok(()) => signed_out(&state, &headers),
        Err(error) => unavailable(staff.locale, &error),
    }
}

pub async fn sign_out_everywhere(
    State(state): State<AppState>,
    staff: Staff,
    headers: HeaderMap,
) -> Response {
    match sessions::end_all(&state.db, &staff.principal).await {
        Ok(_) => signed_out(&state, &headers),
        Err(error) => unavailable(staff.locale, &error),
    }
}
