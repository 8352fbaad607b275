//! `GET /oembed?url=…&format=json[&maxwidth=…&maxheight=…]`: oEmbed 1.0 for this host's public
//! results pages (`/r/{slug}`, `/r/{slug}/{N}`) — a "rich" answer whose HTML is the ranking
//! widget's iframe. 400 without a URL of this host, 404 for what is not published, 501 for
//! any format but JSON: each as the API's JSON error.

use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};

use super::messages::messages;
use super::page::escape;
use super::published::{load, Missing};
use crate::api::{ApiError, ApiQuery};
use crate::app_state::AppState;
use app::i18n::Locale;

const DEFAULT_WIDTH: u32 = 480;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct OEmbedQuery {
    url: Option<String>,
    format: Option<String>,
    maxwidth: Option<String>,
    maxheight: Option<String>,
}

#[derive(Serialize)]
struct OEmbed {
    version: &'static str,
    #[serde(rename = "type")]
    kind: &'static str,
    title: String,
    provider_name: &'static str,
    provider_url: String,
    cache_age: u32,
    html: String,
    width: u32,
    height: u32,
}

/// oEmbed consumers are programs: refusals are the API's JSON errors, in the reader's language.
fn refuse(status: StatusCode, code: &'static str, message: &str) -> Response {
    ApiError::plain(status, code, message).into_response()
}

/// A `/r/{slug}[/{N}]` URL of this host: its origin, slug and snapshot number.
struct ResultsUrl {
    origin: String,
    slug: String,
    snapshot: Option<String>,
}

/// Why a URL gets no embed: not ours (400), or ours but not a results page (404).
enum Unusable {
    Foreign,
    NotResults,
}

impl Unusable {
    fn refusal(self, locale: Locale) -> Response {
        let words = messages(locale);
        match self {
            Unusable::Foreign => refuse(
                StatusCode::BAD_REQUEST,
                "foreign_url",
                words.oembed_url_foreign,
            ),
            Unusable::NotResults => not_found(locale),
        }
    }
}

fn not_found(locale: Locale) -> Response {
    refuse(
        StatusCode::NOT_FOUND,
        "not_found",
        messages(locale).oembed_not_found,
    )
}

fn parse_url(raw: &str, host: &str) -> Result<ResultsUrl, Unusable> {
    let foreign = || Unusable::Foreign;
    let url = url::Url::parse(raw).map_err(|_| foreign())?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(foreign());
    }
    let authority = match (url.host_str(), url.port()) {
        (Some(h), Some(p)) => format!("{h}:{p}"),
        (Some(h), None) => h.to_string(),
        _ => return Err(foreign()),
    };
    if !authority.eq_ignore_ascii_case(host) {
        return Err(foreign());
    }
    let segments: Vec<&str> = url
        .path()
        .trim_end_matches('/')
        .split('/')
        .skip(1)
        .collect();
    let (slug, snapshot) = match segments.as_slice() {
        ["r", slug] => (*slug, None),
        ["r", slug, number] => (*slug, Some(number.to_string())),
        _ => return Err(Unusable::NotResults),
    };
    Ok(ResultsUrl {
        origin: url.origin().ascii_serialization(),
        slug: slug.to_string(),
        snapshot,
    })
}

fn dimension(text: Option<&str>) -> Option<u32> {
    text.and_then(|t| t.trim().parse::<u32>().ok())
        .filter(|v| *v > 0)
}

pub async fn show(
    State(state): State<AppState>,
    ApiQuery(query): ApiQuery<OEmbedQuery>,
    headers: HeaderMap,
) -> Response {
    let locale = app::i18n::request_locale(&headers);
    let words = messages(locale);
    if query.format.as_deref().is_some_and(|f| f != "json") {
        return refuse(
            StatusCode::NOT_IMPLEMENTED,
            "unsupported_format",
            words.oembed_format,
        );
    }
    let Some(raw) = query.url.as_deref().filter(|u| !u.is_empty()) else {
        return refuse(
            StatusCode::BAD_REQUEST,
            "url_required",
            words.oembed_url_required,
        );
    };
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or_default();
    let target = match parse_url(raw, host) {
        Ok(target) => target,
        Err(unusable) => return unusable.refusal(locale),
    };
    let published = match load(&state, &target.slug, target.snapshot.as_deref()).await {
        Ok(published) => published,
        Err(Missing::NotFound) => return not_found(locale),
        Err(Missing::Failed) => return ApiError::unavailable(locale).into_response(),
    };
    let results = &published.snapshot.results;
    let width =
        dimension(query.maxwidth.as_deref()).map_or(DEFAULT_WIDTH, |max| max.min(DEFAULT_WIDTH));
    // Title, header row, one row per subject, the held-back heading and the footer.
    let rows = u32::try_from(results.subjects.len()).unwrap_or(u32::MAX);
    let held_back = u32::from(results.held_back().next().is_some());
    let natural = 90u32
        .saturating_add(rows.saturating_mul(27))
        .saturating_add(held_back * 30);
    let height = dimension(query.maxheight.as_deref()).map_or(natural, |max| max.min(natural));
    let title = if results.title_en.is_empty() {
        results.title_zh.clone()
    } else {
        format!("{} · {}", results.title_zh, results.title_en)
    };
    let src = match &target.snapshot {
        Some(_) => format!(
            "{}/embed/{}?snapshot={}",
            target.origin, published.survey.slug, published.snapshot.number
        ),
        None => format!("{}/embed/{}", target.origin, published.survey.slug),
    };
    let html = format!(
        "<iframe src=\"{}\" width=\"{width}\" height=\"{height}\" style=\"border:0\" title=\"{}\" loading=\"lazy\"></iframe>",
        escape(&src),
        escape(&title)
    );
    let body = OEmbed {
        version: "1.0",
        kind: "rich",
        title,
        provider_name: "Koubei 口碑",
        provider_url: format!("{}/", target.origin),
        cache_age: 300,
        html,
        width,
        height,
    };
    (
        [(
            header::CACHE_CONTROL,
            crate::caching::for_published(target.snapshot.is_some()),
        )],
        Json(body),
    )
        .into_response()
}
