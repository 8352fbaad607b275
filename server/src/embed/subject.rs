//! `GET /embed/{slug}/{subject}`: one subject's score card — NPS, interval, n, tier and rank
//! interval, or "insufficient sample".

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use domain::results::ResultStatus;

use super::messages::{messages, name};
use super::page::{document, escape};
use super::published::{interval, load, rank_interval, verify_url, whole, Missing, WidgetQuery};
use crate::api::ApiQuery;
use crate::app_state::AppState;

pub async fn show(
    State(state): State<AppState>,
    Path((slug, subject)): Path<(String, String)>,
    ApiQuery(query): ApiQuery<WidgetQuery>,
    headers: HeaderMap,
) -> Response {
    let locale = query.locale(&headers);
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
    let t = messages(locale);
    let results = &published.snapshot.results;
    let subject_name = name(locale, &result.name_zh, &result.name_en);
    let sector = name(locale, &results.title_zh, &results.title_en);
    let mut body = format!(
        "<h1>{}</h1><h2>{}</h2>",
        escape(subject_name),
        escape(sector)
    );
    let interval = interval(result.ci_low, result.ci_high);
    let nps = result.nps.map(whole).unwrap_or_else(|| "–".to_string());
    match result.status {
        ResultStatus::Ranked => body.push_str(&format!(
            "<div class=\"big\" data-testid=\"koubei-nps\">{} {nps}</div><dl><dt>{}</dt><dd>{interval}</dd><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}</dd></dl>",
            t.nps,
            t.interval,
            t.responses,
            result.n,
            t.tier,
            result.tier.map(|t| t.to_string()).unwrap_or_default(),
            t.rank_interval,
            rank_interval(result.rank_low, result.rank_high),
        )),
        ResultStatus::InsufficientSample => body.push_str(&format!(
            "<div class=\"big\" data-testid=\"koubei-nps\">{}</div><dl><dt>{}</dt><dd>{}</dd></dl>",
            t.insufficient_sample, t.responses, result.n
        )),
    }
    // The brand's approved reply, as frozen in the snapshot: escaped text, never markup.
    if let Some(reply) = &result.reply {
        let (text, lang) = reply.text_for(locale);
        body.push_str(&format!(
            "<section class=\"reply\" data-testid=\"koubei-reply\"><h2>{}</h2><p lang=\"{lang}\">{}</p></section>",
            app::pages::ReplyWords::for_locale(locale).see_reply,
            escape(text)
        ));
    }
    body.push_str(&format!(
        "<p><a href=\"{}\" target=\"_blank\" rel=\"noopener\" data-testid=\"koubei-verify\">\u{2713} {}</a></p>",
        escape(&verify_url(&state, &headers, &published, result)),
        t.verify
    ));
    let title = format!("{subject_name} · {sector}");
    document(
        &published,
        locale,
        query.theme(),
        &title,
        &body,
        query.pinned(),
    )
}
