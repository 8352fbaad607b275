//! One detection pass over a survey: read its answers, run the detectors, hold what they find.

use std::collections::{BTreeMap, HashMap};

use integrity::{detect, Answer, Settings, SuspectCluster};

use crate::db::{new_id, timestamp, Database, DatabaseError};
use crate::results::tallies::{self, TallyKey};

/// The most answers one pass reads (the newest): a survey bigger than this is scanned on its
/// latest answers, which is where stuffing in progress is.
const MOST_ANSWERS: i64 = 200_000;

/// What a pass did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ScanOutcome {
    pub answers: usize,
    pub clusters_opened: usize,
    pub answers_held: usize,
}

/// A stored answer: id, subject, score, created, network, new identity, completion, reason,
/// the staff-issued credential it came with (kiosk key or invitation batch), cluster.
type Row = (
    String,
    String,
    i64,
    String,
    Option<String>,
    i64,
    Option<i64>,
    Option<String>,
    Option<String>,
    Option<String>,
);

/// Runs the detectors over the survey's answers and holds every answer of a new suspect
/// cluster that no cluster holds yet. Answers joining a cluster that is still open grow it.
pub async fn scan(db: &Database, survey_id: &str) -> Result<ScanOutcome, DatabaseError> {
    let mut rows: Vec<Row> = sqlx::query_as(
        "SELECT id, subject_id, score, created_at, network_hash, new_identity, completion_ms,
                reason, COALESCE(kiosk_key_id, invitation_batch_id), cluster_id
         FROM responses WHERE survey_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2",
    )
    .bind(survey_id)
    .bind(MOST_ANSWERS)
    .fetch_all(db.pool())
    .await?;
    rows.reverse();
    let mut subjects: HashMap<String, usize> = HashMap::new();
    let answers: Vec<Answer> = rows
        .iter()
        .map(|row| {
            let next = subjects.len();
            Answer {
                at_s: timestamp::parse(&row.3).map_or(0, |t| t.unix_timestamp()),
                subject: *subjects.entry(row.1.clone()).or_insert(next),
                score: u8::try_from(row.2).unwrap_or(0),
                network: row.4.as_deref().and_then(network_number),
                fresh_identity: row.5 != 0,
                completion_ms: row.6,
                reason: row.7.clone(),
                vouched: row.8.is_some(),
            }
        })
        .collect();
    let found = detect(&answers, &Settings::default());
    let mut outcome = ScanOutcome {
        answers: answers.len(),
        ..ScanOutcome::default()
    };
    if found.is_empty() {
        return Ok(outcome);
    }

    let mut tx = db.begin_write().await?;
    let mut taken = vec![false; rows.len()];
    let mut uncounted: BTreeMap<TallyKey, i64> = BTreeMap::new();
    for cluster in &found {
        let fresh: Vec<usize> = cluster
            .members
            .iter()
            .copied()
            .filter(|&i| rows[i].9.is_none() && !taken[i])
            .collect();
        if fresh.is_empty() {
            continue;
        }
        let (cluster_id, opened) = match open_cluster_among(&mut tx, &rows, cluster).await? {
            Some(id) => {
                update_evidence(&mut tx, &id, cluster, &rows).await?;
                (id, false)
            }
            None => (
                insert_cluster(&mut tx, survey_id, cluster, &rows).await?,
                true,
            ),
        };
        let mut held = 0;
        for &i in &fresh {
            let joined = sqlx::query(
                "UPDATE responses SET cluster_id = $1 WHERE id = $2 AND cluster_id IS NULL",
            )
            .bind(&cluster_id)
            .bind(&rows[i].0)
            .execute(&mut *tx)
            .await?
            .rows_affected();
            if joined == 0 {
                continue; // another instance held it first
            }
            taken[i] = true;
            held += 1;
            let (excluded,): (i64,) = sqlx::query_as(
                "SELECT COUNT(*) FROM exclusions WHERE response_id = $1 AND restored_at IS NULL",
            )
            .bind(&rows[i].0)
            .fetch_one(&mut *tx)
            .await?;
            if excluded == 0 {
                *uncounted
                    .entry(TallyKey {
                        survey_id: survey_id.to_string(),
                        subject_id: rows[i].1.clone(),
                        score: rows[i].2,
                    })
                    .or_default() -= 1;
            }
        }
        if held == 0 && opened {
            sqlx::query("DELETE FROM suspect_clusters WHERE id = $1")
                .bind(&cluster_id)
                .execute(&mut *tx)
                .await?;
            continue;
        }
        outcome.clusters_opened += usize::from(opened);
        outcome.answers_held += held;
    }
    tallies::adjust(&mut tx, db.backend(), &uncounted).await?;
    tx.commit().await?;
    if outcome.answers_held > 0 {
        tracing::info!(survey_id, ?outcome, "answers held for review");
    }
    Ok(outcome)
}

