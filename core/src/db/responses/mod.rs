//! Storing responses. A batch of submissions is written in one transaction (group commit):
//! one sync to disk acknowledges many respondents. Each submission is all-or-nothing inside it.
//!
//! What becomes of each submission is decided here, once, for both ways to reach the database:
//! a pooled sqlx connection (PostgreSQL, and in-memory SQLite) in [`pooled`], and the response
//! writer's own SQLite connection in [`own_sqlite`]. Both carry out the same few steps of
//! [`BatchStore`].

mod own_sqlite;
mod pooled;

use std::collections::{BTreeMap, HashMap, HashSet};

pub use own_sqlite::OwnSqliteConnection;
pub use pooled::write_batch;

use super::{Database, DatabaseError};
use crate::results::tallies::TallyKey;
use domain::SurveyStatus;

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
    /// The digest of an API client's `Idempotency-Key`; the submission id starts with it.
    pub idempotency_key: Option<String>,
    pub lang: &'static str,
    pub age_band: Option<&'static str>,
    pub district: Option<String>,
    /// The respondent ticked 协助填写: someone helped, or they answered for a family member.
    pub assisted: bool,
    pub client_hash: Option<String>,
    pub network_hash: Option<String>,
    pub new_identity: bool,
    pub channel: domain::Channel,
    pub poster_batch_id: Option<String>,
    /// The invitation it came through (batch id, number): spent by this submission.
    pub invitation: Option<(String, i64)>,
    /// Many people answer on this device (a kiosk whose API client names each respondent), so
    /// its earlier answers do not make a new one suspect.
    pub shared_device: bool,
    /// The kiosk key that sent it; `None` for the survey pages.
    pub kiosk_key_id: Option<String>,
    pub completion_ms: Option<i64>,
    pub created_at: String,
    /// The keyed digest of the submission's receipt code.
    pub receipt_digest: Option<String>,
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
    /// Its invitation was spent by another submission; nothing was stored.
    InvitationSpent,
    /// Its `Idempotency-Key` was used before for another answer; nothing was stored.
    KeyReused,
}

/// What spending an invitation found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Spend {
    /// Spent now, by this submission.
    Fresh,
    /// Spent before by this very submission (a retry).
    Earlier,
    /// Spent by another submission.
    Taken,
}

/// Columns of an inserted response, in the order of [`RowToInsert::values`].
const COLUMNS: &str =
    "id, survey_id, subject_id, score, reason, lang, respondent_key, quality_flags, \
     created_at, age_band, district, client_hash, submission_id, completion_ms, kiosk_key_id, \
     network_hash, new_identity, channel, poster_batch_id, invitation_batch_id, receipt_digest, \
     assisted";
const COLUMN_COUNT: usize = 22;

/// The INSERT of `rows` responses, skipping any that collide with an earlier answer; `placeholder`
/// names the `n`th parameter (from 1) in the engine's syntax.
fn insert_sql(rows: usize, placeholder: impl Fn(usize) -> String) -> String {
    let values: Vec<String> = (0..rows)
        .map(|row| {
            let row_placeholders: Vec<String> = (1..=COLUMN_COUNT)
                .map(|column| placeholder(row * COLUMN_COUNT + column))
                .collect();
            format!("({})", row_placeholders.join(", "))
        })
        .collect();
    format!(
        "INSERT INTO responses ({COLUMNS}) VALUES {} \
         ON CONFLICT (survey_id, respondent_key, subject_id) DO NOTHING",
        values.join(", ")
    )
}

const SURVEY_STATUS: &str = "SELECT status FROM surveys WHERE id = $1";
/// Spends an invitation ($1 batch, $2 number) for a submission ($3) at $4, unless it is spent.
const SPEND_INVITATION: &str =
    "INSERT INTO invitation_spends (batch_id, number, submission_id, spent_at)
     VALUES ($1, $2, $3, $4) ON CONFLICT (batch_id, number) DO NOTHING";
