//! `GET /embed/{slug}`: a sector's ranking as a compact table (rank interval, subject, tier,
//! NPS and its interval, n), with the subjects too small to rank listed apart.

use std::fmt::Write;

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;

use super::messages::{messages, name};
use super::page::{document, escape};
use super::published::{load, nps_with_interval, rank_interval, WidgetQuery};
use crate::api::ApiQuery;
use crate::app_state::AppState;

pub async fn show(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    ApiQuery(query): ApiQuery<WidgetQuery>,
    headers: HeaderMap,
) -> Response {
    let locale = query.locale(&headers);
    let published = match load(&state, &slug, query.snapshot.as_deref()).await {
        Ok(published) => published,
        Err(missing) => return missing.respond(locale),
    };
    let t = messages(locale);
    let results = &published.snapshot.results;
    let title = name(locale, &results.title_zh, &results.title_en).to_string();
    let mut body = format!(
        "<h1>{}</h1><table data-testid=\"koubei-ranking\"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
        escape(&title),
        t.rank,
        t.subject,
        t.tier,
        t.nps,
        t.responses
    );
    for subject in results.ranked() {
        let _ = write!(
            body,
            "<tr><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            rank_interval(subject.rank_low, subject.rank_high),
            escape(name(locale, &subject.name_zh, &subject.name_en)),
            subject.tier.map(|t| t.to_string()).unwrap_or_default(),
            nps_with_interval(subject.nps, subject.ci_low, subject.ci_high),
            subject.n
        );
    }
    body.push_str("</tbody></table>");
    let mut held_back = results.held_back().peekable();
    if held_back.peek().is_some() {
        let _ = write!(body, "<h2>{}</h2><table><tbody>", t.held_back_heading);
        for subject in held_back {
            let _ = write!(
                body,
                "<tr><td>{}</td><td class=\"n\">n = {}</td></tr>",
                escape(name(locale, &subject.name_zh, &subject.name_en)),
                subject.n
            );
        }
        body.push_str("</tbody></table>");
    }
    document(
        &published,
        locale,
        query.theme(),
        &title,
        &body,
        query.pinned(),
    )
}