/// A network hash as a number for the detectors (its first 64 bits).
fn network_number(hash: &str) -> Option<u64> {
    hash.get(..16).and_then(|h| u64::from_str_radix(h, 16).ok())
}

/// An open cluster of the same signal and subject that already holds some of these members.
async fn open_cluster_among(
    conn: &mut sqlx::AnyConnection,
    rows: &[Row],
    cluster: &SuspectCluster,
) -> Result<Option<String>, DatabaseError> {
    let mut known: Vec<&str> = cluster
        .members
        .iter()
        .filter_map(|&i| rows[i].9.as_deref())
        .collect();
    known.sort_unstable();
    known.dedup();
    for id in known {
        let open: Option<(String,)> = sqlx::query_as(
            "SELECT id FROM suspect_clusters WHERE id = $1 AND status = 'open' AND signal = $2",
        )
        .bind(id)
        .bind(cluster.signal.as_str())
        .fetch_optional(&mut *conn)
        .await?;
        if let Some((id,)) = open {
            return Ok(Some(id));
        }
    }
    Ok(None)
}

fn first_and_last(rows: &[Row], cluster: &SuspectCluster) -> (String, String) {
    let times = cluster.members.iter().map(|&i| rows[i].3.clone());
    (
        times.clone().min().unwrap_or_default(),
        times.max().unwrap_or_default(),
    )
}

async fn insert_cluster(
    conn: &mut sqlx::AnyConnection,
    survey_id: &str,
    cluster: &SuspectCluster,
    rows: &[Row],
) -> Result<String, DatabaseError> {
    let id = new_id();
    let (first, last) = first_and_last(rows, cluster);
    let subject_id = &rows[cluster.members[0]].1;
    sqlx::query(
        "INSERT INTO suspect_clusters (id, survey_id, subject_id, signal, first_at, last_at,
             networks, excess, p_value, shift_p, uniform_completion, fresh_share, detected_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
    )
    .bind(&id)
    .bind(survey_id)
    .bind(subject_id)
    .bind(cluster.signal.as_str())
    .bind(first)
    .bind(last)
    .bind(cluster.networks as i64)
    .bind(cluster.excess)
    .bind(cluster.p_value.clamp(0.0, 1.0))
    .bind(cluster.shift_p.clamp(0.0, 1.0))
    .bind(i64::from(cluster.uniform_completion))
    .bind(cluster.fresh_share)
    .bind(timestamp::now())
    .execute(&mut *conn)
    .await?;
    Ok(id)
}

/// A growing cluster keeps the latest evidence, which covers all of it.
async fn update_evidence(
    conn: &mut sqlx::AnyConnection,
    id: &str,
    cluster: &SuspectCluster,
    rows: &[Row],
) -> Result<(), DatabaseError> {
    let (_, last) = first_and_last(rows, cluster);
    sqlx::query(
        "UPDATE suspect_clusters SET last_at = $1, networks = $2, excess = $3, p_value = $4,
             shift_p = $5, uniform_completion = $6, fresh_share = $7
         WHERE id = $8 AND status = 'open'",
    )
    .bind(last)
    .bind(cluster.networks as i64)
    .bind(cluster.excess)
    .bind(cluster.p_value.clamp(0.0, 1.0))
    .bind(cluster.shift_p.clamp(0.0, 1.0))
    .bind(i64::from(cluster.uniform_completion))
    .bind(cluster.fresh_share)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Scans, every `every`, the open surveys that received answers since the previous pass; runs
/// until the task is dropped. A failed pass is logged and tried again next time.
pub async fn keep_scanning(db: Database, every: std::time::Duration) {
    // Answers are stamped before their transaction commits: looking back a minute further
    // than the last pass catches those that became visible late.
    const MARGIN: time::Duration = time::Duration::seconds(60);
    let mut since = String::new();
    let mut ticker = tokio::time::interval(every);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticker.tick().await;
        let started = timestamp::format(time::OffsetDateTime::now_utc() - MARGIN);
        let surveys = match surveys_with_answers_since(&db, &since).await {
            Ok(surveys) => surveys,
            Err(error) => {
                tracing::warn!(%error, "integrity pass could not list surveys");
                continue;
            }
        };
        let mut failed = false;
        for survey_id in surveys {
            if let Err(error) = scan(&db, &survey_id).await {
                tracing::warn!(%error, survey_id, "integrity pass failed");
                failed = true;
            }
        }
        if !failed {
            since = started;
        }
    }
}

/// The open surveys with answers newer than `since` (stored time text), for the background
/// scanner: a survey nobody answered since the last pass has nothing new to find.
pub async fn surveys_with_answers_since(
    db: &Database,
    since: &str,
) -> Result<Vec<String>, DatabaseError> {
    let rows: Vec<(String,)> = sqlx::query_as(
        "SELECT s.id FROM surveys s WHERE s.status = 'open'
           AND EXISTS (SELECT 1 FROM responses r WHERE r.survey_id = s.id AND r.created_at > $1)",
    )
    .bind(since)
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}
