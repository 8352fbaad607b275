//! What the public results pages read: a published survey's snapshot with the list of all its
//! snapshots, and a sector's published waves. Unpublished surveys are not there at all.

use sqlx::FromRow;

use super::live::find_survey;
use super::{snapshots, ResultsError};
use crate::db::{timestamp, Database};
use domain::results::ResultStatus;
use domain::results_page::{
    PublishedResults, PublishedWave, SectorRanking, SectorWaves, SnapshotEntry,
};
use domain::SurveyStatus;

fn council_date(stored: &str) -> String {
    timestamp::council_date(stored).unwrap_or_else(|| stored.to_string())
}

/// A published survey's snapshot `number` (the latest with `None`); `None` for an unknown or
/// unpublished survey or a snapshot that does not exist.
#[tracing::instrument(skip(db), err)]
pub async fn published_results(
    db: &Database,
    slug: &str,
    number: Option<i64>,
) -> Result<Option<PublishedResults>, ResultsError> {
    let Some(survey) = find_survey(db, slug).await? else {
        return Ok(None);
    };
    if survey.status() != SurveyStatus::Published {
        return Ok(None);
    }
    let Some(snapshot) = snapshots::find(db, &survey.id, number).await? else {
        return Ok(None);
    };
    let all = snapshots::list(db, &survey.id).await?;
    let ledger = serde_json::from_value(snapshot.ledger)
        .map_err(|e| ResultsError::Corrupt(format!("snapshot ledger: {e}")))?;
    Ok(Some(PublishedResults {
        slug: survey.slug,
        number: snapshot.number,
        published_on: council_date(&snapshot.published_at),
        method_version: snapshot.method_version,
        data_hash: snapshot.data_hash,
        changelog: snapshot.changelog,
        latest: all.first().map_or(snapshot.number, |s| s.number),
        results: snapshot.results,
        ledger,
        snapshots: all
            .into_iter()
            .map(|s| SnapshotEntry {
                number: s.number,
                published_on: council_date(&s.published_at),
                responses: s.responses,
                changelog: s.changelog,
            })
            .collect(),
    }))
}

#[derive(FromRow)]
struct WaveRow {
    slug: String,
    title_zh: String,
    title_en: String,
    first_published_at: String,
    responses: i64,
}

/// A sector's published surveys, newest first (by closing time, else publication), each with
/// its first publication date and the counted responses of its latest snapshot. `None` for an
/// unknown sector or one with nothing published.
#[tracing::instrument(skip(db), err)]
pub async fn published_waves(
    db: &Database,
    sector: &str,
) -> Result<Option<SectorWaves>, ResultsError> {
    let Some((name_zh, name_en)): Option<(String, String)> =
        sqlx::query_as("SELECT name_zh, name_en FROM sectors WHERE slug = $1")
            .bind(sector)
            .fetch_optional(db.pool())
            .await?
    else {
        return Ok(None);
    };
    let rows: Vec<WaveRow> = sqlx::query_as(
        "SELECT sv.slug, sv.title_zh, sv.title_en,
                (SELECT MIN(f.published_at) FROM snapshots f WHERE f.survey_id = sv.id)
                    AS first_published_at,
                s.responses
         FROM surveys sv
         JOIN sectors se ON se.id = sv.sector_id
         JOIN snapshots s ON s.survey_id = sv.id
          AND s.number = (SELECT MAX(m.number) FROM snapshots m WHERE m.survey_id = sv.id)
         WHERE se.slug = $1 AND sv.status = 'published'
         ORDER BY COALESCE(sv.closes_at, s.published_at) DESC, sv.slug",
    )
    .bind(sector)
    .fetch_all(db.pool())
    .await?;
    if rows.is_empty() {
        return Ok(None);
    }
    Ok(Some(SectorWaves {
        sector: sector.to_string(),
        name_zh,
        name_en,
        waves: rows
            .into_iter()
            .map(|row| PublishedWave {
                published_on: council_date(&row.first_published_at),
                slug: row.slug,
                title_zh: row.title_zh,
                title_en: row.title_en,
                responses: row.responses,
            })
            .collect(),
    }))
}

#[derive(FromRow)]
struct LatestWaveRow {
    sector: String,
    name_zh: String,
    name_en: String,
    survey_id: String,
    first_published_at: String,
}

/// Every sector's latest published wave with its first tier, sectors in the home page's order.
/// A sector with nothing published is not listed.
#[tracing::instrument(skip(db), err)]
pub async fn latest_rankings(db: &Database) -> Result<Vec<SectorRanking>, ResultsError> {
    // The latest wave is the one `published_waves` lists first: by closing time, else
    // publication.
    let rows: Vec<LatestWaveRow> = sqlx::query_as(
        "SELECT se.slug AS sector, se.name_zh, se.name_en, sv.id AS survey_id,
                (SELECT MIN(f.published_at) FROM snapshots f WHERE f.survey_id = sv.id)
                    AS first_published_at
         FROM sectors se
         JOIN surveys sv ON sv.id = (
             SELECT w.id FROM surveys w
             JOIN snapshots s ON s.survey_id = w.id
              AND s.number = (SELECT MAX(m.number) FROM snapshots m WHERE m.survey_id = w.id)
             WHERE w.sector_id = se.id AND w.status = 'published'
             ORDER BY COALESCE(w.closes_at, s.published_at) DESC, w.slug
             LIMIT 1)
         ORDER BY se.position, se.slug",
    )
    .fetch_all(db.pool())
    .await?;
    let mut rankings = Vec::with_capacity(rows.len());
    for row in rows {
        let Some(latest) = snapshots::find(db, &row.survey_id, None).await? else {
            continue;
        };
        let results = &latest.results;
        let leaders = results
            .subjects
            .iter()
            .filter(|s| s.status == ResultStatus::Ranked && s.tier == Some(1))
            .map(|s| (s.name_zh.clone(), s.name_en.clone()))
            .collect();
        rankings.push(SectorRanking {
            sector: row.sector,
            name_zh: row.name_zh,
            name_en: row.name_en,
            wave: PublishedWave {
                slug: results.survey.clone(),
                title_zh: results.title_zh.clone(),
                title_en: results.title_en.clone(),
                published_on: council_date(&row.first_published_at),
                responses: latest.responses,
            },
            leaders,
        });
    }
    Ok(rankings)
}
