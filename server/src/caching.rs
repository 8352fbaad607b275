//! Caching for every public read (the API, charts and widgets), in one place:
//! `Access-Control-Allow-Origin: *`, `Cache-Control`, a strong `ETag`, and `304 Not Modified`
//! on a matching `If-None-Match` (weak tags and `*` included).

use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use sha2::{Digest, Sha256};

/// How long shared caches may keep public definitions that can still change.
pub const SHORT: &str = "public, max-age=60";
/// For what never changes (a numbered snapshot).
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// For "the latest published results", which change only when a wave is published or corrected.
pub const PUBLISHED: &str = "public, max-age=300";
/// For anything computed for one caller.
pub const PRIVATE: &str = "private, no-store";

/// A pinned snapshot never changes; "the latest" may, after a correction.
pub fn for_published(pinned: bool) -> &'static str {
    if pinned {
        IMMUTABLE
    } else {
        PUBLISHED
    }
}

/// Whether the request's `If-None-Match` names `tag` (or `*`).
pub fn matches(headers: &HeaderMap, tag: &str) -> bool {
    headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.split(',')
                .map(|t| t.trim().trim_start_matches("W/"))
                .any(|t| t == tag || t == "*")
        })
}

/// Marks `response` as public: any origin may read it, caches may keep it as `cache_control`
/// says, revalidating with `tag` when given.
pub fn mark(response: &mut Response, cache_control: &'static str, tag: Option<&str>) {
    let headers = response.headers_mut();
    headers.insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(cache_control),
    );
    if let Some(value) = tag.and_then(|t| HeaderValue::from_str(t).ok()) {
        headers.insert(header::ETAG, value);
    }
}

/// Marks `response` as one reader's own (staff answers): never cached, and no
/// `Access-Control-Allow-Origin`, so no other site's script may read it.
pub fn keep_private(response: &mut Response) {
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(PRIVATE));
}

/// 304 with the caching headers when the client already holds `tag`; else `None`.
pub fn not_modified(
    headers: &HeaderMap,
    cache_control: &'static str,
    tag: &str,
) -> Option<Response> {
    matches(headers, tag).then(|| {
        let mut response = StatusCode::NOT_MODIFIED.into_response();
        mark(&mut response, cache_control, Some(tag));
        response
    })
}

/// A strong ETag made from a body's bytes (the first 96 bits of their SHA-256).
pub fn digest_tag(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let hex: String = digest[..12].iter().map(|b| format!("{b:02x}")).collect();
    format!("\"{hex}\"")
}

/// A public JSON body whose ETag is a digest of its bytes.
pub fn json<T: Serialize>(headers: &HeaderMap, body: &T, cache_control: &'static str) -> Response {
    let bytes = match serde_json::to_vec(body) {
        Ok(bytes) => bytes,
        Err(error) => {
            tracing::error!(error = %error, "serializing a response failed");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let tag = digest_tag(&bytes);
    if let Some(response) = not_modified(headers, cache_control, &tag) {
        return response;
    }
    let mut response = ([(header::CONTENT_TYPE, "application/json")], bytes).into_response();
    mark(&mut response, cache_control, Some(&tag));
    response
}
