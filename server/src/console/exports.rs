//! Console downloads: a survey's responses (with the browser's filter) or results, as CSV or
//! XLSX — the same tables as the staff API and `koubei responses export`.

use app::console::ProblemPage;
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use koubei_core::authoring::surveys;
use koubei_core::db::results::survey_results_now;
use koubei_core::exports::{render, responses_table, results_table, ExportFormat};
use koubei_core::moderation::filter::FilterQuery;

use super::page::{problem, unavailable, Staff};
use crate::app_state::AppState;
use app::console::ConsoleCatalog;

pub async fn download(
    State(state): State<AppState>,
    staff: Staff,
    Path((slug, file)): Path<(String, String)>,
    Query(query): Query<FilterQuery>,
) -> Response {
    let Some((what, format)) = file
        .split_once('.')
        .and_then(|(what, ext)| Some((what.to_string(), ExportFormat::parse(ext)?)))
        .filter(|(what, _)| what == "responses" || what == "results")
    else {
        return problem(staff.locale, ProblemPage::NotFound);
    };
    let survey = match surveys::load(&state.db, &slug).await {
        Ok(Some(survey)) => survey,
        Ok(None) => return problem(staff.locale, ProblemPage::NotFound),
        Err(error) => return unavailable(staff.locale, &error),
    };
    let Ok(filter) = query.parse() else {
        return (
            StatusCode::UNPROCESSABLE_ENTITY,
            staff.locale.console().filter_invalid,
        )
            .into_response();
    };
    let table = if what == "responses" {
        responses_table(&state.db, &survey.id, &filter, staff.principal.role).await
    } else {
        let interval = &survey.definition.interval;
        let level = stats::Level::new(interval.level).unwrap_or_default();
        let min_n = u64::try_from(survey.definition.min_n).unwrap_or(1);
        let computed = async {
            let results =
                survey_results_now(&state.db, &survey.id, interval.method, level, min_n).await?;
            let report = koubei_core::moderation::ledger::ledger(&state.db, &survey.id).await?;
            Ok::<_, koubei_core::db::DatabaseError>(results_table(&results, Some(&report)))
        };
        computed.await.map_err(Into::into)
    };
    let bytes = match table.and_then(|table| render(&table, format, &format!("{slug} {what}"))) {
        Ok(bytes) => bytes,
        Err(error) => return unavailable(staff.locale, &error),
    };
    (
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, format.content_type().to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!(
                    "attachment; filename=\"{slug}-{what}.{}\"",
                    format.extension()
                ),
            ),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        bytes,
    )
        .into_response()
}
