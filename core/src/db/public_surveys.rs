//! Surveys as the public sees them (API and survey page), with the ids the server keeps.

use std::collections::HashMap;

use sqlx::FromRow;

use super::{timestamp, Database, DatabaseError};
use domain::{DistrictRef, PublicSurvey, SectorRef, SubjectRef, SurveyStatus, SurveySummary};

/// A public survey plus the database ids needed to store answers to it.
#[derive(Clone, Debug)]
pub struct SurveyRecord {
    pub id: String,
    pub public: PublicSurvey,
    /// Subject slug → subject id, for the survey's subjects.
    pub subject_ids: HashMap<String, String>,
    /// Days after first publication that reasons and client/network hashes are kept.
    pub retention_days: i64,
}

#[derive(FromRow)]
struct SurveyRow {
    id: String,
    slug: String,
    status: String,
    sector_slug: String,
    sector_name_zh: String,
    sector_name_en: String,
    title_zh: String,
    title_en: String,
    intro_zh: String,
    intro_en: String,
    opens_at: Option<String>,
    closes_at: Option<String>,
    asks_age_band: i64,
    retention_days: i64,
}

#[derive(FromRow)]
struct NamedRow {
    id: String,
    slug: String,
    name_zh: String,
    name_en: String,
}

const SURVEY_COLUMNS: &str =
    "su.id, su.slug, su.status, se.slug AS sector_slug, se.name_zh AS sector_name_zh,
     se.name_en AS sector_name_en, su.title_zh, su.title_en, su.intro_zh, su.intro_en,
     su.opens_at, su.closes_at, su.asks_age_band, su.retention_days";

/// One survey by slug, whatever its status; `None` when there is no such survey.
#[tracing::instrument(skip(db), err)]
pub async fn survey_by_slug(
    db: &Database,
    slug: &str,
) -> Result<Option<SurveyRecord>, DatabaseError> {
    let row: Option<SurveyRow> = sqlx::query_as(&format!(
        "SELECT {SURVEY_COLUMNS} FROM surveys su JOIN sectors se ON se.id = su.sector_id
         WHERE su.slug = $1"
    ))
    .bind(slug)
    .fetch_optional(db.pool())
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let subjects: Vec<NamedRow> = sqlx::query_as(
        "SELECT s.id, s.slug, s.name_zh, s.name_en
         FROM survey_subjects ss JOIN subjects s ON s.id = ss.subject_id
         WHERE ss.survey_id = $1
         ORDER BY ss.position, s.slug",
    )
    .bind(&row.id)
    .fetch_all(db.pool())
    .await?;
    let districts: Vec<NamedRow> = sqlx::query_as(
        "SELECT survey_id AS id, slug, name_zh, name_en FROM survey_districts
         WHERE survey_id = $1 ORDER BY position, slug",
    )
    .bind(&row.id)
    .fetch_all(db.pool())
    .await?;
    let subject_ids = subjects
        .iter()
        .map(|s| (s.slug.clone(), s.id.clone()))
        .collect();
    let id = row.id.clone();
    let retention_days = row.retention_days;
    let public = PublicSurvey {
        subjects: subjects
            .into_iter()
            .map(|s| SubjectRef {
                slug: s.slug,
                name_zh: s.name_zh,
                name_en: s.name_en,
            })
            .collect(),
        districts: districts
            .into_iter()
            .map(|d| DistrictRef {
                slug: d.slug,
                name_zh: d.name_zh,
                name_en: d.name_en,
            })
            .collect(),
        ..public_without_lists(row)?
    };
    Ok(Some(SurveyRecord {
        id,
        public,
        subject_ids,
        retention_days,
    }))
}

/// One row of the public survey list.
#[derive(Clone, Debug, serde::Serialize)]
pub struct ListedSurvey {
    pub status: SurveyStatus,
    pub sector: SectorRef,
    pub opens_at: Option<String>,
    pub closes_at: Option<String>,
    #[serde(flatten)]
    pub summary: SurveySummary,
}

#[derive(FromRow)]
struct ListedRow {
    #[sqlx(flatten)]
    survey: SurveyRow,
    subject_count: i64,
}

/// The surveys the public may see in lists: open and published ones, newest first per sector.
#[tracing::instrument(skip(db), err)]
pub async fn listed_surveys(db: &Database) -> Result<Vec<ListedSurvey>, DatabaseError> {
    let rows: Vec<ListedRow> = sqlx::query_as(&format!(
        "SELECT {SURVEY_COLUMNS},
                (SELECT COUNT(*) FROM survey_subjects ss WHERE ss.survey_id = su.id) AS subject_count
         FROM surveys su JOIN sectors se ON se.id = su.sector_id
         WHERE su.status IN ($1, $2)
         ORDER BY se.position, se.slug, su.opens_at DESC, su.slug"
    ))
    .bind(SurveyStatus::Open.as_str())
    .bind(SurveyStatus::Published.as_str())
    .fetch_all(db.pool())
    .await?;
    rows.into_iter()
        .map(|row| {
            let subject_count = usize::try_from(row.subject_count).unwrap_or_default();
            let public = public_without_lists(row.survey)?;
            Ok(ListedSurvey {
                status: public.status,
                opens_at: public.opens_at.clone(),
                closes_at: public.closes_at.clone(),
                summary: SurveySummary {
                    slug: public.slug,
                    title_zh: public.title_zh,
                    title_en: public.title_en,
                    subject_count,
                    closes_on: public.closes_on,
                },
                sector: public.sector,
            })
        })
        .collect()
}

fn public_without_lists(row: SurveyRow) -> Result<PublicSurvey, DatabaseError> {
    let status = SurveyStatus::parse(&row.status)
        .ok_or_else(|| DatabaseError::Corrupt(format!("unknown survey status {:?}", row.status)))?;
    Ok(PublicSurvey {
        slug: row.slug,
        status,
        sector: SectorRef {
            slug: row.sector_slug,
            name_zh: row.sector_name_zh,
            name_en: row.sector_name_en,
        },
        title_zh: row.title_zh,
        title_en: row.title_en,
        intro_zh: row.intro_zh,
        intro_en: row.intro_en,
        closes_on: row.closes_at.as_deref().and_then(timestamp::council_date),
        opens_at: row.opens_at,
        closes_at: row.closes_at,
        subjects: Vec::new(),
        asks_age_band: row.asks_age_band != 0,
        districts: Vec::new(),
    })
}
