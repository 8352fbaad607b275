//! `GET /lang/{tag}?next=/path`: remembers a language choice and returns to the page.
//! A plain link, so switching works without JavaScript.

use app::i18n::{Locale, LANG_COOKIE};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::app_state::AppState;

/// A year: the choice should outlive the session but not last forever.
pub(crate) const COOKIE_MAX_AGE_SECONDS: u32 = 365 * 24 * 60 * 60;

#[derive(Deserialize)]
pub struct SwitchQuery {
    next: Option<String>,
}

pub async fn switch(
    State(state): State<AppState>,
    Path(tag): Path<String>,
    Query(query): Query<SwitchQuery>,
    headers: HeaderMap,
) -> Response {
    let Some(locale) = Locale::parse(&tag).filter(|l| l.tag() == tag) else {
        let message = match app::i18n::request_locale(&headers) {
            Locale::ZhCn => "不支持该语言，可选：zh-CN、en。",
            Locale::En => "Unsupported language; choose zh-CN or en.",
        };
        return (StatusCode::NOT_FOUND, message).into_response();
    };
    let cookie = format!("{LANG_COOKIE}={}", locale.tag());
    remember_and_return(&state, &headers, &cookie, COOKIE_MAX_AGE_SECONDS, &query)
}

/// A reader's display choice (`name=value`) remembered for `max_age` seconds (0 forgets it),
/// and back to the page the switch was on: the language and large-mode switches.
pub(crate) fn remember_and_return(
    state: &AppState,
    headers: &HeaderMap,
    name_value: &str,
    max_age: u32,
    query: &SwitchQuery,
) -> Response {
    let target = query
        .next
        .as_deref()
        .filter(|next| is_local_path(next))
        .unwrap_or("/");
    let secure = if state.served_over_https(headers) {
        "; Secure"
    } else {
        ""
    };
    let cookie = format!("{name_value}; Path=/; Max-Age={max_age}; SameSite=Lax{secure}");
    let mut response = Redirect::to(target).into_response();
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    response
}

/// Only same-site paths: `/x` but not `//evil.example` or `/\evil.example` (open redirects).
fn is_local_path(next: &str) -> bool {
    next.starts_with('/')
        && !next.starts_with("//")
        && !next.starts_with("/\\")
        && !next.chars().any(char::is_control)
}

#[cfg(test)]
mod tests {
    use super::is_local_path;

    #[test]
    fn only_local_paths_are_followed() {
        assert!(is_local_path("/"));
        assert!(is_local_path("/s/dental-2026?q=1"));
        assert!(!is_local_path("//evil.example"));
        assert!(!is_local_path("/\\evil.example"));
        assert!(!is_local_path("https://evil.example"));
        assert!(!is_local_path("/\nSet-Cookie: x"));
    }
}
