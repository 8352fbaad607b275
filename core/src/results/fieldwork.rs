//! The fieldwork dashboard: progress per subject against its quota (or the minimum n), by
//! channel, the pace of the last days and a forecast, answers per day, and what each weighting
//! cell still needs. Read-only; every count is of counted answers.

use std::collections::HashMap;

use domain::fieldwork::{CellNeed, DayCount, Fieldwork, SubjectProgress, DAYS_SHOWN, PACE_DAYS};
use domain::Channel;
use sqlx::AnyConnection;
use time::{Duration, OffsetDateTime};

use super::live::ResultsSurvey;
use super::{tallies, weighting, ResultsError};
use crate::db::timestamp::{self, council_date};

/// The survey's fieldwork as it stands at `now`.
pub async fn fieldwork(
    conn: &mut AnyConnection,
    survey: &ResultsSurvey,
    now: OffsetDateTime,
) -> Result<Fieldwork, ResultsError> {
    let subjects: Vec<(String, String, String, String, Option<i64>)> = sqlx::query_as(
        "SELECT su.id, su.slug, su.name_zh, su.name_en, ss.quota
         FROM survey_subjects ss JOIN subjects su ON su.id = ss.subject_id
         WHERE ss.survey_id = $1 ORDER BY ss.position, su.slug",
    )
    .bind(&survey.id)
    .fetch_all(&mut *conn)
    .await?;
    let by_channel: Vec<(String, String, i64)> = sqlx::query_as(&format!(
        "SELECT r.subject_id, r.channel, COUNT(*) FROM responses r
         WHERE r.survey_id = $1 AND {} GROUP BY r.subject_id, r.channel",
        tallies::counted()
    ))
    .bind(&survey.id)
    .fetch_all(&mut *conn)
    .await?;
    let days: Vec<String> = (0..DAYS_SHOWN)
        .rev()
        .filter_map(|back| council_date(&timestamp::format(now - Duration::days(back))))
        .collect();
    // Timestamps are stored in one sortable UTC form, so "since" is a string comparison; the
    // days are bucketed here, in Beijing time, the same on both engines. The pace needs the
    // last `PACE_DAYS` × 24 hours, which the first shown day's start always precedes.
    let since = days
        .first()
        .and_then(|day| timestamp::council_day_start(day, 0))
        .unwrap_or_else(|| timestamp::format(now - Duration::days(DAYS_SHOWN)));
    let recent: Vec<(String, String)> = sqlx::query_as(&format!(
        "SELECT r.subject_id, r.created_at FROM responses r
         WHERE r.survey_id = $1 AND r.created_at >= $2 AND {}",
        tallies::counted()
    ))
    .bind(&survey.id)
    .bind(&since)
    .fetch_all(&mut *conn)
    .await?;

    let today = council_date(&timestamp::format(now)).unwrap_or_default();
    let pace_from = timestamp::format(now - Duration::days(PACE_DAYS));
    let mut per_day: HashMap<String, i64> = HashMap::new();
    let mut recent_by_subject: HashMap<&str, i64> = HashMap::new();
    for (subject, at) in &recent {
        if let Some(day) = council_date(at) {
            *per_day.entry(day).or_default() += 1;
        }
        if *at >= pace_from {
            *recent_by_subject.entry(subject.as_str()).or_default() += 1;
        }
    }
    let min_n = survey.min_n;
    let progress = subjects
        .into_iter()
        .map(|(id, slug, name_zh, name_en, quota)| {
            let channels: Vec<(Channel, i64)> = Channel::ALL
                .iter()
                .map(|channel| {
                    let n = by_channel
                        .iter()
                        .filter(|(s, c, _)| *s == id && c == channel.as_str())
                        .map(|(_, _, n)| n)
                        .sum();
                    (*channel, n)
                })
                .collect();
            let counted: i64 = channels.iter().map(|(_, n)| n).sum();
            let target = quota.unwrap_or(min_n);
            let recent = recent_by_subject.get(id.as_str()).copied().unwrap_or(0);
            SubjectProgress {
                forecast_day: forecast(counted, target, recent, now),
                subject: slug,
                name_zh,
                name_en,
                counted,
                quota,
                target,
                channels,
                recent,
            }
        })
        .collect::<Vec<_>>();
    let cells = cell_needs(conn, survey, &progress).await?;
    Ok(Fieldwork {
        survey: survey.slug.clone(),
        today,
        days: days
            .into_iter()
            .map(|day| DayCount {
                answers: per_day.get(&day).copied().unwrap_or(0),
                day,
            })
            .collect(),
        subjects: progress,
        cells,
    })
}

