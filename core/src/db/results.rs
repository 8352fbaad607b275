//! Results in the shapes the thank-you page, the console preview and the exports use. Public
//! results always come from the latest snapshot (frozen at publication); staff previews are
//! computed now from the running tallies. Neither scans the responses.

use stats::{Level, Method};

use super::{Database, DatabaseError};
use crate::results::live::{
    find_survey_by_id, latest_published_in_sector, live_results_over, Basis,
};
use crate::results::{snapshots, ResultsError};
use domain::results::{ResultStatus, SurveyResults};
use domain::survey_page::{PublishedRanking, RankedResult, RankingRow};
use domain::SurveyStatus;

fn database(error: ResultsError) -> DatabaseError {
    match error {
        ResultsError::Database(e) => e,
        other => DatabaseError::Corrupt(other.to_string()),
    }
}

/// Results as ranking rows: ranked subjects with their interval and tier, the rest held back.
pub fn ranking_rows(results: &SurveyResults) -> Vec<RankingRow> {
    results
        .subjects
        .iter()
        .map(|s| RankingRow {
            subject: s.subject.clone(),
            name_zh: s.name_zh.clone(),
            name_en: s.name_en.clone(),
            n: s.n,
            promoters: s.promoters,
            passives: s.passives,
            detractors: s.detractors,
            result: match (s.status, s.nps, s.ci_low, s.ci_high, s.tier) {
                (ResultStatus::Ranked, Some(nps), Some(ci_low), Some(ci_high), Some(tier)) => {
                    Some(RankedResult {
                        nps,
                        ci_low,
                        ci_high,
                        tier,
                    })
                }
                _ => None,
            },
        })
        .collect()
}

/// The sector's latest published survey, as frozen in its latest snapshot.
#[tracing::instrument(skip(db), err)]
pub async fn latest_published_ranking(
    db: &Database,
    sector_slug: &str,
) -> Result<Option<PublishedRanking>, DatabaseError> {
    let Some(survey) = latest_published_in_sector(db, sector_slug)
        .await
        .map_err(database)?
    else {
        return Ok(None);
    };
    let Some(snapshot) = snapshots::find(db, &survey.id, None)
        .await
        .map_err(database)?
    else {
        return Ok(None);
    };
    Ok(Some(PublishedRanking {
        survey_slug: survey.slug,
        title_zh: survey.title_zh,
        title_en: survey.title_en,
        status: SurveyStatus::Published,
        method: snapshot.method.clone(),
        level: snapshot.level,
        min_n: u64::try_from(snapshot.min_n).unwrap_or(1),
        rows: ranking_rows(&snapshot.results),
    }))
}

/// A survey's results computed now from its tallies (standing exclusions left out), by the given
/// method, level and minimum sample.
pub async fn survey_results_now(
    db: &Database,
    survey_id: &str,
    method: Method,
    level: Level,
    min_n: u64,
) -> Result<SurveyResults, DatabaseError> {
    survey_results_over(db, survey_id, method, level, min_n, Basis::Counted).await
}

/// The same over the answers of `basis` (every counted answer, or verified ones only).
pub async fn survey_results_over(
    db: &Database,
    survey_id: &str,
    method: Method,
    level: Level,
    min_n: u64,
    basis: Basis,
) -> Result<SurveyResults, DatabaseError> {
    let mut survey = find_survey_by_id(db, survey_id)
        .await
        .map_err(database)?
        .ok_or_else(|| DatabaseError::Corrupt("survey vanished".into()))?;
    survey.min_n = i64::try_from(min_n).unwrap_or(i64::MAX);
    live_results_over(db, &survey, Some(method), Some(level), basis)
        .await
        .map_err(database)
}

/// The same results as ranking rows.
pub async fn survey_ranking(
    db: &Database,
    survey_id: &str,
    method: Method,
    level: Level,
    min_n: u64,
) -> Result<Vec<RankingRow>, DatabaseError> {
    survey_ranking_over(db, survey_id, method, level, min_n, Basis::Counted).await
}

/// The same over the answers of `basis`.
pub async fn survey_ranking_over(
    db: &Database,
    survey_id: &str,
    method: Method,
    level: Level,
    min_n: u64,
    basis: Basis,
) -> Result<Vec<RankingRow>, DatabaseError> {
    let results = survey_results_over(db, survey_id, method, level, min_n, basis).await?;
    Ok(ranking_rows(&results))
}
