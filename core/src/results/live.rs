//! Results computed now, from the tallies: for staff before publication, and for freezing a
//! snapshot. Reads the survey, its subjects in order, and 11 tally rows per subject.

use sqlx::{AnyConnection, FromRow};
use stats::{Level, Method};

use super::compute::{compute, SubjectTally, SurveyHeader};
use super::{tallies, weighting, ResultsError};
use crate::db::timestamp::council_date;
use crate::db::Database;
use domain::results::{Fieldwork, SurveyResults};
use domain::SurveyStatus;

/// A survey as results need it.
#[derive(Clone, Debug, FromRow)]
pub struct ResultsSurvey {
    pub id: String,
    pub slug: String,
    pub status: String,
    pub title_zh: String,
    pub title_en: String,
    pub sector: String,
    pub sector_name_zh: String,
    pub sector_name_en: String,
    pub interval_method: String,
    pub interval_level: f64,
    pub min_n: i64,
}

impl ResultsSurvey {
    pub fn status(&self) -> SurveyStatus {
        SurveyStatus::parse(&self.status).unwrap_or(SurveyStatus::Draft)
    }

    pub fn method(&self) -> Result<Method, ResultsError> {
        Method::parse(&self.interval_method).map_err(|e| ResultsError::Corrupt(e.to_string()))
    }

    pub fn level(&self) -> Result<Level, ResultsError> {
        Level::new(self.interval_level).map_err(|e| ResultsError::Corrupt(e.to_string()))
    }
}

pub async fn find_survey(db: &Database, slug: &str) -> Result<Option<ResultsSurvey>, ResultsError> {
    let mut conn = db.pool().acquire().await?;
    find_survey_on(&mut conn, slug).await
}

const SURVEY_SELECT: &str =
    "SELECT sv.id, sv.slug, sv.status, sv.title_zh, sv.title_en, se.slug AS sector,
        se.name_zh AS sector_name_zh, se.name_en AS sector_name_en,
        sv.interval_method, sv.interval_level, sv.min_n
     FROM surveys sv JOIN sectors se ON se.id = sv.sector_id";

pub async fn find_survey_on(
    conn: &mut AnyConnection,
    slug: &str,
) -> Result<Option<ResultsSurvey>, ResultsError> {
    Ok(
        sqlx::query_as(&format!("{SURVEY_SELECT} WHERE sv.slug = $1"))
            .bind(slug)
            .fetch_optional(conn)
            .await?,
    )
}

pub async fn find_survey_by_id(
    db: &Database,
    id: &str,
) -> Result<Option<ResultsSurvey>, ResultsError> {
    Ok(sqlx::query_as(&format!("{SURVEY_SELECT} WHERE sv.id = $1"))
        .bind(id)
        .fetch_optional(db.pool())
        .await?)
}

/// The latest published survey of a sector (by closing time).
pub async fn latest_published_in_sector(
    db: &Database,
    sector: &str,
) -> Result<Option<ResultsSurvey>, ResultsError> {
    Ok(sqlx::query_as(&format!(
        "{SURVEY_SELECT} WHERE se.slug = $1 AND sv.status = 'published'
         ORDER BY sv.closes_at DESC, sv.slug LIMIT 1"
    ))
    .bind(sector)
    .fetch_optional(db.pool())
    .await?)
}

/// Which answers results are computed over.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Basis {
    /// Every counted answer (what publications use).
    #[default]
    Counted,
    /// Only verified ones: counted answers that came through an invitation.
    Verified,
}

impl Basis {
    /// What a query over counted responses `r` adds to keep to this basis.
    pub fn condition(self) -> &'static str {
        match self {
            Basis::Counted => "",
            Basis::Verified => "AND r.channel = 'invitation'",
        }
    }

    pub fn parse(text: &str) -> Option<Basis> {
        match text {
            "counted" => Some(Basis::Counted),
            "verified" => Some(Basis::Verified),
            _ => None,
        }
    }
}

