//! Results as the thank-you page shows them: the latest published survey of a sector, each
//! subject's NPS and interval, tiers among those with enough responses, and the rest held back.
//! The same computation previews a survey's results for staff before publication.
//! (The full ranking pages and frozen snapshots build on this.)

use stats::{interval, tiers, Counts, IntervalOptions, Level, Method};

use super::{Database, DatabaseError};
use crate::domain::survey_page::{PublishedRanking, RankedResult, RankingRow};
use crate::domain::SurveyStatus;

#[derive(sqlx::FromRow)]
struct PublishedRow {
    id: String,
    slug: String,
    title_zh: String,
    title_en: String,
    interval_method: String,
    interval_level: f64,
    min_n: i64,
}

#[derive(sqlx::FromRow)]
struct SubjectCounts {
    slug: String,
    name_zh: String,
    name_en: String,
    promoters: i64,
    passives: i64,
    detractors: i64,
}

/// The most recently closing published survey of the sector, with its results.
#[tracing::instrument(skip(db), err)]
pub async fn latest_published_ranking(
    db: &Database,
    sector_slug: &str,
) -> Result<Option<PublishedRanking>, DatabaseError> {
    let survey: Option<PublishedRow> = sqlx::query_as(
        "SELECT su.id, su.slug, su.title_zh, su.title_en, su.interval_method, su.interval_level,
                su.min_n
         FROM surveys su JOIN sectors se ON se.id = su.sector_id
         WHERE se.slug = $1 AND su.status = $2
         ORDER BY su.closes_at DESC, su.slug LIMIT 1",
    )
    .bind(sector_slug)
    .bind(SurveyStatus::Published.as_str())
    .fetch_optional(db.pool())
    .await?;
    let Some(survey) = survey else {
        return Ok(None);
    };
    let method = Method::parse(&survey.interval_method)
        .map_err(|e| DatabaseError::Corrupt(e.to_string()))?;
    let level =
        Level::new(survey.interval_level).map_err(|e| DatabaseError::Corrupt(e.to_string()))?;
    let min_n = u64::try_from(survey.min_n).unwrap_or(1);
    let rows = survey_ranking(db, &survey.id, method, level, min_n).await?;
    Ok(Some(PublishedRanking {
        survey_slug: survey.slug,
        title_zh: survey.title_zh,
        title_en: survey.title_en,
        status: SurveyStatus::Published,
        method: method.as_str().to_string(),
        level: level.value(),
        min_n,
        rows,
    }))
}

/// A survey's ranking computed now from its responses, leaving out excluded ones.
pub async fn survey_ranking(
    db: &Database,
    survey_id: &str,
    method: Method,
    level: Level,
    min_n: u64,
) -> Result<Vec<RankingRow>, DatabaseError> {
    let counts: Vec<SubjectCounts> = sqlx::query_as(
        "SELECT s.slug, s.name_zh, s.name_en,
                COUNT(CASE WHEN r.score >= 9 THEN 1 END) AS promoters,
                COUNT(CASE WHEN r.score IN (7, 8) THEN 1 END) AS passives,
                COUNT(CASE WHEN r.score <= 6 THEN 1 END) AS detractors
         FROM survey_subjects ss
         JOIN subjects s ON s.id = ss.subject_id
         LEFT JOIN responses r ON r.survey_id = ss.survey_id AND r.subject_id = ss.subject_id
              AND NOT EXISTS (SELECT 1 FROM exclusions x
                              WHERE x.response_id = r.id AND x.restored_at IS NULL)
         WHERE ss.survey_id = $1
         GROUP BY s.id, s.slug, s.name_zh, s.name_en, ss.position
         ORDER BY ss.position, s.name_en",
    )
    .bind(survey_id)
    .fetch_all(db.pool())
    .await?;
    rank(&counts, method, level, min_n)
}

/// Intervals for every subject; tiers only among subjects with at least `min_n` responses.
/// Rows come back ordered: ranked subjects by tier then NPS, held-back ones after.
fn rank(
    subjects: &[SubjectCounts],
    method: Method,
    level: Level,
    min_n: u64,
) -> Result<Vec<RankingRow>, DatabaseError> {
    let to_u64 = |v: i64| u64::try_from(v).unwrap_or_default();
    let counts: Vec<Counts> = subjects
        .iter()
        .map(|s| {
            Counts::new(
                to_u64(s.promoters),
                to_u64(s.passives),
                to_u64(s.detractors),
            )
        })
        .collect();
    let eligible: Vec<usize> = (0..counts.len())
        .filter(|&i| counts[i].n() >= min_n)
        .collect();
    let eligible_counts: Vec<Counts> = eligible.iter().map(|&i| counts[i]).collect();
    let stats_error = |e: stats::StatsError| DatabaseError::Corrupt(e.to_string());
    let tier_of = tiers(&eligible_counts, level).map_err(stats_error)?;
    let mut rows = Vec::with_capacity(subjects.len());
    for (index, subject) in subjects.iter().enumerate() {
        let position = eligible.iter().position(|&i| i == index);
        let result = match position.and_then(|p| tier_of[p]) {
            Some(tier) => interval(counts[index], method, level, &IntervalOptions::default())
                .map_err(stats_error)?
                .map(|i| RankedResult {
                    nps: i.nps,
                    ci_low: i.low,
                    ci_high: i.high,
                    tier,
                }),
            None => None,
        };
        rows.push(RankingRow {
            subject: subject.slug.clone(),
            promoters: counts[index].promoters,
            passives: counts[index].passives,
            detractors: counts[index].detractors,
            name_zh: subject.name_zh.clone(),
            name_en: subject.name_en.clone(),
            n: counts[index].n(),
            result,
        });
    }
    rows.sort_by(|a, b| match (&a.result, &b.result) {
        (Some(x), Some(y)) => x.tier.cmp(&y.tier).then(y.nps.total_cmp(&x.nps)),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => b.n.cmp(&a.n),
    });
    Ok(rows)
}
