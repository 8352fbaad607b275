//! `GET /api/v1/staff/surveys/{slug}/export/{file}`: `responses.csv`, `responses.xlsx` (with
//! the responses filter in the query string), `results.csv`, `results.xlsx` — as a download.

use app::i18n::Locale;
use axum::extract::{Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use koubei_core::db::results::survey_results_now;
use koubei_core::exports::{self, ExportError, ExportFormat};
use koubei_core::moderation::filter::FilterQuery;
use koubei_core::staff::Principal;
use stats::Level;

use super::json::{self, Lang, Params, Refusal, Reply};
use super::messages::staff_api;
use super::surveys::find;
use crate::app_state::AppState;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Content {
    Responses,
    Results,
}

impl Content {
    fn name(self) -> &'static str {
        match self {
            Content::Responses => "responses",
            Content::Results => "results",
        }
    }
}

/// `responses.csv` and the like; anything else is no export of ours.
fn parse_file(file: &str) -> Option<(Content, ExportFormat)> {
    let (name, extension) = file.split_once('.')?;
    let content = match name {
        "responses" => Content::Responses,
        "results" => Content::Results,
        _ => return None,
    };
    let format = ExportFormat::parse(extension).filter(|f| f.extension() == extension)?;
    Some((content, format))
}

pub async fn download(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    Lang(locale): Lang,
    Path((slug, file)): Path<(String, String)>,
    Params(query): Params<FilterQuery>,
) -> Reply<Response> {
    let (content, format) =
        parse_file(&file).ok_or_else(|| json::not_found(staff_api(locale).export_not_found))?;
    let filter = query.parse().map_err(|p| json::filter(p, locale))?;
    let survey = find(&state.db, &slug, locale).await?;
    let table = match content {
        Content::Responses => {
            exports::responses_table(&state.db, &survey.id, &filter, principal.role)
                .await
                .map_err(|e| export_error(e, locale))?
        }
        Content::Results => {
            let setting = &survey.definition.interval;
            let level = Level::new(setting.level).map_err(|e| json::unavailable(&e, locale))?;
            let min_n = u64::try_from(survey.definition.min_n).unwrap_or(1);
            let results = survey_results_now(&state.db, &survey.id, setting.method, level, min_n)
                .await
                .map_err(|e| json::unavailable(&e, locale))?;
            let report = koubei_core::moderation::ledger::ledger(&state.db, &survey.id)
                .await
                .map_err(|e| json::unavailable(&e, locale))?;
            exports::results_table(&results, Some(&report))
        }
    };
    // Building a spreadsheet is CPU work: off the async threads.
    let bytes =
        tokio::task::spawn_blocking(move || exports::render(&table, format, content.name()))
            .await
            .map_err(|e| json::unavailable(&e, locale))?
            .map_err(|e| export_error(e, locale))?;
    let disposition = format!(
        "attachment; filename=\"{slug}-{}.{}\"",
        content.name(),
        format.extension()
    );
    let mut response = (StatusCode::OK, bytes).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(format.content_type()),
    );
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

fn export_error(failure: ExportError, locale: Locale) -> Refusal {
    match failure {
        ExportError::TooLarge(_) => json::error(
            StatusCode::UNPROCESSABLE_ENTITY,
            "export_too_large",
            staff_api(locale).export_too_large,
        ),
        other => json::unavailable(&other, locale),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_four_exports_are_files() {
        assert_eq!(
            parse_file("responses.csv"),
            Some((Content::Responses, ExportFormat::Csv))
        );
        assert_eq!(
            parse_file("results.xlsx"),
            Some((Content::Results, ExportFormat::Xlsx))
        );
        for other in [
            "responses",
            "responses.CSV",
            "results.pdf",
            "ledger.csv",
            "x.csv.csv",
        ] {
            assert_eq!(parse_file(other), None, "{other}");
        }
    }
}
