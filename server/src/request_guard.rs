//! Refuses addresses no route can serve before any handler (or the database) sees them: a path
//! whose decoded text has a control character (`%00` names no survey, sector or file, and
//! PostgreSQL cannot even compare it) is a 404; a query with one is a 400. The same on SQLite
//! and PostgreSQL, for every route present and future.

use app::i18n::Locale;
use axum::extract::Request;
use axum::http::{StatusCode, Uri};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::api::ApiError;

/// Where the app's own not-found page is rendered: a path nothing else serves.
const NOT_FOUND_PATH: &str = "/.not-found";

pub async fn refuse_unreadable(mut request: Request, next: Next) -> Response {
    let uri = request.uri().clone();
    let is_api = uri.path().starts_with("/api/");
    let locale = || app::i18n::request_locale(request.headers());
    if has_control_character(&decode(uri.path())) {
        if is_api {
            return error(StatusCode::NOT_FOUND, "not_found", locale());
        }
        // Pages answer with the app's usual not-found page, in the reader's language.
        *request.uri_mut() = Uri::from_static(NOT_FOUND_PATH);
        return next.run(request).await;
    }
    let query_unreadable = uri.query().is_some_and(|query| {
        form_urlencoded::parse(query.as_bytes())
            .any(|(key, value)| has_control_character(&key) || has_control_character(&value))
    });
    if query_unreadable {
        return error(StatusCode::BAD_REQUEST, "invalid_query", locale());
    }
    next.run(request).await
}

fn error(status: StatusCode, code: &'static str, locale: Locale) -> Response {
    let message = match (status, locale) {
        (StatusCode::NOT_FOUND, Locale::ZhCn) => "此地址不存在。",
        (StatusCode::NOT_FOUND, Locale::En) => "Nothing exists at this address.",
        (_, Locale::ZhCn) => "请求地址中含有无法识别的字符（如控制字符）。",
        (_, Locale::En) => {
            "The address contains characters that cannot be read (such as control characters)."
        }
    };
    ApiError::plain(status, code, message).into_response()
}

/// Percent-decodes a path (invalid UTF-8 becomes U+FFFD, which is not a control character).
fn decode(path: &str) -> String {
    form_urlencoded::parse(format!("p={}", path.replace('+', "%2B")).as_bytes())
        .next()
        .map(|(_, value)| value.into_owned())
        .unwrap_or_default()
}

/// C0 controls and DEL, except the whitespace a text may carry (tab, line feed, carriage return).
fn has_control_character(text: &str) -> bool {
    text.chars()
        .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_encoded_controls_are_found_and_plus_is_kept() {
        assert!(has_control_character(&decode("/s/a%00b")));
        assert!(has_control_character(&decode("/r/%1Fx")));
        assert!(!has_control_character(&decode("/s/dental-clinics-2026")));
        assert_eq!(decode("/s/a+b%20c"), "/s/a+b c");
        assert!(!has_control_character(&decode("/s/%FF%FE")));
    }
}
