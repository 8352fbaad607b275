//! The frame around both iframe widgets: a complete small HTML page with inline CSS, the link
//! to the full results, and the few lines that tell the parent page the widget's height.

use std::sync::OnceLock;

use app::i18n::Locale;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use base64::Engine;
use sha2::{Digest, Sha256};

use super::messages::messages;
use super::published::{date, Published, Theme};

/// Posts `{type: "koubei:height", height}` to the parent on load and on every resize.
pub const HEIGHT_SCRIPT: &str = "(function(){function p(){parent.postMessage({type:\"koubei:height\",height:Math.ceil(document.documentElement.getBoundingClientRect().height)},\"*\")}addEventListener(\"load\",p);addEventListener(\"resize\",p);if(window.ResizeObserver)new ResizeObserver(p).observe(document.documentElement)})()";

/// The CSP source allowing exactly [`HEIGHT_SCRIPT`] (`'sha256-…'`).
pub fn height_script_source() -> &'static str {
    static SOURCE: OnceLock<String> = OnceLock::new();
    SOURCE.get_or_init(|| {
        format!(
            "'sha256-{}'",
            base64::engine::general_purpose::STANDARD
                .encode(Sha256::digest(HEIGHT_SCRIPT.as_bytes()))
        )
    })
}

const CSS: &str = "*{box-sizing:border-box}body{margin:0;font:14px/1.4 system-ui,-apple-system,\"PingFang SC\",\"Hiragino Sans GB\",\"Microsoft YaHei\",\"Noto Sans CJK SC\",sans-serif;color:var(--fg);background:var(--bg)}\
.k{padding:10px 12px;border:1px solid var(--line);border-radius:6px}\
.light{--fg:#1a1a1a;--muted:#5c5c5c;--bg:#fff;--line:#ddd;--accent:#0b5cad}\
.dark{--fg:#eee;--muted:#aaa;--bg:#17191c;--line:#3a3d42;--accent:#7db8f5}\
h1{font-size:15px;margin:0 0 6px}h2{font-size:13px;margin:10px 0 4px;color:var(--muted)}\
table{width:100%;border-collapse:collapse}th,td{padding:3px 4px;text-align:left;border-bottom:1px solid var(--line)}\
th{font-weight:600;color:var(--muted);font-size:12px}td.n{text-align:right;font-variant-numeric:tabular-nums}\
.big{font-size:28px;font-weight:700}dl{display:grid;grid-template-columns:auto 1fr;gap:2px 10px;margin:6px 0}dt{color:var(--muted)}dd{margin:0}\
.reply{margin:8px 0;padding-left:8px;border-left:3px solid var(--line)}.reply h2{margin:0 0 2px}.reply p{margin:0;white-space:pre-line;overflow-wrap:anywhere}\
footer{margin-top:8px;font-size:12px;color:var(--muted);display:flex;justify-content:space-between;gap:8px;flex-wrap:wrap}a{color:var(--accent)}";

/// Escapes text for HTML content and attribute values.
pub use app::markup::escape_html as escape;

/// The public results page a widget links to (`/r/{slug}/{N}`).
pub fn results_path(published: &Published) -> String {
    format!("/r/{}/{}", published.survey.slug, published.snapshot.number)
}

/// A whole widget page around `body`.
pub fn document(
    published: &Published,
    locale: Locale,
    theme: Theme,
    title: &str,
    body: &str,
    pinned: bool,
) -> Response {
    let t = messages(locale);
    let html = format!(
        "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><meta name=\"robots\" content=\"noindex\"><title>{title}</title><style>{CSS}</style></head>\
<body class=\"{theme}\"><div class=\"k\" data-testid=\"koubei-widget\">{body}<footer><span>{published_word} {date} · {snapshot_word} {number}</span><a href=\"{link}\" target=\"_blank\" rel=\"noopener\">{methodology}</a></footer></div><script>{HEIGHT_SCRIPT}</script></body></html>",
        lang = locale.tag(),
        title = escape(title),
        theme = theme.tag(),
        published_word = t.published,
        date = escape(date(&published.snapshot)),
        snapshot_word = t.snapshot,
        number = published.snapshot.number,
        link = escape(&results_path(published)),
        methodology = t.methodology,
    );
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, crate::caching::for_published(pinned)),
        ],
        html,
    )
        .into_response()
}
