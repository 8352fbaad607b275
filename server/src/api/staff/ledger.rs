//! `GET /api/v1/staff/surveys/{slug}/ledger`: the quality ledger, per subject and in total —
//! received, flagged (by flag), found by each detector, excluded (by reason), held, counted,
//! verified, and received per channel: the integrity report.

use axum::extract::{Path, State};
use axum::Json;
use koubei_core::moderation::ledger::{self, LedgerCounts};
use serde::ser::Serializer;
use serde::Serialize;

use super::json::{self, Lang, Reply};
use super::surveys::find;
use crate::app_state::AppState;

#[derive(Serialize)]
pub struct LedgerView {
    survey: String,
    subjects: Vec<LineView>,
    total: CountsView,
}

#[derive(Serialize)]
struct LineView {
    subject: String,
    subject_name_zh: String,
    subject_name_en: String,
    #[serde(flatten)]
    counts: CountsView,
}

/// The counts with the per-flag and per-reason ones as objects (`{"duplicate": 2, ...}`).
#[derive(Serialize)]
struct CountsView {
    received: i64,
    #[serde(serialize_with = "as_object")]
    flagged: Vec<(domain::Flag, i64)>,
    #[serde(serialize_with = "as_object")]
    excluded: Vec<(domain::ExclusionReason, i64)>,
    excluded_in_clusters: i64,
    excluded_total: i64,
    held: i64,
    counted: i64,
    #[serde(serialize_with = "as_object")]
    channels: Vec<(domain::Channel, i64)>,
    /// Answers each detector put in a suspect cluster (`{"burst": 0, ...}`).
    #[serde(serialize_with = "as_object")]
    detected: Vec<(String, i64)>,
    /// Counted answers that came through an invitation, and their share of the counted ones.
    verified: i64,
    verified_share: Option<f64>,
    /// Received answers given with help or for a family member (协助填写).
    assisted: i64,
}

impl From<LedgerCounts> for CountsView {
    fn from(counts: LedgerCounts) -> Self {
        let verified_share = counts.verified_share();
        CountsView {
            received: counts.received,
            flagged: counts.flagged,
            excluded: counts.excluded,
            excluded_in_clusters: counts.excluded_in_clusters,
            excluded_total: counts.excluded_total,
            held: counts.held,
            counted: counts.counted,
            verified_share,
            verified: counts.verified,
            assisted: counts.assisted,
            channels: counts.channels,
            detected: counts.detected,
        }
    }
}

fn as_object<K: Serialize, S: Serializer>(pairs: &[(K, i64)], s: S) -> Result<S::Ok, S::Error> {
    s.collect_map(pairs.iter().map(|(key, n)| (key, n)))
}

pub async fn show(
    State(state): State<AppState>,
    Lang(locale): Lang,
    Path(slug): Path<String>,
) -> Reply<Json<LedgerView>> {
    let survey = find(&state.db, &slug, locale).await?;
    let ledger = ledger::ledger(&state.db, &survey.id)
        .await
        .map_err(|e| json::unavailable(&e, locale))?;
    Ok(Json(LedgerView {
        survey: slug,
        subjects: ledger
            .subjects
            .into_iter()
            .map(|line| LineView {
                subject: line.subject,
                subject_name_zh: line.subject_name_zh,
                subject_name_en: line.subject_name_en,
                counts: line.counts.into(),
            })
            .collect(),
        total: ledger.total.into(),
    }))
}
