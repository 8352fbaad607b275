//! `GET /api/v1/surveys` and `GET /api/v1/surveys/{slug}`: the public survey definitions.

use app::db::public_surveys::{listed_surveys, ListedSurvey};
use app::domain::PublicSurvey;
use app::i18n::Locale;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::Json;

use super::ApiError;
use crate::router::AppState;

/// Open and published surveys.
pub async fn list(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Json<Vec<ListedSurvey>>, ApiError> {
    listed_surveys(&state.db).await.map(Json).map_err(|error| {
        tracing::error!(error = %error, "listing surveys failed");
        ApiError::unavailable(Locale::from_headers(&headers))
    })
}

/// One survey's public definition (any status but draft).
pub async fn show(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    headers: HeaderMap,
) -> Result<Json<PublicSurvey>, ApiError> {
    let locale = Locale::from_headers(&headers);
    match state.submissions.survey(&slug).await {
        Ok(Some(record)) => Ok(Json(record.public.clone())),
        Ok(None) => Err(ApiError {
            status: StatusCode::NOT_FOUND,
            code: "survey_not_found",
            message: locale.messages().api_survey_not_found.to_string(),
            field: None,
        }),
        Err(error) => {
            tracing::error!(error = %error, "loading a survey failed");
            Err(ApiError::unavailable(locale))
        }
    }
}
