//! `GET /embed.js`: the loader a site includes. Convention: the `<script>` tag itself says what
//! to show, and the widget's iframe is inserted right after it:
//!
//! ```html
//! <script src="https://host/embed.js" data-koubei-survey="dental-clinics-2025"
//!         data-koubei-subject="optional-subject" data-theme="light|dark" data-lang="zh-CN|en"
//!         data-snapshot="optional N" async></script>
//! ```
//!
//! The iframe grows to the height the widget posts (`{type: "koubei:height", height}`),
//! accepted only from the widget's own origin and window.

use axum::http::header;
use axum::response::IntoResponse;

const SCRIPT: &str = r#"(function () {
  var s = document.currentScript;
  if (!s || !s.dataset.koubeiSurvey) return;
  var origin = new URL(s.src, location.href).origin;
  var path = "/embed/" + encodeURIComponent(s.dataset.koubeiSurvey);
  if (s.dataset.koubeiSubject) path += "/" + encodeURIComponent(s.dataset.koubeiSubject);
  var query = [];
  ["theme", "lang", "snapshot"].forEach(function (key) {
    if (s.dataset[key]) query.push(key + "=" + encodeURIComponent(s.dataset[key]));
  });
  var frame = document.createElement("iframe");
  frame.src = origin + path + (query.length ? "?" + query.join("&") : "");
  frame.title = s.dataset.title || "Koubei NPS";
  frame.height = "150";
  frame.style.cssText = "display:block;width:100%;max-width:640px;border:0";
  frame.setAttribute("data-koubei-frame", "");
  s.parentNode.insertBefore(frame, s.nextSibling);
  window.addEventListener("message", function (event) {
    if (event.origin !== origin || event.source !== frame.contentWindow) return;
    var data = event.data;
    if (!data || data.type !== "koubei:height" || typeof data.height !== "number") return;
    if (!(data.height > 0 && data.height < 10000)) return;
    frame.height = String(Math.ceil(data.height));
  });
})();
"#;

pub async fn serve() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
            (header::ACCESS_CONTROL_ALLOW_ORIGIN, "*"),
        ],
        SCRIPT,
    )
}
