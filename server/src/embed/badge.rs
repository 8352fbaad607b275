//! `GET /badge/{slug}/{subject}.svg`: a static README-style badge — subject name on the left,
//! "NPS 42 [37, 46] · date" on the right. Text is XML-escaped; widths are estimated per character
//! (CJK glyphs are about twice as wide as Latin ones).

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};

use super::messages::{messages, name};
use super::page::escape;
use super::published::{date, load, nps_with_interval, verify_url, Missing, WidgetQuery};
use crate::api::ApiQuery;
use crate::app_state::AppState;
use domain::results::ResultStatus;

const FONTS: &str =
    "Verdana,DejaVu Sans,PingFang SC,Hiragino Sans GB,Microsoft YaHei,Noto Sans CJK SC,sans-serif";

pub async fn show(
    State(state): State<AppState>,
    Path((slug, file)): Path<(String, String)>,
    ApiQuery(query): ApiQuery<WidgetQuery>,
    headers: HeaderMap,
) -> Response {
    let locale = query.locale(&headers);
    let Some(subject) = file.strip_suffix(".svg") else {
        return Missing::NotFound.respond(locale);
    };
    let published = match load(&state, &slug, query.snapshot.as_deref()).await {
        Ok(published) => published,
        Err(missing) => return missing.respond(locale),
    };
    let Some(result) = published
        .snapshot
        .results
        .subjects
        .iter()
        .find(|s| s.subject == subject)
    else {
        return Missing::NotFound.respond(locale);
    };
    let label = name(locale, &result.name_zh, &result.name_en);
    let score = match result.status {
        ResultStatus::Ranked => format!(
            "NPS {}",
            nps_with_interval(result.nps, result.ci_low, result.ci_high)
        ),
        ResultStatus::InsufficientSample => messages(locale).insufficient_sample.to_string(),
    };
    let value = format!("{score} · {}", date(&published.snapshot));
    let verify = verify_url(&state, &headers, &published, result);
    (
        [
            (header::CONTENT_TYPE, "image/svg+xml; charset=utf-8"),
            (
                header::CACHE_CONTROL,
                crate::caching::for_published(query.pinned()),
            ),
        ],
        svg(label, &value, messages(locale).verify, &verify),
    )
        .into_response()
}

/// Estimated width in pixels of `text` at 11px.
fn text_width(text: &str) -> u32 {
    text.chars()
        .map(|c| if c.is_ascii() { 7 } else { 12 })
        .sum()
}

/// The badge: name, score and a third part that says "verify", the whole a link to the page
/// that checks its signed statement (clickable where the SVG is opened or inlined; an `<img>`
/// is wrapped in the same link by the embed code).
fn svg(label: &str, value: &str, verify: &str, verify_url: &str) -> String {
    let left = text_width(label) + 12;
    let right = text_width(value) + 12;
    let check = text_width(verify) + 24;
    let total = left + right + check;
    let (label, value, verify, href) = (
        escape(label),
        escape(value),
        escape(verify),
        escape(verify_url),
    );
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"{total}\" height=\"20\" role=\"img\" aria-label=\"{label}: {value} ({verify})\"><title>{label}: {value} ({verify})</title>\
<a href=\"{href}\" xlink:href=\"{href}\" target=\"_blank\">\
<linearGradient id=\"s\" x2=\"0\" y2=\"100%\"><stop offset=\"0\" stop-color=\"#bbb\" stop-opacity=\".1\"/><stop offset=\"1\" stop-opacity=\".1\"/></linearGradient>\
<clipPath id=\"r\"><rect width=\"{total}\" height=\"20\" rx=\"3\" fill=\"#fff\"/></clipPath>\
<g clip-path=\"url(#r)\"><rect width=\"{left}\" height=\"20\" fill=\"#555\"/><rect x=\"{left}\" width=\"{right}\" height=\"20\" fill=\"#0b5cad\"/><rect x=\"{check_x}\" width=\"{check}\" height=\"20\" fill=\"#2e7d32\"/><rect width=\"{total}\" height=\"20\" fill=\"url(#s)\"/></g>\
<g fill=\"#fff\" font-family=\"{FONTS}\" font-size=\"11\"><text x=\"6\" y=\"14\">{label}</text><text x=\"{x}\" y=\"14\">{value}</text><text x=\"{verify_x}\" y=\"14\">\u{2713} {verify}</text></g></a></svg>",
        x = left + 6,
        check_x = left + right,
        verify_x = left + right + 6,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn badge_text_is_escaped_and_cjk_is_wider() {
        let badge = svg(
            "A&B <诊所>",
            "NPS 42 [37, 46]",
            "验证",
            "http://x/verify/a.b?c&d",
        );
        assert!(badge.contains("A&amp;B &lt;诊所&gt;"));
        assert!(badge.contains("href=\"http://x/verify/a.b?c&amp;d\""));
        assert!(text_width("诊所") > text_width("ab"));
    }
}
