//! Snapshots: what a publication froze — the results, the method and its version, the quality
//! ledger, when and by whom, and a SHA-256 of the counted response data. Rows are never
//! changed (the database refuses it); a correction is a new snapshot with a changelog entry.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use sqlx::{AnyConnection, FromRow};

use super::live::{find_survey, live_results_on, Basis, ResultsSurvey};
use super::ResultsError;
use crate::authoring::audit_change;
use crate::db::{new_id, timestamp, Database};
use crate::moderation::ledger::ledger_on;
use crate::staff::Actor;
use domain::results::SurveyResults;
use domain::SurveyStatus;

/// A frozen publication, as served.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    /// 1 for the first publication, then one more per correction; part of the citable URL.
    pub number: i64,
    pub published_at: String,
    pub published_by: String,
    pub method: String,
    pub method_version: String,
    pub level: f64,
    pub min_n: i64,
    /// Hex SHA-256 of the counted responses (`id,subject,score,channel` lines in id order),
    /// then of one line `integrity:` and the integrity report (the ledger) as frozen beside them,
    /// then (when any subject has reasons) one line `themes:` with the frozen themes, keywords
    /// and quotes.
    pub data_hash: String,
    pub responses: i64,
    /// Empty for the first publication; what a correction changed and why.
    pub changelog: String,
    pub results: SurveyResults,
    pub ledger: serde_json::Value,
}

#[derive(FromRow)]
struct SnapshotRow {
    number: i64,
    published_at: String,
    published_by: String,
    method: String,
    method_version: String,
    level: f64,
    min_n: i64,
    data_hash: String,
    responses: i64,
    changelog: String,
    results: String,
    ledger: String,
}

impl SnapshotRow {
    fn into_snapshot(self) -> Result<Snapshot, ResultsError> {
        Ok(Snapshot {
            results: serde_json::from_str(&self.results)
                .map_err(|e| ResultsError::Corrupt(format!("snapshot results: {e}")))?,
            ledger: serde_json::from_str(&self.ledger)
                .map_err(|e| ResultsError::Corrupt(format!("snapshot ledger: {e}")))?,
            number: self.number,
            published_at: self.published_at,
            published_by: self.published_by,
            method: self.method,
            method_version: self.method_version,
            level: self.level,
            min_n: self.min_n,
            data_hash: self.data_hash,
            responses: self.responses,
            changelog: self.changelog,
        })
    }
}

/// SHA-256 over the counted responses, `id,subject,score,channel\n` in id order (the channel
/// says which answers are verified; a weighted survey's lines add `,age_band,district`, empty
/// when not answered), then `integrity:` and the frozen integrity report's JSON:
/// neither the answers nor the account of what was held and excluded can change unseen. One
/// streamed query: paging would make the database sort the survey's responses once per page.
async fn data_hash(
    conn: &mut AnyConnection,
    survey_id: &str,
    integrity_report: &str,
    themes_line: Option<&str>,
) -> Result<(String, i64), ResultsError> {
    use futures_util::TryStreamExt;
    let mut hasher = Sha256::new();
    let mut count = 0i64;
    // A weighted survey's results also rest on each answer's profile: its lines carry it.
    let weighted = super::weighting::read_targets(&mut *conn, survey_id)
        .await?
        .is_some();
    let sql = format!(
        "SELECT r.id, su.slug, r.score, r.channel, r.age_band, r.district
         FROM responses r JOIN subjects su ON su.id = r.subject_id
         WHERE r.survey_id = $1 AND {}
         ORDER BY r.id",
        crate::results::tallies::counted()
    );
    type Row = (String, String, i64, String, Option<String>, Option<String>);
    let mut rows = sqlx::query_as::<_, Row>(&sql)
        .bind(survey_id)
        .fetch(&mut *conn);
    while let Some((id, subject, score, channel, age_band, district)) = rows.try_next().await? {
        if weighted {
            let (age_band, district) = (age_band.unwrap_or_default(), district.unwrap_or_default());
            hasher.update(
                format!("{id},{subject},{score},{channel},{age_band},{district}\n").as_bytes(),
            );
        } else {
            hasher.update(format!("{id},{subject},{score},{channel}\n").as_bytes());
        }
        count += 1;
    }
    drop(rows);
    hasher.update(format!("integrity:{integrity_report}\n").as_bytes());
    if let Some(line) = themes_line {
        hasher.update(line.as_bytes());
    }
    Ok((hex::encode(hasher.finalize()), count))
}

