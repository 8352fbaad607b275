//! A sector's trend across its published waves: each wave's frozen results (latest snapshot),
//! and for every subject, whether each wave-to-wave change is statistically significant
//! (independent samples: a two-sided adjusted-Wald test of the NPS difference at the later
//! wave's level).

use serde::Serialize;
use sqlx::FromRow;
use stats::{difference, Counts, Method};

use super::{snapshots, ResultsError};
use crate::db::Database;
use domain::results::SurveyResults;

/// One published wave.
#[derive(Clone, Debug, Serialize)]
pub struct Wave {
    pub survey: String,
    pub title_zh: String,
    pub title_en: String,
    /// When the wave closed (stored form), for ordering and labels.
    pub closes_at: Option<String>,
    pub snapshot: i64,
    pub results: SurveyResults,
}

/// A subject's change from one wave to the next.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Change {
    pub subject: String,
    /// Index of the later wave in `SectorTrend::waves`.
    pub to_wave: usize,
    pub difference: f64,
    pub p_value: f64,
    pub significant: bool,
}

#[derive(Clone, Debug, Serialize)]
pub struct SectorTrend {
    pub sector: String,
    pub sector_name_zh: String,
    pub sector_name_en: String,
    /// Oldest first.
    pub waves: Vec<Wave>,
    pub changes: Vec<Change>,
}

#[derive(FromRow)]
struct WaveRow {
    id: String,
    slug: String,
    title_zh: String,
    title_en: String,
    closes_at: Option<String>,
    sector_name_zh: String,
    sector_name_en: String,
}

/// The sector's published waves with their latest snapshots; `None` for an unknown sector or
/// one with nothing published.
pub async fn sector_trend(
    db: &Database,
    sector: &str,
) -> Result<Option<SectorTrend>, ResultsError> {
    let rows: Vec<WaveRow> = sqlx::query_as(
        "SELECT sv.id, sv.slug, sv.title_zh, sv.title_en, sv.closes_at,
                se.name_zh AS sector_name_zh, se.name_en AS sector_name_en
         FROM surveys sv JOIN sectors se ON se.id = sv.sector_id
         WHERE se.slug = $1 AND sv.status = 'published'
         ORDER BY sv.closes_at, sv.slug",
    )
    .bind(sector)
    .fetch_all(db.pool())
    .await?;
    let Some(first) = rows.first() else {
        return Ok(None);
    };
    let (sector_name_zh, sector_name_en) =
        (first.sector_name_zh.clone(), first.sector_name_en.clone());
    let mut waves = Vec::with_capacity(rows.len());
    for row in rows {
        if let Some(snapshot) = snapshots::find(db, &row.id, None).await? {
            waves.push(Wave {
                survey: row.slug,
                title_zh: row.title_zh,
                title_en: row.title_en,
                closes_at: row.closes_at,
                snapshot: snapshot.number,
                results: snapshot.results,
            });
        }
    }
    let changes = changes(&waves)?;
    Ok(Some(SectorTrend {
        sector: sector.to_string(),
        sector_name_zh,
        sector_name_en,
        waves,
        changes,
    }))
}

fn changes(waves: &[Wave]) -> Result<Vec<Change>, ResultsError> {
    let mut changes = Vec::new();
    for (index, pair) in waves.windows(2).enumerate() {
        let (before, after) = (&pair[0].results, &pair[1].results);
        let alpha = 1.0 - after.level;
        for subject in &after.subjects {
            let Some(earlier) = before
                .subjects
                .iter()
                .find(|s| s.subject == subject.subject)
            else {
                continue;
            };
            let counts = |s: &domain::results::SubjectResult| {
                Counts::new(s.promoters, s.passives, s.detractors)
            };
            let compared = difference(counts(subject), counts(earlier), Method::AdjustedWald)
                .map_err(|e| ResultsError::Corrupt(e.to_string()))?;
            if let Some(c) = compared {
                changes.push(Change {
                    subject: subject.subject.clone(),
                    to_wave: index + 1,
                    difference: c.diff,
                    p_value: c.p_value,
                    significant: c.p_value < alpha,
                });
            }
        }
    }
    Ok(changes)
}