/// The submission that spent an invitation ($1 batch, $2 number).
const INVITATION_SPENT_BY: &str =
    "SELECT submission_id FROM invitation_spends WHERE batch_id = $1 AND number = $2";
/// The responses a submission ($2) stored through an invitation batch ($1).
const INVITATION_ANSWERS: &str =
    "SELECT id FROM responses WHERE invitation_batch_id = $1 AND submission_id = $2 ORDER BY id";
const UNSPEND_INVITATION: &str =
    "DELETE FROM invitation_spends WHERE batch_id = $1 AND number = $2";
const DELETE_RESPONSE: &str = "DELETE FROM responses WHERE id = $1";
/// The rows of one device's answers to a subject, with its three parameters as named.
fn device_answers_sql(survey: &str, client_hash: &str, subject: &str) -> String {
    format!(
        "FROM responses WHERE survey_id = {survey} AND client_hash = {client_hash} \
         AND subject_id = {subject}"
    )
}

/// One row to insert: a response with its submission and the quality flags it ends up with.
struct RowToInsert<'a> {
    submission: &'a PendingSubmission,
    row: &'a NewResponse,
    quality_flags: i64,
}

/// One value of an inserted row; both stores bind these in [`RowToInsert::values`]' order.
enum Value<'a> {
    Text(&'a str),
    OptionalText(Option<&'a str>),
    Integer(i64),
    OptionalInteger(Option<i64>),
}

impl<'a> RowToInsert<'a> {
    /// The row's values in the order of [`COLUMNS`].
    fn values(&self) -> [Value<'a>; COLUMN_COUNT] {
        let s = self.submission;
        [
            Value::Text(&self.row.id),
            Value::Text(&s.survey_id),
            Value::Text(&self.row.subject_id),
            Value::Integer(self.row.score),
            Value::OptionalText(self.row.reason.as_deref()),
            Value::Text(s.lang),
            Value::Text(&s.respondent_key),
            Value::Integer(self.quality_flags),
            Value::Text(&s.created_at),
            Value::OptionalText(s.age_band),
            Value::OptionalText(s.district.as_deref()),
            Value::OptionalText(s.client_hash.as_deref()),
            Value::Text(&s.submission_id),
            Value::OptionalInteger(s.completion_ms),
            Value::OptionalText(s.kiosk_key_id.as_deref()),
            Value::OptionalText(s.network_hash.as_deref()),
            Value::Integer(i64::from(s.new_identity)),
            Value::Text(s.channel.as_str()),
            Value::OptionalText(s.poster_batch_id.as_deref()),
            Value::OptionalText(s.invitation.as_ref().map(|(batch, _)| batch.as_str())),
            Value::OptionalText(s.receipt_digest.as_deref()),
            Value::Integer(i64::from(s.assisted)),
        ]
    }
}

/// "Has this device answered this subject of this survey?": (survey id, client hash, subject id).
type DeviceAnswer<'a> = (&'a str, &'a str, &'a str);

/// An earlier answer of a respondent in a survey: (response id, subject id, submission id).
type EarlierAnswer = (String, String, Option<String>);

