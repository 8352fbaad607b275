//! Retention: a survey's reasons and its answers' client and network hashes are cleared a set
//! number of days (the survey's `retention_days`) after its first publication. Scores, and so
//! every published number and data hash, stay. Run by `koubei retention apply` and daily by the
//! server; each survey is cleared once, in one audited transaction, whichever instance gets there
//! first.

use time::{Duration, OffsetDateTime};

use crate::db::{timestamp, Database, DatabaseError};
use crate::staff::audit::{self, Change};
use crate::staff::Actor;

/// What retention did, or (dry run) would do, to one survey.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cleared {
    pub survey_slug: String,
    pub survey_id: String,
    pub first_published_at: String,
    pub retention_days: i64,
    /// Answers whose reason, client hash or network hash was (or would be) cleared.
    pub answers: i64,
}

/// Published surveys whose retention time has passed at `now` and whose personal data is
/// still there.
pub async fn due(db: &Database, now: OffsetDateTime) -> Result<Vec<Cleared>, DatabaseError> {
    let rows: Vec<(String, String, i64, String)> = sqlx::query_as(
        "SELECT s.id, s.slug, s.retention_days, MIN(n.published_at)
         FROM surveys s JOIN snapshots n ON n.survey_id = s.id
         WHERE s.personal_data_cleared_at IS NULL
         GROUP BY s.id, s.slug, s.retention_days
         ORDER BY s.slug",
    )
    .fetch_all(db.pool())
    .await?;
    let mut due = Vec::new();
    for (survey_id, survey_slug, retention_days, first_published_at) in rows {
        let published = timestamp::parse(&first_published_at).ok_or_else(|| {
            DatabaseError::Corrupt(format!("snapshot time {first_published_at:?}"))
        })?;
        if published + Duration::days(retention_days) > now {
            continue;
        }
        let (answers,): (i64,) = sqlx::query_as(PERSONAL_COUNT)
            .bind(&survey_id)
            .fetch_one(db.pool())
            .await?;
        due.push(Cleared {
            survey_slug,
            survey_id,
            first_published_at,
            retention_days,
            answers,
        });
    }
    Ok(due)
}

const PERSONAL_COUNT: &str = "SELECT COUNT(*) FROM responses WHERE survey_id = $1 AND \
     (reason IS NOT NULL OR client_hash IS NOT NULL OR network_hash IS NOT NULL)";

/// Clears every survey that is due at `now`; returns what was cleared (nothing twice, even with
/// several servers running the job at once).
pub async fn apply(
    db: &Database,
    actor: &Actor,
    now: OffsetDateTime,
) -> Result<Vec<Cleared>, DatabaseError> {
    let mut cleared = Vec::new();
    for survey in due(db, now).await? {
        if clear(db, actor, &survey, now).await? {
            cleared.push(survey);
        }
    }
    Ok(cleared)
}

/// Clears one survey in one transaction; `false` when another run got there first.
async fn clear(
    db: &Database,
    actor: &Actor,
    survey: &Cleared,
    now: OffsetDateTime,
) -> Result<bool, DatabaseError> {
    let mut tx = db.begin_write().await?;
    let claimed = sqlx::query(
        "UPDATE surveys SET personal_data_cleared_at = $1
         WHERE id = $2 AND personal_data_cleared_at IS NULL",
    )
    .bind(timestamp::format(now))
    .bind(&survey.survey_id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if claimed == 0 {
        return Ok(false);
    }
    let (answers,): (i64,) = sqlx::query_as(PERSONAL_COUNT)
        .bind(&survey.survey_id)
        .fetch_one(&mut *tx)
        .await?;
    sqlx::query(
        "UPDATE responses SET reason = NULL, client_hash = NULL, network_hash = NULL
         WHERE survey_id = $1",
    )
    .bind(&survey.survey_id)
    .execute(&mut *tx)
    .await?;
    let mut change = Change::new("survey.retention", "survey", &survey.survey_id);
    change.before = Some(serde_json::json!({ "answers_with_personal_data": answers }));
    change.after = Some(serde_json::json!({
        "answers_with_personal_data": 0,
        "retention_days": survey.retention_days,
        "first_published_at": survey.first_published_at,
    }));
    audit::record(&mut tx, actor, change).await?;
    tx.commit().await?;
    Ok(true)
}

/// The server's daily job: clears what is due now, then once a day. A failed pass is logged and
/// tried again the next day (nothing is half-cleared: each survey is one transaction).
pub async fn keep_clearing(db: Database) {
    const DAY: std::time::Duration = std::time::Duration::from_secs(24 * 60 * 60);
    let mut ticker = tokio::time::interval(DAY);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticker.tick().await;
        match apply(&db, &Actor::Retention, OffsetDateTime::now_utc()).await {
            Ok(cleared) => {
                for survey in cleared {
                    tracing::info!(
                        survey = survey.survey_slug,
                        answers = survey.answers,
                        "retention: reasons and client/network hashes cleared"
                    );
                }
            }
            Err(error) => tracing::warn!(%error, "retention pass failed"),
        }
    }
}
