//! Storing responses. A batch of submissions is written in one transaction (group commit):
//! one fsync acknowledges many respondents. Each submission is all-or-nothing inside it.

use std::collections::{BTreeMap, HashMap, HashSet};

use sqlx::any::AnyArguments;
use sqlx::{Any, Arguments, Transaction};

use super::{Backend, Database, DatabaseError};
use crate::domain::SurveyStatus;
use crate::results::tallies::{self, TallyKey};

/// Bit values of `responses.quality_flags`.
pub mod flags {
    /// The same client (IP + user agent) already answered this subject under another identity.
    pub const DUPLICATE: i64 = 1;
    /// The hidden honeypot field was filled in.
    pub const HONEYPOT: i64 = 2;
    /// Sent faster than a person can read and answer.
    pub const TOO_FAST: i64 = 4;
    /// The client hit the submission rate limit shortly before.
    pub const RATE_LIMITED: i64 = 8;
}

/// One response row to insert.
#[derive(Clone, Debug)]
pub struct NewResponse {
    pub id: String,
    pub subject_id: String,
    pub score: i64,
    pub reason: Option<String>,
    pub quality_flags: i64,
}

/// One submission (a form or an API call): its responses share everything but subject,
/// score and reason.
#[derive(Clone, Debug)]
pub struct PendingSubmission {
    pub survey_id: String,
    pub submission_id: String,
    pub respondent_key: String,
    pub lang: &'static str,
    pub age_band: Option<&'static str>,
    pub district: Option<String>,
    pub client_hash: Option<String>,
    /// Many people answer on this device (a kiosk whose API client names each respondent), so
    /// its earlier answers do not make a new one suspect.
    pub shared_device: bool,
    pub completion_ms: Option<i64>,
    pub created_at: String,
    pub rows: Vec<NewResponse>,
}

/// What became of one submission.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WriteOutcome {
    /// Committed; the new response ids, in row order.
    Stored(Vec<String>),
    /// This very submission was stored before (a retry); the ids stored then.
    Replayed(Vec<String>),
    /// The respondent already answered these subjects (ids); nothing was stored.
    Duplicate(Vec<String>),
    /// The survey stopped taking answers; nothing was stored.
    NotOpen(SurveyStatus),
}

const COLUMNS: &str =
    "id, survey_id, subject_id, score, reason, lang, respondent_key, quality_flags, \
     created_at, age_band, district, client_hash, submission_id, completion_ms";
const COLUMN_COUNT: usize = 14;
/// Rows per INSERT: 500 × 14 parameters stays under both engines' limits.
const ROWS_PER_INSERT: usize = 500;

/// Writes a batch in one transaction and reports each submission's fate. An `Err` means
/// nothing of the batch was stored.
#[tracing::instrument(skip_all, fields(batch.len = batch.len()), err)]
pub async fn write_batch(
    db: &Database,
    batch: &[PendingSubmission],
) -> Result<Vec<WriteOutcome>, DatabaseError> {
    // SQLite: take the write lock up front, so the status read cannot go stale before the write.
    let mut tx = db.begin_write().await?;
    let statuses = survey_statuses(&mut tx, batch).await?;
    let open: Vec<&PendingSubmission> = batch
        .iter()
        .filter(|s| statuses.get(&s.survey_id) == Some(&SurveyStatus::Open))
        .collect();
    let repeats = repeat_device_rows(&mut tx, db.backend(), &open).await?;
    let inserted = insert_rows(&mut tx, db.backend(), &open, &repeats).await?;

    let mut outcomes = Vec::with_capacity(batch.len());
    for submission in batch {
        let status = statuses
            .get(&submission.survey_id)
            .copied()
            .unwrap_or(SurveyStatus::Draft);
        if status != SurveyStatus::Open {
            outcomes.push(WriteOutcome::NotOpen(status));
            continue;
        }
        let stored: Vec<&str> = submission
            .rows
            .iter()
            .filter(|row| inserted.contains(&row.id))
            .map(|row| row.id.as_str())
            .collect();
        if stored.len() == submission.rows.len() {
            outcomes.push(WriteOutcome::Stored(
                stored.into_iter().map(str::to_string).collect(),
            ));
            continue;
        }
        // Part of it collided with earlier answers: take the rest back before anyone sees it.
        for id in &stored {
            sqlx::query("DELETE FROM responses WHERE id = $1")
                .bind(*id)
                .execute(&mut *tx)
                .await?;
        }
        outcomes.push(earlier_answers(&mut tx, submission).await?);
    }
    // What now counts goes into the running tallies, in the same transaction.
    let mut counted: BTreeMap<TallyKey, i64> = BTreeMap::new();
    for (submission, outcome) in batch.iter().zip(&outcomes) {
        if let WriteOutcome::Stored(_) = outcome {
            for row in &submission.rows {
                *counted
                    .entry(TallyKey {
                        survey_id: submission.survey_id.clone(),
                        subject_id: row.subject_id.clone(),
                        score: row.score,
                    })
                    .or_default() += 1;
            }
        }
    }
    tallies::adjust(&mut tx, db.backend(), &counted).await?;
    tx.commit().await?;
    Ok(outcomes)
}