/// Freezes the survey's current results as its next snapshot, on the caller's transaction (the
/// one that publishes, or a correction's own).
pub async fn freeze(
    conn: &mut AnyConnection,
    actor: &Actor,
    survey: &ResultsSurvey,
    changelog: &str,
) -> Result<Snapshot, ResultsError> {
    let mut snapshot = compute_frozen(conn, actor, survey, changelog).await?;
    insert(conn, &survey.id, &mut snapshot).await?;
    Ok(snapshot)
}

/// The survey's current results as its next snapshot would hold them, published now by
/// `actor`, without writing it (an embargo keeps it until its time).
pub async fn compute_frozen(
    conn: &mut AnyConnection,
    actor: &Actor,
    survey: &ResultsSurvey,
    changelog: &str,
) -> Result<Snapshot, ResultsError> {
    let mut results = live_results_on(conn, survey, None, None, Basis::Counted).await?;
    crate::themes::freeze::attach(conn, &survey.id, &mut results).await?;
    let ledger = serde_json::to_value(ledger_on(conn, &survey.id).await?)
        .map_err(|e| ResultsError::Corrupt(e.to_string()))?;
    let themes_line = crate::themes::freeze::hash_line(&results);
    let (data_hash, responses) = data_hash(
        conn,
        &survey.id,
        &ledger.to_string(),
        themes_line.as_deref(),
    )
    .await?;
    Ok(Snapshot {
        number: next_number(conn, &survey.id).await?,
        published_at: timestamp::now(),
        published_by: actor.label(),
        method: results.method.clone(),
        method_version: results.method_version.clone(),
        level: results.level,
        min_n: survey.min_n,
        data_hash,
        responses,
        changelog: changelog.trim().to_string(),
        ledger,
        results,
    })
}

/// The number the survey's next snapshot takes.
pub async fn next_number(conn: &mut AnyConnection, survey_id: &str) -> Result<i64, ResultsError> {
    let (number,): (i64,) =
        sqlx::query_as("SELECT COALESCE(MAX(number), 0) + 1 FROM snapshots WHERE survey_id = $1")
            .bind(survey_id)
            .fetch_one(&mut *conn)
            .await?;
    Ok(number)
}

/// Writes a frozen snapshot as the survey's snapshot `snapshot.number`, with the brands'
/// replies approved by now beside their rows (an embargo's snapshot was frozen before its
/// replies came; they join it here, when it is written).
pub async fn insert(
    conn: &mut AnyConnection,
    survey_id: &str,
    snapshot: &mut Snapshot,
) -> Result<(), ResultsError> {
    crate::authoring::replies::attach_approved(conn, survey_id, &mut snapshot.results).await?;
    let results_json = serde_json::to_string(&snapshot.results)
        .map_err(|e| ResultsError::Corrupt(e.to_string()))?;
    sqlx::query(
        "INSERT INTO snapshots (id, survey_id, number, published_at, published_by, method,
                                method_version, level, min_n, results, ledger, data_hash,
                                responses, changelog)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)",
    )
    .bind(new_id())
    .bind(survey_id)
    .bind(snapshot.number)
    .bind(&snapshot.published_at)
    .bind(&snapshot.published_by)
    .bind(&snapshot.method)
    .bind(&snapshot.method_version)
    .bind(snapshot.level)
    .bind(snapshot.min_n)
    .bind(results_json)
    .bind(snapshot.ledger.to_string())
    .bind(&snapshot.data_hash)
    .bind(snapshot.responses)
    .bind(&snapshot.changelog)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Publishes a correction of a published survey: its results as they are now (after the
/// exclusions made since), as the next snapshot, with what changed and why.
pub async fn correct(
    db: &Database,
    actor: &Actor,
    slug: &str,
    changelog: &str,
) -> Result<Snapshot, ResultsError> {
    if changelog.trim().is_empty() {
        return Err(ResultsError::ChangelogRequired);
    }
    let survey = find_survey(db, slug).await?.ok_or(ResultsError::NotFound)?;
    if survey.status() != SurveyStatus::Published {
        return Err(ResultsError::NotPublished);
    }
    crate::authoring::lifecycle::scan_before_freezing(db, slug).await?;
    let mut tx = db.begin_write().await?;
    let open = crate::integrity::clusters::open_count(&mut tx, &survey.id).await?;
    if open > 0 {
        return Err(ResultsError::UndecidedClusters(open));
    }
    let snapshot = freeze(&mut tx, actor, &survey, changelog).await?;
    audit_change(
        &mut tx,
        actor,
        "survey.correct",
        "survey",
        &survey.id,
        None,
        Some(serde_json::json!({
            "slug": slug, "snapshot": snapshot.number, "changelog": snapshot.changelog,
            "data_hash": snapshot.data_hash,
        })),
    )
    .await
    .map_err(|e| ResultsError::Corrupt(e.to_string()))?;
    tx.commit().await?;
    Ok(snapshot)
}

const COLUMNS: &str = "number, published_at, published_by, method, method_version, level, min_n,
     data_hash, responses, changelog, results, ledger";

/// One snapshot of a survey by number, or the latest with `None`.
pub async fn find(
    db: &Database,
    survey_id: &str,
    number: Option<i64>,
) -> Result<Option<Snapshot>, ResultsError> {
    let row: Option<SnapshotRow> = match number {
        Some(number) => {
            sqlx::query_as(&format!(
                "SELECT {COLUMNS} FROM snapshots WHERE survey_id = $1 AND number = $2"
            ))
            .bind(survey_id)
            .bind(number)
            .fetch_optional(db.pool())
            .await?
        }
        None => {
            sqlx::query_as(&format!(
                "SELECT {COLUMNS} FROM snapshots WHERE survey_id = $1 ORDER BY number DESC LIMIT 1"
            ))
            .bind(survey_id)
            .fetch_optional(db.pool())
            .await?
        }
    };
    row.map(SnapshotRow::into_snapshot).transpose()
}

/// The snapshots of a survey, newest first, without their results (for lists and changelogs).
#[derive(Clone, Debug, PartialEq, Serialize, FromRow)]
pub struct SnapshotSummary {
    pub number: i64,
    pub published_at: String,
    pub data_hash: String,
    pub responses: i64,
    pub changelog: String,
}

pub async fn list(db: &Database, survey_id: &str) -> Result<Vec<SnapshotSummary>, ResultsError> {
    Ok(sqlx::query_as(
        "SELECT number, published_at, data_hash, responses, changelog FROM snapshots
         WHERE survey_id = $1 ORDER BY number DESC",
    )
    .bind(survey_id)
    .fetch_all(db.pool())
    .await?)
}

/// The latest snapshot's data hash, stored and recomputed from the answers counted now with the
/// ledger it froze.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HashCheck {
    pub number: i64,
    pub stored: String,
    pub recomputed: String,
}

