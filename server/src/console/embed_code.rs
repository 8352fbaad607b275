//! `GET /console/surveys/{slug}/embed`: the embed-code generator.

use app::console::{render_embed_code, EmbedCode, ProblemPage};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::Response;
use domain::SurveyStatus;
use koubei_core::authoring::surveys;
use serde::Deserialize;

use super::page::{html, problem, unavailable, Staff};
use crate::app_state::AppState;

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct EmbedQuery {
    subject: String,
    theme: String,
    lang: String,
}

pub async fn show(
    State(state): State<AppState>,
    staff: Staff,
    Path(slug): Path<String>,
    Query(query): Query<EmbedQuery>,
    headers: HeaderMap,
) -> Response {
    let survey = match surveys::load(&state.db, &slug).await {
        Ok(Some(survey)) => survey,
        Ok(None) => return problem(staff.locale, ProblemPage::NotFound),
        Err(error) => return unavailable(staff.locale, &error),
    };
    let subjects =
        match koubei_core::authoring::catalog::list_subjects(&state.db, &survey.definition.sector)
            .await
        {
            Ok(all) => all
                .into_iter()
                .filter(|s| survey.definition.subjects.contains(&s.slug))
                .map(|s| {
                    let name = staff.locale.pick(&s.name.zh_cn, &s.name.en).to_string();
                    (s.slug, name)
                })
                .collect::<Vec<_>>(),
            Err(error) => return unavailable(staff.locale, &error),
        };
    // Only known values reach the snippet, so it never carries what was typed into the URL.
    let subject = subjects
        .iter()
        .find(|(s, _)| *s == query.subject)
        .map(|(s, _)| s.clone())
        .unwrap_or_default();
    let theme = if query.theme == "dark" {
        "dark"
    } else {
        "light"
    };
    let lang = if query.lang == "en" {
        "en"
    } else if query.lang == "zh-CN" {
        "zh-CN"
    } else {
        staff.locale.tag()
    };
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("localhost");
    let origin = format!(
        "{}://{host}",
        if state.served_over_https(&headers) {
            "https"
        } else {
            "http"
        }
    );
    html(
        StatusCode::OK,
        render_embed_code(
            staff.locale,
            &staff.principal,
            &staff.here,
            EmbedCode {
                published: survey.status == SurveyStatus::Published,
                survey: slug,
                subjects,
                subject,
                theme: theme.to_string(),
                lang: lang.to_string(),
                origin,
            },
        ),
    )
}
