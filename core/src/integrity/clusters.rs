//! Suspect clusters as staff see them, and their decisions: release (the answers count) or
//! exclude (they stay out), with a note, audited, and open to a change of mind later.

use std::collections::BTreeMap;

use integrity::Signal;
use serde::Serialize;

use crate::authoring::audit_change;
use crate::db::{timestamp, Database, DatabaseError};
use crate::failure::{Failure, FailureKind};
use crate::results::tallies::{self, TallyKey};
use crate::staff::Actor;

pub const NOTE_MAX_CHARS: usize = 500;

/// A staff decision on a cluster.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Decision {
    Release,
    Exclude,
}

impl Decision {
    pub fn parse(text: &str) -> Option<Decision> {
        match text {
            "release" => Some(Decision::Release),
            "exclude" => Some(Decision::Exclude),
            _ => None,
        }
    }

    /// The cluster's status after it.
    pub fn status(self) -> &'static str {
        match self {
            Decision::Release => "released",
            Decision::Exclude => "excluded",
        }
    }
}

/// What can go wrong deciding a cluster. Nothing changes when it does.
#[derive(Debug, thiserror::Error)]
pub enum IntegrityError {
    #[error("no such suspect cluster")]
    NotFound,
    #[error("the cluster is {0} already")]
    AlreadyDecided(&'static str),
    #[error("a decision needs a note saying why")]
    NoteRequired,
    #[error("the note is too long")]
    NoteTooLong,
    #[error(transparent)]
    Database(#[from] DatabaseError),
}

impl From<sqlx::Error> for IntegrityError {
    fn from(error: sqlx::Error) -> Self {
        IntegrityError::Database(DatabaseError::Query(error))
    }
}

/// A cluster with its evidence and what it would do to its subject's results.
#[derive(Clone, Debug, Serialize)]
pub struct ClusterView {
    pub id: String,
    pub subject: String,
    pub subject_name_zh: String,
    pub subject_name_en: String,
    pub signal: Signal,
    pub first_at: String,
    pub last_at: String,
    pub answers: i64,
    pub networks: i64,
    pub excess: f64,
    pub p_value: f64,
    pub shift_p: f64,
    pub uniform_completion: bool,
    pub fresh_share: f64,
    pub detected_at: String,
    /// `open`, `released` or `excluded`.
    pub status: String,
    pub decided_by: Option<String>,
    pub decided_at: Option<String>,
    pub note: String,
    /// The cluster's answers per score 0–10 (individually excluded ones left out).
    pub scores: [u64; 11],
    /// The subject's counted answers per score as they stand now.
    pub subject_counted: [u64; 11],
}

impl ClusterView {
    /// The subject's counted answers per score with the cluster counted and without it.
    pub fn with_and_without(&self) -> ([u64; 11], [u64; 11]) {
        let mut with = self.subject_counted;
        let mut without = self.subject_counted;
        for score in 0..11 {
            if self.status == "released" {
                without[score] = without[score].saturating_sub(self.scores[score]);
            } else {
                with[score] += self.scores[score];
            }
        }
        (with, without)
    }
}

#[derive(sqlx::FromRow)]
struct ClusterRow {
    id: String,
    subject: String,
    subject_name_zh: String,
    subject_name_en: String,
    signal: String,
    first_at: String,
    last_at: String,
    networks: i64,
    excess: f64,
    p_value: f64,
    shift_p: f64,
    uniform_completion: i64,
    fresh_share: f64,
    detected_at: String,
    status: String,
    decided_by: Option<String>,
    decided_at: Option<String>,
    note: String,
    subject_id: String,
    survey_id: String,
}

const SELECT_CLUSTERS: &str = "SELECT c.id, su.slug AS subject, su.name_zh AS subject_name_zh,
        su.name_en AS subject_name_en, c.signal, c.first_at, c.last_at,
        c.networks, c.excess, c.p_value, c.shift_p, c.uniform_completion, c.fresh_share,
        c.detected_at, c.status, c.decided_by, c.decided_at, c.note, c.subject_id, c.survey_id
     FROM suspect_clusters c JOIN subjects su ON su.id = c.subject_id";

/// A survey's clusters, open ones first, then the newest.
pub async fn list(db: &Database, survey_id: &str) -> Result<Vec<ClusterView>, DatabaseError> {
    let rows: Vec<ClusterRow> = sqlx::query_as(&format!(
        "{SELECT_CLUSTERS} WHERE c.survey_id = $1
         ORDER BY CASE WHEN c.status = 'open' THEN 0 ELSE 1 END, c.detected_at DESC, c.id"
    ))
    .bind(survey_id)
    .fetch_all(db.pool())
    .await?;
    views(db, rows).await
}

/// One cluster by its id.
pub async fn one(db: &Database, cluster_id: &str) -> Result<Option<ClusterView>, DatabaseError> {
    let rows: Vec<ClusterRow> = sqlx::query_as(&format!("{SELECT_CLUSTERS} WHERE c.id = $1"))
        .bind(cluster_id)
        .fetch_all(db.pool())
        .await?;
    Ok(views(db, rows).await?.pop())
}

/// The rows with their scores and their subject's counted answers (one survey's rows).
async fn views(db: &Database, rows: Vec<ClusterRow>) -> Result<Vec<ClusterView>, DatabaseError> {
    let Some(survey_id) = rows.first().map(|row| row.survey_id.clone()) else {
        return Ok(Vec::new());
    };
    let mut conn = db.pool().acquire().await?;
    let counted = tallies::read(&mut conn, &survey_id).await?;
    let mut views = Vec::with_capacity(rows.len());
    for row in rows {
        let scores = cluster_scores(&mut conn, &row.id).await?;
        views.push(ClusterView {
            answers: scores.iter().sum::<u64>() as i64,
            subject_counted: counted.get(&row.subject_id).copied().unwrap_or([0; 11]),
            scores,
            signal: Signal::parse(&row.signal).unwrap_or(Signal::Burst),
            uniform_completion: row.uniform_completion != 0,
            id: row.id,
            subject: row.subject,
            subject_name_zh: row.subject_name_zh,
            subject_name_en: row.subject_name_en,
            first_at: row.first_at,
            last_at: row.last_at,
            networks: row.networks,
            excess: row.excess,
            p_value: row.p_value,
            shift_p: row.shift_p,
            fresh_share: row.fresh_share,
            detected_at: row.detected_at,
            status: row.status,
            decided_by: row.decided_by,
            decided_at: row.decided_at,
            note: row.note,
        });
    }
    Ok(views)
}

/// How many clusters of the survey wait for a decision.
pub async fn open_count(
    conn: &mut sqlx::AnyConnection,
    survey_id: &str,
) -> Result<i64, DatabaseError> {
    let (open,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM suspect_clusters WHERE survey_id = $1 AND status = 'open'",
    )
    .bind(survey_id)
    .fetch_one(conn)
    .await?;
    Ok(open)
}

/// The cluster's answers per score, leaving out those staff excluded one by one (they stay out
/// whatever becomes of the cluster).
async fn cluster_scores(
    conn: &mut sqlx::AnyConnection,
    cluster_id: &str,
) -> Result<[u64; 11], DatabaseError> {
    let rows: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT r.score, COUNT(*) FROM responses r
         WHERE r.cluster_id = $1
           AND NOT EXISTS (SELECT 1 FROM exclusions x
                           WHERE x.response_id = r.id AND x.restored_at IS NULL)
         GROUP BY r.score",
    )
    .bind(cluster_id)
    .fetch_all(conn)
    .await?;
    let mut scores = [0u64; 11];
    for (score, n) in rows {
        if let (Ok(score), Ok(n)) = (usize::try_from(score), u64::try_from(n)) {
            if score <= 10 {
                scores[score] += n;
            }
        }
    }
    Ok(scores)
}

/// Releases or excludes a cluster, or changes an earlier decision. The tallies follow in the
/// same transaction, and the audit log keeps who decided what and why.
pub async fn decide(
    db: &Database,
    actor: &Actor,
    cluster_id: &str,
    decision: Decision,
    note: &str,
) -> Result<(), IntegrityError> {
    let note = note.trim();
    if note.is_empty() {
        return Err(IntegrityError::NoteRequired);
    }
    if note.chars().count() > NOTE_MAX_CHARS {
        return Err(IntegrityError::NoteTooLong);
    }
    let mut tx = db.begin_write().await?;
    let row: Option<(String, String, String, String)> = sqlx::query_as(
        "SELECT survey_id, subject_id, status, note FROM suspect_clusters WHERE id = $1",
    )
    .bind(cluster_id)
    .fetch_optional(&mut *tx)
    .await?;
    let (survey_id, subject_id, before, before_note) = row.ok_or(IntegrityError::NotFound)?;
    let after = decision.status();
    if before == after {
        return Err(IntegrityError::AlreadyDecided(after));
    }
    let changed = sqlx::query(
        "UPDATE suspect_clusters SET status = $1, decided_by = $2, decided_at = $3, note = $4
         WHERE id = $5 AND status = $6",
    )
    .bind(after)
    .bind(actor.label())
    .bind(timestamp::now())
    .bind(note)
    .bind(cluster_id)
    .bind(&before)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if changed != 1 {
        return Err(IntegrityError::AlreadyDecided(after));
    }
    // Counted before and after: only "released" counts.
    let delta = match (before == "released", after == "released") {
        (false, true) => 1,
        (true, false) => -1,
        _ => 0,
    };
    if delta != 0 {
        let scores = cluster_scores(&mut tx, cluster_id).await?;
        let changes: BTreeMap<TallyKey, i64> = scores
            .iter()
            .enumerate()
            .filter(|(_, n)| **n > 0)
            .map(|(score, n)| {
                (
                    TallyKey {
                        survey_id: survey_id.clone(),
                        subject_id: subject_id.clone(),
                        score: score as i64,
                    },
                    delta * *n as i64,
                )
            })
            .collect();
        tallies::adjust(&mut tx, db.backend(), &changes).await?;
    }
    audit_change(
        &mut tx,
        actor,
        &format!(
            "cluster.{}",
            if after == "released" {
                "release"
            } else {
                "exclude"
            }
        ),
        "suspect_cluster",
        cluster_id,
        Some(serde_json::json!({ "status": before, "note": before_note })),
        Some(serde_json::json!({ "status": after, "note": note })),
    )
    .await
    .map_err(|e| match e {
        crate::authoring::AuthoringError::Database(e) => IntegrityError::Database(e),
        other => IntegrityError::Database(DatabaseError::Corrupt(other.to_string())),
    })?;
    tx.commit().await?;
    Ok(())
}

impl Failure for IntegrityError {
    fn code(&self) -> &'static str {
        match self {
            IntegrityError::NotFound => "not_found",
            IntegrityError::AlreadyDecided(_) => "already_decided",
            IntegrityError::NoteRequired => "note_required",
            IntegrityError::NoteTooLong => "too_long",
            IntegrityError::Database(_) => "unavailable",
        }
    }

    fn kind(&self) -> FailureKind {
        match self {
            IntegrityError::NotFound => FailureKind::NotFound,
            IntegrityError::AlreadyDecided(_) => FailureKind::Conflict,
            IntegrityError::NoteRequired | IntegrityError::NoteTooLong => FailureKind::Invalid,
            IntegrityError::Database(_) => FailureKind::Unavailable,
        }
    }
}
