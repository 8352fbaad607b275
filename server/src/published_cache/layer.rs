//! The middleware: which requests may be answered from memory, and how.

use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::encoding::{self, Encoding};
use super::store::Kept;
use crate::app_state::AppState;

/// The public views of published results and the pages that lead to them. Survey pages are
/// not here: each carries its own form token.
fn is_published_view(path: &str) -> bool {
    path == "/"
        || path == "/sectors"
        || path == "/oembed"
        || path == "/api/v1/sectors"
        || path == "/api/v1/surveys"
        || ["/sectors/", "/r/", "/charts/", "/embed/", "/badge/"]
            .iter()
            .any(|prefix| path.starts_with(prefix))
        || path.starts_with("/api/v1/sectors/")
        || (path.starts_with("/api/v1/surveys/") && !path.ends_with("/responses"))
}

/// Requests that change what public views show: the console and the staff API. Answers,
/// withdrawals and brand replies reach the public only through the next snapshot.
fn changes_public_views(method: &Method, path: &str) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
        && (path.starts_with("/console") || path.starts_with("/api/v1/staff"))
}

/// The key of a cacheable request, or `None`: only anonymous GETs of published views. The key
/// holds everything such a view is drawn from besides the database: the address, the origin
/// (host and scheme) it is linked under, the reader's language and large mode.
fn key_for(state: &AppState, request: &Request) -> Option<String> {
    let headers = request.headers();
    let path = request.uri().path();
    if request.method() != Method::GET
        || !is_published_view(path)
        || headers.contains_key(header::AUTHORIZATION)
        || app::http_request::request_headers(headers)
            .cookie(koubei_core::staff::sessions::SESSION_COOKIE)
            .is_some()
    {
        return None;
    }
    // The origin as pages and widgets write absolute addresses from it.
    let origin = crate::public_url::origin(state, headers);
    let locale = app::i18n::request_locale(headers).tag();
    let large = app::large_mode::chosen_by(headers);
    let address = request
        .uri()
        .path_and_query()
        .map_or(path, |pq| pq.as_str());
    Some(format!("{origin}|{locale}|{large}|{address}"))
}

