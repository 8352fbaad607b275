//! `GET /console/surveys/{slug}/embed`: the embed-code generator.

use app::console::{render_embed_code, EmbedCode, ProblemPage};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
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
    let origin = crate::public_url::origin(&state, &headers);
    let published = survey.status == SurveyStatus::Published;
    let verify_url = if published && !subject.is_empty() {
        match signed_verify_url(&state, &headers, &survey.id, &slug, &subject).await {
            Ok(url) => url,
            Err(error) => return unavailable(staff.locale, &error),
        }
    } else {
        None
    };
    html(
        StatusCode::OK,
        render_embed_code(
            staff.locale,
            &staff.principal,
            &staff.here,
            EmbedCode {
                published,
                verify_url,
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

/// The verify address of the badge of `subject` in the survey's latest snapshot.
async fn signed_verify_url(
    state: &AppState,
    headers: &HeaderMap,
    survey_id: &str,
    slug: &str,
    subject: &str,
) -> Result<Option<String>, koubei_core::results::ResultsError> {
    let Some(snapshot) = koubei_core::results::snapshots::find(&state.db, survey_id, None).await?
    else {
        return Ok(None);
    };
    Ok(snapshot
        .results
        .subjects
        .iter()
        .find(|s| s.subject == subject)
        .map(|result| {
            let statement = koubei_core::results::statement::statement_of(slug, &snapshot, result);
            crate::public_url::verify_url(state, headers, &state.badge_key.sign(&statement))
        }))
}
