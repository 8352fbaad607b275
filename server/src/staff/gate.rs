//! The one guard in front of every console page and staff API route: authenticates the
//! request, checks the role the policy asks for, enforces CSRF on state changes made with a
//! session, and hands the principal to the handler as a request extension.

use app::console::{render_problem_page, ProblemPage};
use app::i18n::Locale;
use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Redirect, Response};
use koubei_core::staff::{authenticate, Principal};

use super::policy::{access, is_api, Access, SIGN_IN_PATH};
use crate::api::ApiError;
use crate::app_state::AppState;
use app::console::ConsoleCatalog;

/// Console forms are small; survey imports through the console stay well under this.
pub const CONSOLE_FORM_LIMIT_BYTES: usize = 1024 * 1024;
/// The form field and API header that carry the session's CSRF token.
pub const CSRF_FIELD: &str = "csrf";
pub const CSRF_HEADER: &str = "x-csrf-token";

pub async fn gate(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let path = request.uri().path().to_string();
    let required = match access(&method, &path) {
        Access::Public | Access::SignIn => return next.run(request).await,
        Access::Staff(role) => role,
    };
    let locale = app::i18n::request_locale(request.headers());
    let api = is_api(&path);
    let principal = match authenticate(
        &state.db,
        &app::http_request::request_headers(request.headers()),
    )
    .await
    {
        Ok(Some(principal)) => principal,
        Ok(None) => return unauthenticated(api, locale, request.uri()),
        Err(error) => {
            tracing::error!(error = %error, "authenticating a staff request failed");
            return if api {
                ApiError::unavailable(locale).into_response()
            } else {
                problem(locale, ProblemPage::Unavailable)
            };
        }
    };
    if !principal.may(required) {
        return if api {
            api_error(
                StatusCode::FORBIDDEN,
                "forbidden",
                locale.console().forbidden,
            )
        } else {
            problem(locale, ProblemPage::Forbidden)
        };
    }
    let changes_state = !matches!(method, Method::GET | Method::HEAD | Method::OPTIONS);
    let request = if changes_state && principal.csrf_token.is_some() {
        match check_csrf(request, &principal, api).await {
            Ok(request) => request,
            Err(()) => {
                return if api {
                    api_error(StatusCode::FORBIDDEN, "csrf", locale.console().csrf_failed)
                } else {
                    problem(locale, ProblemPage::FormExpired)
                };
            }
        }
    } else {
        request
    };
    let mut request = request;
    request.extensions_mut().insert(principal);
    next.run(request).await
}

fn unauthenticated(api: bool, locale: Locale, uri: &axum::http::Uri) -> Response {
    if api {
        let mut response = api_error(
            StatusCode::UNAUTHORIZED,
            "unauthenticated",
            locale.console().unauthenticated,
        );
        response
            .headers_mut()
            .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        return response;
    }
    let next = uri
        .path_and_query()
        .map(|pq| pq.as_str())
        .unwrap_or("/console");
    let target: String = form_urlencoded::Serializer::new(String::new())
        .append_pair("next", next)
        .finish();
    Redirect::to(&format!("{SIGN_IN_PATH}?{target}")).into_response()
}

fn api_error(status: StatusCode, code: &'static str, message: &str) -> Response {
    ApiError::plain(status, code, message).into_response()
}

fn problem(locale: Locale, page: ProblemPage) -> Response {
    (page.status(), Html(render_problem_page(locale, page))).into_response()
}

/// A session's state change must come from our own pages: the `Origin` (when the browser sends
/// one) names this host, and the session's token is in the form (console) or a header (API).
/// The form body is read here and put back for the handler.
async fn check_csrf(request: Request, principal: &Principal, api: bool) -> Result<Request, ()> {
    let expected = principal.csrf_token.as_deref().ok_or(())?;
    if !same_origin(request.headers()) {
        return Err(());
    }
    if api {
        let given = request
            .headers()
            .get(CSRF_HEADER)
            .and_then(|v| v.to_str().ok())
            .ok_or(())?;
        return constant_time_eq(given, expected)
            .then_some(request)
            .ok_or(());
    }
    let (parts, body) = request.into_parts();
    let bytes = to_bytes(body, CONSOLE_FORM_LIMIT_BYTES)
        .await
        .map_err(|_| ())?;
    let given = form_urlencoded::parse(&bytes)
        .find(|(key, _)| key == CSRF_FIELD)
        .map(|(_, value)| value.into_owned())
        .ok_or(())?;
    if !constant_time_eq(&given, expected) {
        return Err(());
    }
    Ok(Request::from_parts(parts, Body::from(bytes)))
}

/// `Origin`, when present, must be this server (scheme-less comparison of host and port).
pub fn same_origin(headers: &HeaderMap) -> bool {
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    // `scheme://authority[/path…]` names this host.
    let names_this_host = |url: &str| {
        url.split_once("://").is_some_and(|(_, rest)| {
            let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
            !host.is_empty() && authority.eq_ignore_ascii_case(host)
        })
    };
    let text = |name| headers.get(name).and_then(|v| v.to_str().ok());
    // Browsers send Origin with changes; some privacy settings drop it but keep Referer, which
    // must then name us too. With neither (scripts, stripped headers) the CSRF token decides.
    match (text(header::ORIGIN), text(header::REFERER)) {
        (Some(origin), _) => names_this_host(origin),
        (None, Some(referer)) => names_this_host(referer),
        (None, None) => true,
    }
}

fn constant_time_eq(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_must_name_this_host() {
        let mut headers = HeaderMap::new();
        assert!(same_origin(&headers));
        headers.insert(header::HOST, HeaderValue::from_static("127.0.0.1:3000"));
        headers.insert(
            header::ORIGIN,
            HeaderValue::from_static("http://127.0.0.1:3000"),
        );
        assert!(same_origin(&headers));
        headers.insert(
            header::ORIGIN,
            HeaderValue::from_static("https://evil.example"),
        );
        assert!(!same_origin(&headers));
        headers.insert(header::ORIGIN, HeaderValue::from_static("null"));
        assert!(!same_origin(&headers));
    }

    #[test]
    fn without_an_origin_the_referer_must_name_this_host() {
        let mut headers = HeaderMap::new();
        headers.insert(header::HOST, HeaderValue::from_static("127.0.0.1:3000"));
        headers.insert(
            header::REFERER,
            HeaderValue::from_static("http://127.0.0.1:3000/console/surveys/x?tab=1"),
        );
        assert!(same_origin(&headers));
        headers.insert(
            header::REFERER,
            HeaderValue::from_static("https://evil.example/127.0.0.1:3000"),
        );
        assert!(!same_origin(&headers));
        headers.insert(
            header::REFERER,
            HeaderValue::from_static("http://127.0.0.1:3000.evil.example/"),
        );
        assert!(!same_origin(&headers));
    }

    #[test]
    fn token_comparison() {
        assert!(constant_time_eq("abc", "abc"));
        assert!(!constant_time_eq("abc", "abd"));
        assert!(!constant_time_eq("abc", "ab"));
    }
}
