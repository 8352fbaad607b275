//! `GET /api`: the API described for people — every operation of the OpenAPI document by area,
//! with who may call it — and links to the machine-readable document.

use app::i18n::Locale;
use axum::http::{header, HeaderMap};
use axum::response::{Html, IntoResponse, Response};

use super::{public, staff, Operation};
use crate::staff::policy::{access, Access};

use app::markup::escape_html as escape;

fn rows(locale: Locale, operations: &[Operation]) -> String {
    operations
        .iter()
        .map(|op| {
            let who = match access(&op.method, op.path) {
                Access::Staff(role) => {
                    format!("{} {}", locale.pick("工作人员：", "staff:"), role.as_str())
                }
                _ => locale.pick("公开", "public").to_string(),
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
    format!(
        "<h2>{}</h2><div class=\"table-scroll\"><table class=\"data-table\"><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>{}</tbody></table></div>",
        escape(title),
        locale.pick("方法", "Method"),
        locale.pick("路径", "Path"),
        locale.pick("说明", "What it does"),
        locale.pick("谁可调用", "Who may call it"),
        rows(locale, operations)
    )
}

pub async fn serve(headers: HeaderMap) -> Response {
    let locale = app::i18n::request_locale(&headers);
    let public_ops = public();
    let staff_ops = staff();
    let body = format!(
        "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{title}</title><link rel=\"stylesheet\" href=\"/pkg/koubei.css\"></head><body><main id=\"main\" class=\"page console-page\"><h1>{title}</h1><p>{intro}</p><ul class=\"compact-list\"><li><a href=\"/api/v1/openapi.json\">OpenAPI 3.1 (JSON)</a></li></ul><h2>{auth_title}</h2><p>{auth}</p><h2>{errors_title}</h2><p>{errors}</p>{public}{staff}</main></body></html>",
        lang = locale.tag(),
        title = locale.pick("口碑 API", "Koubei API"),
        intro = locale.pick(
            "公开数据（已发布的快照、调查、行业、结果）可任意来源以 GET 读取，带缓存与 ETag；提交接口供自助终端与合作方使用；工作人员接口用于脚本。",
            "Open data (published snapshots, surveys, sectors, results) can be read with GET from any origin, cached with ETags; the submission API serves kiosks and partners; the staff API serves scripts."
        ),
        auth_title = locale.pick("身份验证", "Authentication"),
        auth = locale.pick(
            "工作人员接口使用 <code>Authorization: Bearer &lt;令牌&gt;</code>（<code>koubei token create</code>），或工作台会话加上 <code>X-CSRF-Token</code> 请求头。无凭据返回 401，角色不足返回 403。",
            "Staff operations take <code>Authorization: Bearer &lt;token&gt;</code> (<code>koubei token create</code>), or a console session with the <code>X-CSRF-Token</code> header for changes. No credentials: 401; a role too low: 403."
        ),
        errors_title = locale.pick("错误", "Errors"),
        errors = locale.pick(
            "所有错误形如 <code>{\"error\": {\"code\", \"message\", \"field\"}}</code>，message 按 Accept-Language（zh-CN 或 en）给出。",
            "Every error is <code>{\"error\": {\"code\", \"message\", \"field\"}}</code>, the message in the language of Accept-Language (zh-CN or en)."
        ),
        public = table(locale, locale.pick("公开与提交接口", "Public and submission operations"), &public_ops),
        staff = table(locale, locale.pick("工作人员接口", "Staff operations"), &staff_ops),
    );
    ([(header::CACHE_CONTROL, "public, max-age=300")], Html(body)).into_response()
}