/// Answers published views from memory; renders and keeps them on a miss; reads the public
/// version again after a request to the console or the staff API that may have changed it.
pub async fn serve(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let cache = &state.published_cache;
    if changes_public_views(request.method(), request.uri().path()) {
        let response = next.run(request).await;
        cache.check_again();
        return response;
    }
    let Some(key) = key_for(&state, &request) else {
        return next.run(request).await;
    };
    let Some(stamp) = cache.stamp(&state.db).await else {
        return next.run(request).await;
    };
    let asked = Asked::from(request.headers());
    if let Some(kept) = cache.get(&key, &stamp) {
        return answer(&kept, &asked);
    }
    if !cache.asked_before(&key) {
        return next.run(request).await;
    }
    let response = next.run(request).await;
    if !worth_keeping(&response) {
        return response;
    }
    let (parts, body) = response.into_parts();
    let body = match axum::body::to_bytes(body, usize::MAX).await {
        Ok(body) => body,
        Err(error) => {
            tracing::error!(error = %error, "reading a rendered view failed");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let kept =
        match tokio::task::spawn_blocking(move || keep(parts.status, parts.headers, body)).await {
            Ok(Ok(kept)) => Arc::new(kept),
            Ok(Err(error)) => {
                tracing::error!(error = %error, "compressing a rendered view failed");
                return StatusCode::INTERNAL_SERVER_ERROR.into_response();
            }
            Err(error) => {
                tracing::error!(error = %error, "compressing a rendered view panicked");
                return StatusCode::INTERNAL_SERVER_ERROR.into_response();
            }
        };
    cache.keep(key, &stamp, kept.clone());
    answer(&kept, &asked)
}

/// Only complete, public, successful answers that set nothing for one reader.
fn worth_keeping(response: &Response) -> bool {
    let headers = response.headers();
    let private = headers
        .get(header::CACHE_CONTROL)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("private") || v.contains("no-store"));
    response.status() == StatusCode::OK
        && !private
        && !headers.contains_key(header::SET_COOKIE)
        && !headers.contains_key(header::CONTENT_ENCODING)
        && headers.contains_key(header::CONTENT_TYPE)
}

/// The view in all its forms, with its own ETag or one made from its bytes.
fn keep(status: StatusCode, mut headers: HeaderMap, body: Bytes) -> std::io::Result<Kept> {
    for name in [
        header::CONTENT_LENGTH,
        header::TRANSFER_ENCODING,
        header::VARY,
    ] {
        headers.remove(name);
    }
    let etag = match headers.get(header::ETAG).and_then(|v| v.to_str().ok()) {
        Some(tag) => tag.to_string(),
        None => crate::caching::digest_tag(&body),
    };
    Ok(Kept {
        status,
        gzip: encoding::gzip(&body)?.into(),
        brotli: encoding::brotli(&body)?.into(),
        identity: body,
        headers,
        etag,
    })
}

/// What the reader holds and accepts.
struct Asked {
    if_none_match: HeaderMap,
    encoding: Encoding,
}

impl Asked {
    fn from(headers: &HeaderMap) -> Self {
        let mut if_none_match = HeaderMap::new();
        for value in headers.get_all(header::IF_NONE_MATCH) {
            if_none_match.append(header::IF_NONE_MATCH, value.clone());
        }
        Asked {
            if_none_match,
            encoding: encoding::preferred(
                headers
                    .get(header::ACCEPT_ENCODING)
                    .and_then(|v| v.to_str().ok()),
            ),
        }
    }
}

fn answer(kept: &Kept, asked: &Asked) -> Response {
    let mut headers = kept.headers.clone();
    if let Ok(tag) = HeaderValue::from_str(&kept.etag) {
        headers.insert(header::ETAG, tag);
    }
    headers.insert(header::VARY, HeaderValue::from_static("accept-encoding"));
    if crate::caching::matches(&asked.if_none_match, &kept.etag) {
        headers.remove(header::CONTENT_TYPE);
        let mut response = StatusCode::NOT_MODIFIED.into_response();
        response.headers_mut().extend(headers);
        return response;
    }
    let body = match asked.encoding {
        Encoding::Identity => kept.identity.clone(),
        Encoding::Gzip => kept.gzip.clone(),
        Encoding::Brotli => kept.brotli.clone(),
    };
    if let Some(coding) = asked.encoding.header() {
        headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(coding));
    }
    let mut response = Response::new(Body::from(body));
    *response.status_mut() = kept.status;
    *response.headers_mut() = headers;
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_views_are_cached_and_forms_are_not() {
        for path in [
            "/",
            "/sectors",
            "/sectors/dental-clinics",
            "/r/dental-clinics-2025",
            "/r/dental-clinics-2025/report",
            "/charts/dental-clinics-2025/ranking.svg",
            "/embed/dental-clinics-2025",
            "/badge/dental-clinics-2025/haochi-dental.svg",
            "/oembed",
            "/api/v1/surveys/dental-clinics-2025/results",
            "/api/v1/surveys/dental-clinics-2025/results.csv",
            "/api/v1/sectors",
        ] {
            assert!(is_published_view(path), "{path}");
        }
        for path in [
            "/s/dental-clinics-2026",
            "/my-answers",
            "/preview/abc",
            "/console",
            "/api/v1/staff/surveys",
            "/api/v1/nps",
            "/api/v1/surveys/x/responses",
            "/verify/abc",
            "/healthz",
            "/rx",
        ] {
            assert!(!is_published_view(path), "{path}");
        }
    }

    #[test]
    fn only_staff_writes_drop_the_kept_views() {
        assert!(changes_public_views(
            &Method::POST,
            "/console/surveys/x/publish"
        ));
        assert!(changes_public_views(
            &Method::PUT,
            "/api/v1/staff/surveys/x"
        ));
        assert!(!changes_public_views(&Method::GET, "/console"));
        assert!(!changes_public_views(&Method::POST, "/s/x"));
        assert!(!changes_public_views(
            &Method::POST,
            "/api/v1/surveys/x/responses"
        ));
    }
}