impl HashCheck {
    /// Equal: nothing that counts has changed since the snapshot (a restored backup holds
    /// exactly what was published). Different: an exclusion or withdrawal came since, which the
    /// next correction will publish.
    pub fn matches(&self) -> bool {
        self.stored == self.recomputed
    }
}

/// Checks the latest snapshot of a survey; `None` when it has none.
pub async fn check_latest_hash(
    db: &Database,
    survey_id: &str,
) -> Result<Option<HashCheck>, ResultsError> {
    let mut conn = db.pool().acquire().await?;
    let latest: Option<(i64, String, String, String)> = sqlx::query_as(
        "SELECT number, data_hash, ledger, results FROM snapshots WHERE survey_id = $1
         ORDER BY number DESC LIMIT 1",
    )
    .bind(survey_id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some((number, stored, ledger, results)) = latest else {
        return Ok(None);
    };
    // The frozen themes are hashed as frozen: reasons may since have been cleared (retention).
    let results: SurveyResults = serde_json::from_str(&results)
        .map_err(|e| ResultsError::Corrupt(format!("snapshot results: {e}")))?;
    let themes_line = crate::themes::freeze::hash_line(&results);
    let (mut recomputed, _) =
        data_hash(&mut conn, survey_id, &ledger, themes_line.as_deref()).await?;
    if recomputed != stored {
        // Snapshots published before channels and the integrity report were hashed (before the
        // invitations landed) used `id,subject,score` lines alone.
        let legacy = legacy_data_hash(&mut conn, survey_id).await?;
        if legacy == stored {
            recomputed = legacy;
        }
    }
    Ok(Some(HashCheck {
        number,
        stored,
        recomputed,
    }))
}

/// The data hash as snapshots published before the invitations were hashed: SHA-256 over
/// `id,subject,score\n` of the counted responses in id order, nothing after.
async fn legacy_data_hash(
    conn: &mut AnyConnection,
    survey_id: &str,
) -> Result<String, ResultsError> {
    use futures_util::TryStreamExt;
    let mut hasher = Sha256::new();
    let sql = format!(
        "SELECT r.id, su.slug, r.score
         FROM responses r JOIN subjects su ON su.id = r.subject_id
         WHERE r.survey_id = $1 AND {}
         ORDER BY r.id",
        crate::results::tallies::counted()
    );
    let mut rows = sqlx::query_as::<_, (String, String, i64)>(&sql)
        .bind(survey_id)
        .fetch(&mut *conn);
    while let Some((id, subject, score)) = rows.try_next().await? {
        hasher.update(format!("{id},{subject},{score}\n").as_bytes());
    }
    Ok(hex::encode(hasher.finalize()))
}
