//! Survey queries for the pages.

use sqlx::FromRow;

use super::{timestamp, Database, DatabaseError};
use domain::{SectorSurveys, SurveyStatus, SurveySummary};

#[derive(FromRow)]
struct OpenSurveyRow {
    sector_slug: String,
    sector_name_zh: String,
    sector_name_en: String,
    slug: String,
    title_zh: String,
    title_en: String,
    closes_at: Option<String>,
    subject_count: i64,
    published_surveys: i64,
}

/// The open surveys, grouped by sector in the sectors' display order.
#[tracing::instrument(skip(db), err)]
pub async fn open_surveys_by_sector(db: &Database) -> Result<Vec<SectorSurveys>, DatabaseError> {
    let rows: Vec<OpenSurveyRow> = sqlx::query_as(
        "SELECT se.slug AS sector_slug, se.name_zh AS sector_name_zh, se.name_en AS sector_name_en,
                su.slug, su.title_zh, su.title_en, su.closes_at,
                (SELECT COUNT(*) FROM survey_subjects ss WHERE ss.survey_id = su.id) AS subject_count,
                (SELECT COUNT(*) FROM surveys p WHERE p.sector_id = se.id AND p.status = $2)
                    AS published_surveys
         FROM surveys su
         JOIN sectors se ON se.id = su.sector_id
         WHERE su.status = $1
         ORDER BY se.position, se.slug, su.opens_at, su.slug",
    )
    .bind(SurveyStatus::Open.as_str())
    .bind(SurveyStatus::Published.as_str())
    .fetch_all(db.pool())
    .await?;

    let mut sectors: Vec<SectorSurveys> = Vec::new();
    for row in rows {
        let survey = SurveySummary {
            slug: row.slug,
            title_zh: row.title_zh,
            title_en: row.title_en,
            subject_count: usize::try_from(row.subject_count).unwrap_or_default(),
            closes_on: row.closes_at.as_deref().and_then(timestamp::council_date),
        };
        match sectors.last_mut() {
            Some(last) if last.sector_slug == row.sector_slug => last.surveys.push(survey),
            _ => sectors.push(SectorSurveys {
                sector_slug: row.sector_slug,
                sector_name_zh: row.sector_name_zh,
                sector_name_en: row.sector_name_en,
                published: row.published_surveys > 0,
                surveys: vec![survey],
            }),
        }
    }
    Ok(sectors)
}
