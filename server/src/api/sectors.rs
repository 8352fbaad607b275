//! `GET /api/v1/sectors` (the sectors with open or published surveys) and
//! `GET /api/v1/sectors/{sector}/snapshots` (every published wave of a sector with its
//! snapshots, newest first: what a citation or a trend chart can point at).

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use domain::{SectorRef, SurveyStatus};
use koubei_core::db::public_surveys::listed_surveys;
use koubei_core::results::live::find_survey;
use koubei_core::results::snapshots::{self, SnapshotSummary};
use serde::Serialize;

use super::messages::messages;
use super::ApiError;
use crate::app_state::AppState;
use crate::caching;

#[derive(Serialize)]
struct SectorSurvey {
    slug: String,
    status: SurveyStatus,
}

#[derive(Serialize)]
struct Sector {
    #[serde(flatten)]
    sector: SectorRef,
    surveys: Vec<SectorSurvey>,
}

#[derive(Serialize)]
struct Wave {
    survey: String,
    title_zh: String,
    title_en: String,
    closes_at: Option<String>,
    snapshots: Vec<SnapshotSummary>,
}

fn failed(headers: &HeaderMap, error: &dyn std::fmt::Display) -> Response {
    tracing::error!(error = %error, "reading sectors failed");
    ApiError::unavailable(app::i18n::request_locale(headers)).into_response()
}

pub async fn list(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let surveys = match listed_surveys(&state.db).await {
        Ok(surveys) => surveys,
        Err(error) => return failed(&headers, &error),
    };
    let mut sectors: Vec<Sector> = Vec::new();
    for survey in surveys {
        let entry = SectorSurvey {
            slug: survey.summary.slug,
            status: survey.status,
        };
        match sectors.last_mut() {
            Some(last) if last.sector.slug == survey.sector.slug => last.surveys.push(entry),
            _ => sectors.push(Sector {
                sector: survey.sector,
                surveys: vec![entry],
            }),
        }
    }
    caching::json(&headers, &sectors, caching::SHORT)
}

pub async fn snapshots(
    State(state): State<AppState>,
    Path(sector): Path<String>,
    headers: HeaderMap,
) -> Response {
    let surveys = match listed_surveys(&state.db).await {
        Ok(surveys) => surveys,
        Err(error) => return failed(&headers, &error),
    };
    let mut waves = Vec::new();
    for listed in surveys
        .into_iter()
        .filter(|s| s.sector.slug == sector && s.status == SurveyStatus::Published)
    {
        let survey = match find_survey(&state.db, &listed.summary.slug).await {
            Ok(Some(survey)) => survey,
            Ok(None) => continue,
            Err(error) => return failed(&headers, &error),
        };
        let list = match snapshots::list(&state.db, &survey.id).await {
            Ok(list) => list,
            Err(error) => return failed(&headers, &error),
        };
        waves.push(Wave {
            survey: survey.slug,
            title_zh: survey.title_zh,
            title_en: survey.title_en,
            closes_at: listed.closes_at,
            snapshots: list,
        });
    }
    if waves.is_empty() {
        let locale = app::i18n::request_locale(&headers);
        return ApiError {
            status: StatusCode::NOT_FOUND,
            code: "not_found",
            message: messages(locale).sector_not_published.to_string(),
            field: None,
        }
        .into_response();
    }
    caching::json(&headers, &waves, caching::SHORT)
}