async fn survey_statuses(
    tx: &mut Transaction<'static, Any>,
    batch: &[PendingSubmission],
) -> Result<HashMap<String, SurveyStatus>, DatabaseError> {
    let ids: HashSet<&str> = batch.iter().map(|s| s.survey_id.as_str()).collect();
    let mut statuses = HashMap::with_capacity(ids.len());
    for id in ids {
        let row: Option<(String,)> = sqlx::query_as("SELECT status FROM surveys WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut **tx)
            .await?;
        if let Some(status) = row.and_then(|(s,)| SurveyStatus::parse(&s)) {
            statuses.insert(id.to_string(), status);
        }
    }
    Ok(statuses)
}

/// Inserts every row, skipping those that collide with an existing answer; returns the ids
/// that went in. Many rows per statement: every statement is a round trip to the database's
/// thread, which costs more than the insert itself. SQLite gets positional `?` parameters: it
/// resolves named `$n` ones by searching, which grows with the square of their number.
async fn insert_rows(
    tx: &mut Transaction<'static, Any>,
    backend: Backend,
    submissions: &[&PendingSubmission],
    repeats: &HashSet<&str>,
) -> Result<HashSet<String>, DatabaseError> {
    let rows: Vec<(&PendingSubmission, &NewResponse)> = submissions
        .iter()
        .flat_map(|s| s.rows.iter().map(move |row| (*s, row)))
        .collect();
    let mut inserted = HashSet::with_capacity(rows.len());
    for chunk in rows.chunks(ROWS_PER_INSERT) {
        let mut sql = format!("INSERT INTO responses ({COLUMNS}) VALUES ");
        let mut args = AnyArguments::default();
        for (index, (submission, row)) in chunk.iter().enumerate() {
            if index > 0 {
                sql.push_str(", ");
            }
            sql.push('(');
            for column in 0..COLUMN_COUNT {
                if column > 0 {
                    sql.push_str(", ");
                }
                sql.push_str(&placeholder(backend, index * COLUMN_COUNT + column + 1));
            }
            sql.push(')');
            let device_flag = if repeats.contains(row.id.as_str()) {
                flags::DUPLICATE
            } else {
                0
            };
            bind_row(&mut args, submission, row, row.quality_flags | device_flag)?;
        }
        sql.push_str(" ON CONFLICT (survey_id, subject_id, respondent_key) DO NOTHING");
        let done = sqlx::query_with(&sql, args).execute(&mut **tx).await?;
        if done.rows_affected() == chunk.len() as u64 {
            inserted.extend(chunk.iter().map(|(_, row)| row.id.clone()));
        } else {
            inserted.extend(stored_ids(tx, backend, chunk).await?);
        }
    }
    Ok(inserted)
}

/// Which of a chunk's rows went in, after some collided with earlier answers (the rare case;
/// asking only then spares the common one a result row per response).
async fn stored_ids(
    tx: &mut Transaction<'static, Any>,
    backend: Backend,
    chunk: &[(&PendingSubmission, &NewResponse)],
) -> Result<Vec<String>, DatabaseError> {
    let placeholders: Vec<String> = (1..=chunk.len()).map(|n| placeholder(backend, n)).collect();
    let sql = format!(
        "SELECT id FROM responses WHERE id IN ({})",
        placeholders.join(", ")
    );
    let mut query = sqlx::query_as::<_, (String,)>(&sql);
    for (_, row) in chunk {
        query = query.bind(row.id.clone());
    }
    let ids = query.fetch_all(&mut **tx).await?;
    Ok(ids.into_iter().map(|(id,)| id).collect())
}

/// The `n`th (from 1) parameter of a statement.
fn placeholder(backend: Backend, n: usize) -> String {
    match backend {
        Backend::Sqlite => "?".to_string(),
        Backend::Postgres => format!("${n}"),
    }
}

fn bind_row(
    args: &mut AnyArguments<'_>,
    submission: &PendingSubmission,
    row: &NewResponse,
    quality_flags: i64,
) -> Result<(), DatabaseError> {
    let bind_error = |e| DatabaseError::Query(sqlx::Error::Encode(e));
    args.add(row.id.clone()).map_err(bind_error)?;
    args.add(submission.survey_id.clone()).map_err(bind_error)?;
    args.add(row.subject_id.clone()).map_err(bind_error)?;
    args.add(row.score).map_err(bind_error)?;
    args.add(row.reason.clone()).map_err(bind_error)?;
    args.add(submission.lang.to_string()).map_err(bind_error)?;
    args.add(submission.respondent_key.clone())
        .map_err(bind_error)?;
    args.add(quality_flags).map_err(bind_error)?;
    args.add(submission.created_at.clone())
        .map_err(bind_error)?;
    args.add(submission.age_band.map(str::to_string))
        .map_err(bind_error)?;
    args.add(submission.district.clone()).map_err(bind_error)?;
    args.add(submission.client_hash.clone())
        .map_err(bind_error)?;
    args.add(submission.submission_id.clone())
        .map_err(bind_error)?;
    args.add(submission.completion_ms).map_err(bind_error)?;
    Ok(())
}

/// A respondent's answers in a survey ($1 survey id, $2 respondent key): one seek in the unique
/// key per subject of the survey, so no index by respondent has to be kept up on every insert.
const BY_RESPONDENT: &str = "FROM responses
     WHERE survey_id = $1 AND respondent_key = $2
       AND subject_id IN (SELECT subject_id FROM survey_subjects WHERE survey_id = $1)";

/// Why a submission collided: a retry of itself (replay) or a second answer (duplicate).
async fn earlier_answers(
    tx: &mut Transaction<'static, Any>,
    submission: &PendingSubmission,
) -> Result<WriteOutcome, DatabaseError> {
    let existing: Vec<(String, String, Option<String>)> = sqlx::query_as(&format!(
        "SELECT id, subject_id, submission_id {BY_RESPONDENT}"
    ))
    .bind(&submission.survey_id)
    .bind(&submission.respondent_key)
    .fetch_all(&mut **tx)
    .await?;
    let earlier = |subject: &str| existing.iter().find(|(_, s, _)| s == subject);
    let replayed: Option<Vec<String>> = submission
        .rows
        .iter()
        .map(|row| {
            earlier(&row.subject_id)
                .filter(|(_, _, sub)| sub.as_deref() == Some(submission.submission_id.as_str()))
                .map(|(id, _, _)| id.clone())
        })
        .collect();
    if let Some(ids) = replayed {
        return Ok(WriteOutcome::Replayed(ids));
    }
    let duplicates = submission
        .rows
        .iter()
        .filter(|row| earlier(&row.subject_id).is_some())
        .map(|row| row.subject_id.clone())
        .collect();
    Ok(WriteOutcome::Duplicate(duplicates))
}

/// The subjects (ids) a respondent has already answered in a survey.
#[tracing::instrument(skip_all, err)]
pub async fn answered_subjects(
    db: &Database,
    survey_id: &str,
    respondent_key: &str,
) -> Result<Vec<String>, DatabaseError> {
    let rows: Vec<(String,)> = sqlx::query_as(&format!("SELECT subject_id {BY_RESPONDENT}"))
        .bind(survey_id)
        .bind(respondent_key)
        .fetch_all(db.pool())
        .await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

/// The rows (ids) whose device, the client hash of IP address and user agent, already answered
/// the same subject of the survey under another identity: earlier in the database or earlier in
/// this batch. Such answers are stored and flagged, not refused. Asked inside the writer's
/// transaction, one statement per 500 questions, so a submission costs no read of its own and
/// two identities racing on one device are seen too.
async fn repeat_device_rows<'a>(
    tx: &mut Transaction<'static, Any>,
    backend: Backend,
    submissions: &[&'a PendingSubmission],
) -> Result<HashSet<&'a str>, DatabaseError> {
    type DeviceAnswer<'b> = (&'b str, &'b str, &'b str);
    let key = |submission: &'a PendingSubmission, row: &'a NewResponse| {
        submission.client_hash.as_deref().map(|client| {
            (
                submission.survey_id.as_str(),
                client,
                row.subject_id.as_str(),
            )
        })
    };
    let asked: Vec<DeviceAnswer<'a>> = submissions
        .iter()
        .filter(|s| !s.shared_device)
        .flat_map(|s| s.rows.iter().filter_map(move |row| key(s, row)))
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    let mut seen: HashSet<DeviceAnswer<'a>> = HashSet::new();
    for chunk in asked.chunks(ROWS_PER_INSERT) {
        let sql = chunk
            .iter()
            .enumerate()
            .map(|(index, _)| {
                let [survey, client, subject] =
                    [1, 2, 3].map(|column| placeholder(backend, index * 3 + column));
                format!(
                    "SELECT CAST({index} AS BIGINT) WHERE EXISTS (SELECT 1 FROM responses WHERE survey_id = \
                     {survey} AND client_hash = {client} AND subject_id = {subject})"
                )
            })
            .collect::<Vec<_>>()
            .join(" UNION ALL ");
        let mut query = sqlx::query_as::<_, (i64,)>(&sql);
        for (survey, client, subject) in chunk {
            query = query.bind(*survey).bind(*client).bind(*subject);
        }
        for (index,) in query.fetch_all(&mut **tx).await? {
            if let Some(answer) = usize::try_from(index).ok().and_then(|i| chunk.get(i)) {
                seen.insert(*answer);
            }
        }
    }
    let mut repeats = HashSet::new();
    for submission in submissions {
        for row in &submission.rows {
            let Some(answer) = key(submission, row) else {
                continue;
            };
            if !seen.insert(answer) && !submission.shared_device {
                repeats.insert(row.id.as_str());
            }
        }
    }
    Ok(repeats)
}
