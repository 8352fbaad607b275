//! `GET /api/v1/surveys` and `GET /api/v1/surveys/{slug}`: the public survey definitions.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use domain::PublicSurvey;
use koubei_core::db::public_surveys::{listed_surveys, ListedSurvey};

use super::ApiError;
use crate::app_state::AppState;
use crate::caching;
use app::i18n::Catalog;

/// Open and published surveys.
pub async fn list(State(state): State<AppState>, headers: HeaderMap) -> Response {
    match listed_surveys(&state.db).await {
        Ok(surveys) => caching::json::<Vec<ListedSurvey>>(&headers, &surveys, caching::SHORT),
        Err(error) => {
            tracing::error!(error = %error, "listing surveys failed");
            ApiError::unavailable(app::i18n::request_locale(&headers)).into_response()
        }
    }
}

/// One survey's public definition (any status but draft).
pub async fn show(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    headers: HeaderMap,
) -> Response {
    let locale = app::i18n::request_locale(&headers);
    match state.submissions.survey(&slug).await {
        Ok(Some(record)) => caching::json::<PublicSurvey>(&headers, &record.public, caching::SHORT),
        Ok(None) => ApiError {
            status: StatusCode::NOT_FOUND,
            code: "survey_not_found",
            message: locale.messages().api_survey_not_found.to_string(),
            field: None,
        }
        .into_response(),
        Err(error) => {
            tracing::error!(error = %error, "loading a survey failed");
            ApiError::unavailable(locale).into_response()
        }
    }
}
