//! The request headers the back end reads, copied out of an HTTP header map (server only).

use http::header::{ACCEPT_LANGUAGE, AUTHORIZATION, COOKIE, USER_AGENT};
use http::HeaderMap;
use koubei_core::request::RequestHeaders;

/// The headers `koubei-core` looks at, borrowed from `headers`.
pub fn request_headers(headers: &HeaderMap) -> RequestHeaders<'_> {
    let text = |name: &str| headers.get(name).map(|v| v.to_str().unwrap_or_default());
    let all = |name: &str| {
        headers
            .get_all(name)
            .iter()
            .map(|v| v.to_str().unwrap_or_default())
            .collect()
    };
    RequestHeaders {
        cookies: all(COOKIE.as_str()),
        authorization: text(AUTHORIZATION.as_str()),
        user_agent: text(USER_AGENT.as_str()),
        accept_language: text(ACCEPT_LANGUAGE.as_str()),
        forwarded_for: all("x-forwarded-for"),
        forwarded_proto: text("x-forwarded-proto"),
    }
}
