//! Console moderation: the response browser, one response, and excluding or restoring it.

use crate::failure_status::HttpStatus;
use app::console::{
    render_response_detail, render_response_list, ProblemPage, ResponseDetail, ResponseList,
};
use axum::extract::{Path, Query, Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use domain::ExclusionReason;
use koubei_core::authoring::surveys;
use koubei_core::moderation::browse::{history, one, page};
use koubei_core::moderation::exclusions::{
    exclude as exclude_response, restore as restore_response,
};
use koubei_core::moderation::filter::FilterQuery;
use koubei_core::moderation::ModerationError;

use super::page::{html, problem, read_fields, see_other, unavailable, Staff};
use crate::app_state::AppState;
use app::console::ConsoleCatalog;

/// Rows per page in the browser.
const PAGE_SIZE: i64 = 50;

pub async fn list(
    State(state): State<AppState>,
    staff: Staff,
    Path(slug): Path<String>,
    Query(query): Query<FilterQuery>,
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
                .collect(),
            Err(error) => return unavailable(staff.locale, &error),
        };
    let themes =
        match koubei_core::themes::lexicon::of_sector(&state.db, &survey.definition.sector).await {
            Ok(themes) => themes
                .into_iter()
                .map(|t| {
                    let name = staff.locale.pick(&t.name_zh, &t.name_en).to_string();
                    (t.key, name)
                })
                .collect(),
            Err(error) => return unavailable(staff.locale, &error),
        };
    let (status, invalid_field, responses, next) = match query.parse() {
        Err(bad) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            Some(bad.field),
            Vec::new(),
            None,
        ),
        Ok(filter) => match page(
            &state.db,
            &survey.id,
            &filter,
            PAGE_SIZE + 1,
            staff.principal.role,
        )
        .await
        {
            Ok(mut rows) => {
                let more = rows.len() as i64 > PAGE_SIZE;
                rows.truncate(PAGE_SIZE as usize);
                let next = more.then(|| rows.last().map(|r| r.id.clone())).flatten();
                (StatusCode::OK, None, rows, next)
            }
            Err(error) => return unavailable(staff.locale, &error),
        },
    };
    let title = staff
        .locale
        .pick(&survey.definition.title.zh_cn, &survey.definition.title.en)
        .to_string();
    html(
        status,
        render_response_list(
            staff.locale,
            &staff.principal,
            &staff.here,
            ResponseList {
                survey_slug: slug,
                survey_title: title,
                subjects,
                themes,
                query,
                invalid_field,
                responses,
                next,
            },
        ),
    )
}

async fn detail_page(
    state: &AppState,
    staff: &Staff,
    id: &str,
    status: StatusCode,
    notice: Option<String>,
    refusal: Option<String>,
) -> Response {
    let found = match one(&state.db, id, staff.principal.role).await {
        Ok(Some(found)) => found,
        Ok(None) => return problem(staff.locale, ProblemPage::NotFound),
        Err(error) => return unavailable(staff.locale, &error),
    };
    let (survey_slug, response) = found;
    let loaded = async {
        let survey = surveys::load(&state.db, &survey_slug)
            .await
            .map_err(|e| e.to_string())?
            .ok_or_else(|| "survey vanished".to_string())?;
        let events = history(&state.db, id).await.map_err(|e| e.to_string())?;
        Ok::<_, String>((survey.status, events))
    };
    let (survey_status, events) = match loaded.await {
        Ok(loaded) => loaded,
        Err(error) => return unavailable(staff.locale, &error),
    };
    html(
        status,
        render_response_detail(
            staff.locale,
            &staff.principal,
            &staff.here,
            ResponseDetail {
                survey_slug,
                survey_status,
                response,
                history: events,
                notice,
                problem: refusal,
            },
        ),
    )
}

pub async fn show(State(state): State<AppState>, staff: Staff, Path(id): Path<String>) -> Response {
    detail_page(&state, &staff, &id, StatusCode::OK, None, None).await
}

fn refusal_text(staff: &Staff, error: &ModerationError) -> String {
    let t = staff.locale.console();
    match error {
        ModerationError::NoteRequired => t.note_required.into(),
        ModerationError::NoteTooLong => t.note_too_long.into(),
        ModerationError::AlreadyExcluded => t.already_excluded.into(),
        ModerationError::NotExcluded => t.not_excluded.into(),
        ModerationError::Withdrawn => t.withdrawn_by_respondent.into(),
        ModerationError::Frozen => t.published_frozen.into(),
        other => other.to_string(),
    }
}

async fn after_change(
    state: &AppState,
    staff: &Staff,
    id: &str,
    result: Result<(), ModerationError>,
) -> Response {
    match result {
        Ok(()) => see_other(&format!("/console/responses/{id}")),
        Err(ModerationError::NotFound) => problem(staff.locale, ProblemPage::NotFound),
        Err(ModerationError::Database(error)) => unavailable(staff.locale, &error),
        Err(error) => {
            let text = refusal_text(staff, &error);
            detail_page(state, staff, id, error.status(), None, Some(text)).await
        }
    }
}

pub async fn exclude(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<String>,
    request: Request,
) -> Response {
    let fields = read_fields(request.into_body()).await;
    let Some(reason) = ExclusionReason::parse_staff_choice(fields.get("reason")) else {
        let text = staff.locale.console().form_has_problems.to_string();
        return detail_page(
            &state,
            &staff,
            &id,
            StatusCode::UNPROCESSABLE_ENTITY,
            None,
            Some(text),
        )
        .await;
    };
    let result = exclude_response(
        &state.db,
        &staff.principal.actor,
        &id,
        reason,
        fields.get("note"),
    )
    .await;
    after_change(&state, &staff, &id, result).await
}

pub async fn restore(
    State(state): State<AppState>,
    staff: Staff,
    Path(id): Path<String>,
) -> Response {
    let result = restore_response(&state.db, &staff.principal.actor, &id).await;
    after_change(&state, &staff, &id, result).await
}