/// The survey's results now, by its own method and level unless overridden.
pub async fn live_results(
    db: &Database,
    survey: &ResultsSurvey,
    method: Option<Method>,
    level: Option<Level>,
) -> Result<SurveyResults, ResultsError> {
    live_results_over(db, survey, method, level, Basis::Counted).await
}

/// The survey's results now over the answers of `basis`.
pub async fn live_results_over(
    db: &Database,
    survey: &ResultsSurvey,
    method: Option<Method>,
    level: Option<Level>,
    basis: Basis,
) -> Result<SurveyResults, ResultsError> {
    let mut conn = db.pool().acquire().await?;
    live_results_on(&mut conn, survey, method, level, basis).await
}

/// The same on a given connection (a transaction that also freezes them).
pub async fn live_results_on(
    conn: &mut AnyConnection,
    survey: &ResultsSurvey,
    method: Option<Method>,
    level: Option<Level>,
    basis: Basis,
) -> Result<SurveyResults, ResultsError> {
    let subjects: Vec<(String, String, String, String)> = sqlx::query_as(
        "SELECT su.id, su.slug, su.name_zh, su.name_en
         FROM survey_subjects ss JOIN subjects su ON su.id = ss.subject_id
         WHERE ss.survey_id = $1 ORDER BY ss.position, su.slug",
    )
    .bind(&survey.id)
    .fetch_all(&mut *conn)
    .await?;
    let histograms = match basis {
        Basis::Counted => tallies::read(conn, &survey.id).await?,
        Basis::Verified => tallies::read_verified(conn, &survey.id).await?,
    };
    let mut weighed = match weighting::read_targets(conn, &survey.id).await? {
        Some(targets) => Some(weighting::weigh(conn, &survey.id, basis, &targets).await?),
        None => None,
    };
    let tallied = subjects
        .into_iter()
        .map(|(id, slug, name_zh, name_en)| SubjectTally {
            histogram: histograms.get(&id).copied().unwrap_or([0; 11]),
            weighted_answers: weighed
                .as_mut()
                .and_then(|w| w.answers.remove(&id))
                .unwrap_or_default(),
            subject: slug,
            name_zh,
            name_en,
        })
        .collect();
    let header = SurveyHeader {
        survey: survey.slug.clone(),
        title_zh: survey.title_zh.clone(),
        title_en: survey.title_en.clone(),
        sector: survey.sector.clone(),
        sector_name_zh: survey.sector_name_zh.clone(),
        sector_name_en: survey.sector_name_en.clone(),
    };
    let method = match method {
        Some(m) => m,
        None => survey.method()?,
    };
    let level = match level {
        Some(l) => l,
        None => survey.level()?,
    };
    let min_n = u64::try_from(survey.min_n).unwrap_or(1);
    let fieldwork = fieldwork(conn, &survey.id, basis).await?;
    let mut results = compute(
        header,
        tallied,
        method,
        level,
        min_n,
        weighed.map(|w| w.report),
    )
    .map_err(|e| ResultsError::Corrupt(e.to_string()))?;
    results.fieldwork = fieldwork;
    Ok(results)
}

/// The first and last council day a counted answer of `basis` was given.
async fn fieldwork(
    conn: &mut AnyConnection,
    survey_id: &str,
    basis: Basis,
) -> Result<Option<Fieldwork>, ResultsError> {
    let also = basis.condition();
    let (first, last): (Option<String>, Option<String>) = sqlx::query_as(&format!(
        "SELECT MIN(r.created_at), MAX(r.created_at) FROM responses r
         WHERE r.survey_id = $1 AND {} {also}",
        tallies::counted()
    ))
    .bind(survey_id)
    .fetch_one(conn)
    .await?;
    Ok(first.zip(last).and_then(|(first, last)| {
        Some(Fieldwork {
            first_day: council_date(&first)?,
            last_day: council_date(&last)?,
        })
    }))
}
