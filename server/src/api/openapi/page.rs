//! `GET /api`: the API described for people — every operation of the OpenAPI document by area,
//! with who may call it — and links to the machine-readable document.

use app::i18n::Locale;
use axum::http::{header, HeaderMap};
use axum::response::{Html, IntoResponse, Response};

use super::{public, staff, Operation};
use crate::staff::policy::{access, Access};

use app::markup::escape_html as escape;

/// The page's words (the operations' summaries are the document's, in English).
struct PageWords {
    staff_prefix: &'static str,
    public: &'static str,
    col_method: &'static str,
    col_path: &'static str,
    col_what: &'static str,
    col_who: &'static str,
    title: &'static str,
    intro: &'static str,
    auth_title: &'static str,
    auth: &'static str,
    errors_title: &'static str,
    errors: &'static str,
    public_ops: &'static str,
    staff_ops: &'static str,
}

static ZH_CN: PageWords = PageWords {
    staff_prefix: "工作人员：",
    public: "公开",
    col_method: "方法",
    col_path: "路径",
    col_what: "说明",
    col_who: "谁可调用",
    title: "口碑 API",
    intro: "公开数据（已发布的快照、调查、行业、结果）可任意来源以 GET 读取，带缓存与 ETag；提交接口供自助终端与合作方使用；工作人员接口用于脚本。",
    auth_title: "身份验证",
    auth: "工作人员接口使用 <code>Authorization: Bearer &lt;令牌&gt;</code>（<code>koubei token create</code>），或工作台会话加上 <code>X-CSRF-Token</code> 请求头。无凭据返回 401，角色不足返回 403。",
    errors_title: "错误",
    errors: "所有错误形如 <code>{\"error\": {\"code\", \"message\", \"field\"}}</code>，message 按 Accept-Language（zh-CN 或 en）给出。",
    public_ops: "公开与提交接口",
    staff_ops: "工作人员接口",
};

static EN: PageWords = PageWords {
    staff_prefix: "staff:",
    public: "public",
    col_method: "Method",
    col_path: "Path",
    col_what: "What it does",
    col_who: "Who may call it",
    title: "Koubei API",
    intro: "Open data (published snapshots, surveys, sectors, results) can be read with GET from any origin, cached with ETags; the submission API serves kiosks and partners; the staff API serves scripts.",
    auth_title: "Authentication",
    auth: "Staff operations take <code>Authorization: Bearer &lt;token&gt;</code> (<code>koubei token create</code>), or a console session with the <code>X-CSRF-Token</code> header for changes. No credentials: 401; a role too low: 403.",
    errors_title: "Errors",
    errors: "Every error is <code>{\"error\": {\"code\", \"message\", \"field\"}}</code>, the message in the language of Accept-Language (zh-CN or en).",
    public_ops: "Public and submission operations",
    staff_ops: "Staff operations",
};

fn words(locale: Locale) -> &'static PageWords {
    match locale {
        Locale::ZhCn => &ZH_CN,
        Locale::En => &EN,
    }
}

fn rows(locale: Locale, operations: &[Operation]) -> String {
    let words = words(locale);
    operations
        .iter()
        .map(|op| {
            let who = match access(&op.method, op.path) {
                Access::Staff(role) => {
                    format!("{} {}", words.staff_prefix, role.as_str())
                }
                _ => words.public.to_string(),
            };
            format!(
                "<tr><td><code>{}</code></td><td><code>{}</code></td><td>{}</td><td>{}</td></tr>",
                op.method,
                escape(op.path),
                escape(op.summary),
                escape(&who)
            )
        })
        .collect()
}

fn table(locale: Locale, title: &str, operations: &[Operation]) -> String {
    let words = words(locale);
    format!(
        "<h2>{}</h2><div class=\"table-scroll\"><table class=\"data-table\"><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>{}</tbody></table></div>",
        escape(title),
        words.col_method,
        words.col_path,
        words.col_what,
        words.col_who,
        rows(locale, operations)
    )
}

pub async fn serve(headers: HeaderMap) -> Response {
    let locale = app::i18n::request_locale(&headers);
    let words = words(locale);
    let public_ops = public();
    let staff_ops = staff();
    let body = format!(
        "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{title}</title><link rel=\"stylesheet\" href=\"/pkg/koubei.css\"></head><body><main id=\"main\" class=\"page console-page\"><h1>{title}</h1><p>{intro}</p><ul class=\"compact-list\"><li><a href=\"/api/v1/openapi.json\">OpenAPI 3.1 (JSON)</a></li></ul><h2>{auth_title}</h2><p>{auth}</p><h2>{errors_title}</h2><p>{errors}</p>{public}{staff}</main></body></html>",
        lang = locale.tag(),
        title = words.title,
        intro = words.intro,
        auth_title = words.auth_title,
        auth = words.auth,
        errors_title = words.errors_title,
        errors = words.errors,
        public = table(locale, words.public_ops, &public_ops),
        staff = table(locale, words.staff_ops, &staff_ops),
    );
    ([(header::CACHE_CONTROL, "public, max-age=300")], Html(body)).into_response()
}