/// The database steps a batch is made of, inside one write transaction.
trait BatchStore {
    /// A survey's stored status (`None` when there is no such survey).
    async fn survey_status(&mut self, survey_id: &str) -> Result<Option<String>, DatabaseError>;
    /// Which of these device answers the database already holds.
    async fn devices_seen<'a>(
        &mut self,
        asked: &[DeviceAnswer<'a>],
    ) -> Result<HashSet<DeviceAnswer<'a>>, DatabaseError>;
    /// Inserts the rows, skipping those that collide with an earlier answer (same survey,
    /// respondent and subject); returns the ids that went in.
    async fn insert(&mut self, rows: &[RowToInsert<'_>]) -> Result<HashSet<String>, DatabaseError>;
    async fn delete(&mut self, response_id: &str) -> Result<(), DatabaseError>;
    /// Inserts the spend (`SPEND_INVITATION`); whether a row went in.
    async fn spend(
        &mut self,
        invitation: &(String, i64),
        submission_id: &str,
        at: &str,
    ) -> Result<bool, DatabaseError>;
    /// The submission that spent the invitation, if any.
    async fn spent_by(
        &mut self,
        invitation: &(String, i64),
    ) -> Result<Option<String>, DatabaseError>;
    /// The responses a submission stored through the invitation's batch.
    async fn invitation_answers(
        &mut self,
        invitation: &(String, i64),
        submission_id: &str,
    ) -> Result<Vec<String>, DatabaseError>;
    /// Takes a spend back: its submission was refused after all.
    async fn unspend(&mut self, invitation: &(String, i64)) -> Result<(), DatabaseError>;
    async fn earlier_answers(
        &mut self,
        survey_id: &str,
        respondent_key: &str,
    ) -> Result<Vec<EarlierAnswer>, DatabaseError>;
    /// Adds newly counted responses to the running tallies.
    async fn add_to_tallies(
        &mut self,
        counted: &BTreeMap<TallyKey, i64>,
    ) -> Result<(), DatabaseError>;
}

/// Decides and writes a batch through `store`, inside a transaction the caller opened and
/// commits. An `Err` means the caller must roll back: nothing of the batch may be kept.
async fn write_in(
    store: &mut impl BatchStore,
    batch: &[PendingSubmission],
) -> Result<Vec<WriteOutcome>, DatabaseError> {
    let survey_ids: Vec<&str> = batch
        .iter()
        .map(|s| s.survey_id.as_str())
        .collect::<HashSet<_>>()
        .into_iter()
        .collect();
    let mut statuses = HashMap::with_capacity(survey_ids.len());
    for id in survey_ids {
        let status = store.survey_status(id).await?;
        if let Some(status) = status.as_deref().and_then(SurveyStatus::parse) {
            statuses.insert(id.to_string(), status);
        }
    }
    let mut spends: HashMap<&str, Spend> = HashMap::new();
    for submission in batch {
        if statuses.get(&submission.survey_id) != Some(&SurveyStatus::Open) {
            continue;
        }
        if let Some(invitation) = &submission.invitation {
            spends.insert(
                submission.submission_id.as_str(),
                spend(store, submission, invitation).await?,
            );
        }
    }
    // Spent by another submission (refused) or by this one before (a retry, whatever respondent
    // it now claims to be): nothing to insert either way.
    let spend_of = |s: &PendingSubmission| spends.get(s.submission_id.as_str()).copied();
    let reused = reused_keys(store, batch).await?;
    let open: Vec<&PendingSubmission> = batch
        .iter()
        .filter(|s| {
            statuses.get(&s.survey_id) == Some(&SurveyStatus::Open)
                && !matches!(spend_of(s), Some(Spend::Taken | Spend::Earlier))
                && !reused.contains(s.submission_id.as_str())
        })
        .collect();
    let repeats = repeat_device_rows(store, &open).await?;
    let rows: Vec<RowToInsert> = open
        .iter()
        .flat_map(|submission| {
            submission.rows.iter().map(|row| RowToInsert {
                submission,
                row,
                quality_flags: row.quality_flags
                    | if repeats.contains(row.id.as_str()) {
                        flags::DUPLICATE
                    } else {
                        0
                    },
            })
        })
        .collect();
    let inserted = store.insert(&rows).await?;

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
        if reused.contains(submission.submission_id.as_str()) {
            outcomes.push(WriteOutcome::KeyReused);
            continue;
        }
        match (spend_of(submission), &submission.invitation) {
            (Some(Spend::Taken), _) => {
                outcomes.push(WriteOutcome::InvitationSpent);
                continue;
            }
            (Some(Spend::Earlier), Some(invitation)) => {
                let ids = store
                    .invitation_answers(invitation, &submission.submission_id)
                    .await?;
                outcomes.push(WriteOutcome::Replayed(ids));
                continue;
            }
            _ => {}
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
            store.delete(id).await?;
        }
        let earlier = store
            .earlier_answers(&submission.survey_id, &submission.respondent_key)
            .await?;
        let outcome = collision_outcome(submission, &earlier);
        // A refused submission leaves its invitation for the person who holds it.
        if let (Some(invitation), WriteOutcome::Duplicate(_)) = (&submission.invitation, &outcome) {
            if spends.get(submission.submission_id.as_str()) == Some(&Spend::Fresh) {
                store.unspend(invitation).await?;
            }
        }
        outcomes.push(outcome);
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
    store.add_to_tallies(&counted).await?;
    Ok(outcomes)
}

/// The submissions (ids) whose `Idempotency-Key` this respondent already used for another
/// answer: an earlier submission id starts with the same key digest but differs. One read of
/// the respondent's answers (the unique key's range) per keyed submission.
async fn reused_keys<'a>(
    store: &mut impl BatchStore,
    batch: &'a [PendingSubmission],
) -> Result<HashSet<&'a str>, DatabaseError> {
    let mut reused = HashSet::new();
    for submission in batch {
        let Some(key) = &submission.idempotency_key else {
            continue;
        };
        let earlier = store
            .earlier_answers(&submission.survey_id, &submission.respondent_key)
            .await?;
        let prefix = format!("{key}-");
        let other_answer = earlier.iter().any(|(_, _, id)| {
            id.as_deref()
                .is_some_and(|id| id.starts_with(&prefix) && id != submission.submission_id)
        });
        if other_answer {
            reused.insert(submission.submission_id.as_str());
        }
    }
    Ok(reused)
}

