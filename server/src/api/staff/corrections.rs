//! `POST /api/v1/staff/surveys/{slug}/corrections`: publish a correction of a published survey —
//! its results as they are now, as the next snapshot, with a changelog entry.

use app::i18n::Locale;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::{Extension, Json};
use koubei_core::results::snapshots::{self, SnapshotSummary};
use koubei_core::results::ResultsError;
use koubei_core::staff::Principal;
use serde::Deserialize;

use super::json::{self, JsonBody, Lang, Reply};
use super::messages::staff_api;
use crate::app_state::AppState;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Correction {
    /// What changed and why; published with the snapshot.
    changelog: String,
}

/// Maps a results failure onto the error shape.
pub fn refusal(error: ResultsError, locale: Locale) -> json::Refusal {
    match error {
        ResultsError::NotFound => json::not_found(staff_api(locale).survey_not_found),
        ResultsError::NotPublished => json::error(
            StatusCode::CONFLICT,
            "not_published",
            staff_api(locale).correction_not_published,
        ),
        ResultsError::ChangelogRequired => json::invalid(
            "changelog",
            "required",
            staff_api(locale).correction_changelog_required,
        ),
        ResultsError::UndecidedClusters(n) => json::error(
            StatusCode::CONFLICT,
            "undecided_clusters",
            (staff_api(locale).undecided_clusters)(n),
        ),
        other => json::unavailable(&other, locale),
    }
}

pub async fn create(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    Lang(locale): Lang,
    Path(slug): Path<String>,
    JsonBody(correction): JsonBody<Correction>,
) -> Reply<(StatusCode, Json<SnapshotSummary>)> {
    let snapshot = snapshots::correct(&state.db, &principal.actor, &slug, &correction.changelog)
        .await
        .map_err(|e| refusal(e, locale))?;
    Ok((
        StatusCode::CREATED,
        Json(SnapshotSummary {
            number: snapshot.number,
            published_at: snapshot.published_at,
            data_hash: snapshot.data_hash,
            responses: snapshot.responses,
            changelog: snapshot.changelog,
        }),
    ))
}
