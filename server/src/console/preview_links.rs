//! `/console/surveys/{slug}/preview-links`: brands' secret preview links — the list, a new one
//! (its address shown on the page that answers the form, once), and revoking one
//! (`…/{id}/revoke`). The rules are `koubei_core::authoring::preview_links`'.

use app::console::{
    render_preview_links, EmbargoWords, NewPreviewLink, PreviewLinksPage, ProblemPage,
};
use axum::extract::{Path, Query, Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use koubei_core::authoring::catalog::list_subjects;
use koubei_core::authoring::definition::Problem;
use koubei_core::authoring::preview_links::{self, DEFAULT_DAYS};
use koubei_core::authoring::{embargo, AuthoringError};
use serde::Deserialize;
use time::OffsetDateTime;

use super::page::{html, problem, read_fields, see_other, survey_with_title, unavailable, Staff};
use crate::app_state::AppState;
use crate::public_url::preview_url;

#[derive(Deserialize, Default)]
pub struct Done {
    #[serde(default)]
    done: String,
}

/// What the page says besides the list.
enum Outcome {
    Nothing,
    Created(NewPreviewLink),
    Notice(&'static str),
    Refused(&'static str),
}

/// The page, with what just happened.
async fn links_page(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    status: StatusCode,
    outcome: Outcome,
) -> Response {
    let (survey, _) = match survey_with_title(&state.db, staff, slug).await {
        Ok(found) => found,
        Err(answer) => return answer,
    };
    let loaded = async {
        let sector = list_subjects(&state.db, &survey.definition.sector).await?;
        let links = preview_links::list(&state.db, slug).await?;
        let pending = embargo::find(&state.db, slug).await?;
        Ok::<_, AuthoringError>((sector, links, pending))
    };
    let (sector, links, pending) = match loaded.await {
        Ok(found) => found,
        Err(error) => return unavailable(staff.locale, &error),
    };
    // The survey's subjects in its own order, with their names.
    let subjects = survey
        .definition
        .subjects
        .iter()
        .filter_map(|slug| sector.iter().find(|s| &s.slug == slug))
        .map(|s| (s.slug.clone(), s.name.zh_cn.clone(), s.name.en.clone()))
        .collect();
    let title = survey.definition.title.clone();
    let (created, notice, refusal) = match outcome {
        Outcome::Nothing => (None, None, None),
        Outcome::Created(made) => (Some(made), None, None),
        Outcome::Notice(text) => (None, Some(text.to_string()), None),
        Outcome::Refused(text) => (None, None, Some(text.to_string())),
    };
    html(
        status,
        render_preview_links(
            staff.locale,
            &staff.principal,
            &staff.here,
            PreviewLinksPage {
                slug: slug.to_string(),
                title_zh: title.zh_cn,
                title_en: title.en,
                subjects,
                links,
                created,
                notice,
                problem: refusal,
                public_from: pending.map(|e| e.publish_at_beijing),
            },
        ),
    )
}

pub async fn list(
    State(state): State<AppState>,
    staff: Staff,
    Path(slug): Path<String>,
    Query(done): Query<Done>,
) -> Response {
    let outcome = match done.done.as_str() {
        "revoked" => Outcome::Notice(EmbargoWords::for_locale(staff.locale).link_revoked_notice),
        _ => Outcome::Nothing,
    };
    links_page(&state, &staff, &slug, StatusCode::OK, outcome).await
}

pub async fn create(
    State(state): State<AppState>,
    staff: Staff,
    Path(slug): Path<String>,
    headers: HeaderMap,
    request: Request,
) -> Response {
    let fields = read_fields(request.into_body()).await;
    let words = EmbargoWords::for_locale(staff.locale);
    let days = match fields.get("days").trim() {
        "" => Some(DEFAULT_DAYS),
        text => text.parse::<i64>().ok(),
    };
    let made = match days {
        Some(days) => {
            preview_links::create(
                &state.db,
                &staff.principal.actor,
                &slug,
                fields.get("subject"),
                days,
                OffsetDateTime::now_utc(),
            )
            .await
        }
        None => Err(AuthoringError::Invalid(vec![
            koubei_core::authoring::definition::DefinitionProblem {
                field: "days".into(),
                problem: Problem::OutOfRange,
            },
        ])),
    };
    match made {
        Ok(made) => {
            let created = NewPreviewLink {
                subject_name_zh: made.link.subject_name_zh.clone(),
                subject_name_en: made.link.subject_name_en.clone(),
                url: preview_url(&state, &headers, &made.token),
                expires_at: made.link.expires_at.clone(),
            };
            links_page(
                &state,
                &staff,
                &slug,
                StatusCode::OK,
                Outcome::Created(created),
            )
            .await
        }
        Err(AuthoringError::Invalid(problems)) => {
            let text = if problems.iter().any(|p| p.field == "subject") {
                words.unknown_subject
            } else {
                words.days_out_of_range
            };
            let status = StatusCode::UNPROCESSABLE_ENTITY;
            links_page(&state, &staff, &slug, status, Outcome::Refused(text)).await
        }
        Err(AuthoringError::NotFound) => problem(staff.locale, ProblemPage::NotFound),
        Err(error) => unavailable(staff.locale, &error),
    }
}

pub async fn revoke(
    State(state): State<AppState>,
    staff: Staff,
    Path((slug, id)): Path<(String, String)>,
) -> Response {
    let links = match preview_links::list(&state.db, &slug).await {
        Ok(links) => links,
        Err(error) => return unavailable(staff.locale, &error),
    };
    // Only a link of this survey, so a URL cannot reach across surveys.
    if !links.iter().any(|link| link.id == id) {
        return problem(staff.locale, ProblemPage::NotFound);
    }
    let now = OffsetDateTime::now_utc();
    match preview_links::revoke(&state.db, &staff.principal.actor, &id, now).await {
        Ok(_) => see_other(&format!(
            "/console/surveys/{slug}/preview-links?done=revoked"
        )),
        Err(AuthoringError::NotFound) => problem(staff.locale, ProblemPage::NotFound),
        Err(error) => unavailable(staff.locale, &error),
    }
}