/// The Beijing day `target` is reached if answers keep coming at the last `PACE_DAYS` days'
/// pace; `None` when reached already or when nothing came in lately.
pub fn forecast(counted: i64, target: i64, recent: i64, now: OffsetDateTime) -> Option<String> {
    if counted >= target || recent <= 0 {
        return None;
    }
    let per_day = recent as f64 / PACE_DAYS as f64;
    let days = ((target - counted) as f64 / per_day).ceil() as i64;
    // Beyond ten years is no forecast at all.
    (days <= 3650).then(|| council_date(&timestamp::format(now + Duration::days(days))))?
}

/// Per weighting target: the answers in the cell now and how many more the survey's goal (the
/// larger of the answers counted and the sum of the subjects' targets) needs there.
async fn cell_needs(
    conn: &mut AnyConnection,
    survey: &ResultsSurvey,
    progress: &[SubjectProgress],
) -> Result<Vec<CellNeed>, ResultsError> {
    let Some(targets) = weighting::read_targets(conn, &survey.id).await? else {
        return Ok(Vec::new());
    };
    // One row per profile combination, not per answer: the cells are counted from these.
    let rows: Vec<(Option<String>, Option<String>, i64)> = sqlx::query_as(&format!(
        "SELECT r.age_band, r.district, COUNT(*) FROM responses r
         WHERE r.survey_id = $1 AND {} GROUP BY r.age_band, r.district",
        tallies::counted()
    ))
    .bind(&survey.id)
    .fetch_all(&mut *conn)
    .await?;
    let counted: i64 = progress.iter().map(|p| p.counted).sum();
    let planned: i64 = progress.iter().map(|p| p.target.max(p.counted)).sum();
    let goal_total = counted.max(planned);
    Ok(targets
        .cells()
        .map(|cell| {
            let in_cell = rows
                .iter()
                .filter(|(age_band, district, _)| {
                    let given = if cell.question == "age_band" {
                        age_band
                    } else {
                        district
                    };
                    given.as_deref() == Some(cell.answer)
                })
                .map(|(_, _, n)| n)
                .sum();
            let goal = (cell.share * goal_total as f64).round() as i64;
            CellNeed {
                question: cell.question.to_string(),
                answer: cell.answer.to_string(),
                name_zh: cell.name_zh.to_string(),
                name_en: cell.name_en.to_string(),
                target: cell.share,
                goal,
                counted: in_cell,
                needed: (goal - in_cell).max(0),
            }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn the_forecast_extends_the_last_weeks_pace() {
        let now = datetime!(2026-12-07 04:00 UTC); // noon in Beijing
                                                   // 14 answers in 7 days: 2 a day; 10 more needed → 5 days.
        assert_eq!(forecast(40, 50, 14, now).as_deref(), Some("2026-12-12"));
        // One answer in a week, 20 needed: 140 days.
        assert_eq!(forecast(30, 50, 1, now).as_deref(), Some("2027-04-26"));
        assert_eq!(forecast(50, 50, 14, now), None, "reached");
        assert_eq!(
            forecast(10, 50, 0, now),
            None,
            "nothing lately, no forecast"
        );
        assert_eq!(forecast(0, 100_000, 1, now), None, "beyond ten years");
    }
}