/// Spends the submission's invitation, or finds who spent it.
async fn spend(
    store: &mut impl BatchStore,
    submission: &PendingSubmission,
    invitation: &(String, i64),
) -> Result<Spend, DatabaseError> {
    if store
        .spend(
            invitation,
            &submission.submission_id,
            &submission.created_at,
        )
        .await?
    {
        return Ok(Spend::Fresh);
    }
    let spent_by = store.spent_by(invitation).await?;
    Ok(
        if spent_by.as_deref() == Some(submission.submission_id.as_str()) {
            Spend::Earlier
        } else {
            Spend::Taken
        },
    )
}

/// Why a submission collided: a retry of itself (replay) or a second answer (duplicate).
fn collision_outcome(submission: &PendingSubmission, existing: &[EarlierAnswer]) -> WriteOutcome {
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
        return WriteOutcome::Replayed(ids);
    }
    let duplicates = submission
        .rows
        .iter()
        .filter(|row| earlier(&row.subject_id).is_some())
        .map(|row| row.subject_id.clone())
        .collect();
    WriteOutcome::Duplicate(duplicates)
}

/// The rows (ids) whose device, the client hash of IP address and user agent, already answered
/// the same subject of the survey under another identity: earlier in the database or earlier in
/// this batch. Such answers are stored and flagged, not refused. Asked inside the writer's
/// transaction, so a submission costs no read of its own and two identities racing on one
/// device are seen too.
async fn repeat_device_rows<'a>(
    store: &mut impl BatchStore,
    submissions: &[&'a PendingSubmission],
) -> Result<HashSet<&'a str>, DatabaseError> {
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
    let mut seen = store.devices_seen(&asked).await?;
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

/// A respondent's answers in a survey ($1 survey id, $2 respondent key): one range of the unique
/// key (survey, respondent key, subject).
const BY_RESPONDENT: &str = "FROM responses WHERE survey_id = $1 AND respondent_key = $2";

/// A respondent's earlier answers, for telling a retry from a duplicate ($1 survey, $2 respondent).
fn earlier_answers_sql() -> String {
    format!("SELECT id, subject_id, submission_id {BY_RESPONDENT}")
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
