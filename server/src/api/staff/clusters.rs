//! Suspect clusters: `GET /api/v1/staff/surveys/{slug}/clusters` (with their evidence and the
//! subject's results with and without each), `POST /api/v1/staff/surveys/{slug}/clusters/scan`
//! (run the detectors now), `POST /api/v1/staff/clusters/{id}/decision` (release or exclude).

use crate::failure_status::HttpStatus;
use app::i18n::Locale;
use axum::extract::{Path, State};
use axum::{Extension, Json};
use koubei_core::failure::Failure;
use koubei_core::integrity::{self, ClusterView, Decision, IntegrityError, ScanOutcome};
use koubei_core::staff::Principal;
use serde::{Deserialize, Serialize};
use stats::Counts;

use super::json::{self, JsonBody, Lang, Refusal, Reply};
use super::messages::staff_api;
use super::surveys::find;
use crate::app_state::AppState;

/// Counted answers and NPS of a subject, one way or the other.
#[derive(Serialize)]
pub struct Standing {
    n: u64,
    nps: Option<f64>,
}

impl From<[u64; 11]> for Standing {
    fn from(histogram: [u64; 11]) -> Standing {
        let counts = Counts::from_histogram(&histogram);
        Standing {
            n: counts.n(),
            nps: counts.nps().map(|nps| (nps * 10.0).round() / 10.0),
        }
    }
}

#[derive(Serialize)]
pub struct ClusterJson {
    #[serde(flatten)]
    cluster: ClusterView,
    /// The subject's counted answers if the cluster counts, and if it does not.
    with_cluster: Standing,
    without_cluster: Standing,
}

impl From<ClusterView> for ClusterJson {
    fn from(cluster: ClusterView) -> ClusterJson {
        let (with, without) = cluster.with_and_without();
        ClusterJson {
            cluster,
            with_cluster: with.into(),
            without_cluster: without.into(),
        }
    }
}

pub async fn list(
    State(state): State<AppState>,
    Lang(locale): Lang,
    Path(slug): Path<String>,
) -> Reply<Json<Vec<ClusterJson>>> {
    let survey = find(&state.db, &slug, locale).await?;
    let clusters = integrity::list(&state.db, &survey.id)
        .await
        .map_err(|e| json::unavailable(&e, locale))?;
    Ok(Json(clusters.into_iter().map(ClusterJson::from).collect()))
}

#[derive(Serialize)]
pub struct ScanJson {
    answers: usize,
    clusters_opened: usize,
    answers_held: usize,
}

pub async fn scan(
    State(state): State<AppState>,
    Lang(locale): Lang,
    Path(slug): Path<String>,
) -> Reply<Json<ScanJson>> {
    let survey = find(&state.db, &slug, locale).await?;
    let ScanOutcome {
        answers,
        clusters_opened,
        answers_held,
    } = integrity::scan(&state.db, &survey.id)
        .await
        .map_err(|e| json::unavailable(&e, locale))?;
    Ok(Json(ScanJson {
        answers,
        clusters_opened,
        answers_held,
    }))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionInput {
    decision: String,
    note: String,
}

pub async fn decide(
    State(state): State<AppState>,
    Extension(principal): Extension<Principal>,
    Lang(locale): Lang,
    Path(id): Path<String>,
    JsonBody(input): JsonBody<DecisionInput>,
) -> Reply<Json<ClusterJson>> {
    let decision = Decision::parse(&input.decision).ok_or_else(|| {
        json::invalid(
            "decision",
            "invalid",
            staff_api(locale).cluster_decision_values,
        )
    })?;
    integrity::decide(&state.db, &principal.actor, &id, decision, &input.note)
        .await
        .map_err(|e| refusal(e, locale))?;
    let decided = integrity::one(&state.db, &id)
        .await
        .map_err(|e| json::unavailable(&e, locale))?
        .ok_or_else(|| refusal(IntegrityError::NotFound, locale))?;
    Ok(Json(decided.into()))
}

fn refusal(error: IntegrityError, locale: Locale) -> Refusal {
    let (status, code) = (error.status(), error.code());
    match error {
        IntegrityError::NotFound => json::error(status, code, staff_api(locale).cluster_not_found),
        IntegrityError::AlreadyDecided(_) => {
            json::error(status, code, staff_api(locale).cluster_already_decided)
        }
        IntegrityError::NoteRequired => {
            json::invalid("note", code, staff_api(locale).cluster_note_required)
        }
        IntegrityError::NoteTooLong => {
            json::invalid("note", code, staff_api(locale).cluster_note_too_long)
        }
        IntegrityError::Database(cause) => json::unavailable(&cause, locale),
    }
}
