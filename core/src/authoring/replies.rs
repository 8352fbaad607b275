//! Replies (品牌回应): a brand's right to answer its result. Staff set a deadline; until then a
//! brand sends one reply through its preview link; staff approve or reject it with a reason.
//! Every snapshot written after an approval carries the approved replies beside the brands'
//! rows (`attach_approved`, called where snapshots are written); a reply never changes a number
//! or the data hash. Every step is audited; every function takes the time as an argument.

use std::collections::HashMap;

use serde::Serialize;
use sqlx::{AnyConnection, FromRow};
use time::OffsetDateTime;

use super::embargo::{self, EmbargoTimeProblem};
use super::{audit_change, AuthoringError};
use crate::db::{new_id, timestamp, Database, DatabaseError};
use crate::staff::{secret_token, Actor};
use domain::preview::{ReplyPanel, ReplyStatus, SentReply};
use domain::results::{SubjectReply, SurveyResults, REPLY_MAX_CHARS};

/// Why a reply or a decision was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReplyRefusal {
    /// Staff have not set a deadline: replies are not invited for this survey.
    NotInvited,
    /// The deadline has passed.
    DeadlinePassed,
    /// This brand has already sent its one reply.
    AlreadySent,
    /// Neither language has any text.
    Empty,
    /// Longer than `REPLY_MAX_CHARS` characters (field `body_zh` or `body_en`).
    TooLong { english: bool },
    /// A rejection needs a reason the brand can read.
    ReasonRequired,
    /// The reply was decided already.
    AlreadyDecided,
}

impl ReplyRefusal {
    pub fn code(self) -> &'static str {
        match self {
            ReplyRefusal::NotInvited => "replies_not_invited",
            ReplyRefusal::DeadlinePassed => "reply_deadline_passed",
            ReplyRefusal::AlreadySent => "reply_already_sent",
            ReplyRefusal::Empty => "reply_empty",
            ReplyRefusal::TooLong { .. } => "reply_too_long",
            ReplyRefusal::ReasonRequired => "reason_required",
            ReplyRefusal::AlreadyDecided => "reply_already_decided",
        }
    }

    /// The code, told apart by language where one code covers two fields: what the words
    /// catalog (`app::pages::ReplyWords::refusal`) is keyed by.
    pub fn message_key(self) -> &'static str {
        match self {
            ReplyRefusal::TooLong { english: false } => "reply_too_long_zh",
            ReplyRefusal::TooLong { english: true } => "reply_too_long_en",
            other => other.code(),
        }
    }

    /// The input field at fault, for refusals of input.
    pub fn field(self) -> Option<&'static str> {
        match self {
            ReplyRefusal::Empty => Some("body_zh"),
            ReplyRefusal::TooLong { english: false } => Some("body_zh"),
            ReplyRefusal::TooLong { english: true } => Some("body_en"),
            ReplyRefusal::ReasonRequired => Some("reason"),
            _ => None,
        }
    }

    /// Input that can be said differently (422), or a state that forbids it (409).
    pub fn is_input(self) -> bool {
        self.field().is_some()
    }
}

/// A survey's deadline for replies, as staff see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ReplyDeadline {
    pub survey: String,
    /// Stored form (UTC).
    pub reply_by: String,
    /// The same instant in Beijing time, `YYYY-MM-DD HH:MM`.
    pub reply_by_beijing: String,
    pub set_by: String,
    pub set_at: String,
}

/// A reply as staff see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, FromRow)]
pub struct Reply {
    pub id: String,
    pub survey: String,
    pub subject: String,
    pub subject_name_zh: String,
    pub subject_name_en: String,
    pub body_zh: String,
    pub body_en: String,
    pub submitted_at: String,
    /// `pending`, `approved` or `rejected`.
    pub status: String,
    pub decided_by: Option<String>,
    pub decided_at: Option<String>,
    pub decision_reason: Option<String>,
}

const REPLY_SELECT: &str = "SELECT r.id, sv.slug AS survey, su.slug AS subject,
        su.name_zh AS subject_name_zh, su.name_en AS subject_name_en, r.body_zh, r.body_en,
        r.submitted_at, r.status, r.decided_by, r.decided_at, r.decision_reason
     FROM replies r
     JOIN surveys sv ON sv.id = r.survey_id
     JOIN subjects su ON su.id = r.subject_id";

/// Reads a deadline as staff write it: Beijing `YYYY-MM-DD HH:MM`, or RFC 3339 (the
/// embargo's rules, up to a year ahead).
pub fn parse_reply_by(text: &str) -> Result<OffsetDateTime, EmbargoTimeProblem> {
    embargo::parse_publish_at(text)
}

async fn survey_id(conn: &mut AnyConnection, slug: &str) -> Result<String, AuthoringError> {
    let row: Option<(String,)> = sqlx::query_as("SELECT id FROM surveys WHERE slug = $1")
        .bind(slug)
        .fetch_optional(&mut *conn)
        .await?;
    row.map(|(id,)| id).ok_or(AuthoringError::NotFound)
}

/// The survey's deadline for replies, if staff set one.
pub async fn deadline(db: &Database, slug: &str) -> Result<Option<ReplyDeadline>, AuthoringError> {
    let row: Option<(String, String, String)> = sqlx::query_as(
        "SELECT d.reply_by, d.set_by, d.set_at FROM reply_deadlines d
         JOIN surveys sv ON sv.id = d.survey_id WHERE sv.slug = $1",
    )
    .bind(slug)
    .fetch_optional(db.pool())
    .await?;
    Ok(row.map(|(reply_by, set_by, set_at)| ReplyDeadline {
        survey: slug.to_string(),
        reply_by_beijing: timestamp::council_minute(&reply_by).unwrap_or_else(|| reply_by.clone()),
        reply_by,
        set_by,
        set_at,
    }))
}

/// Sets (or moves) the deadline for replies to `at`, which must be ahead of `now` and within
/// a year.
pub async fn set_deadline(
    db: &Database,
    actor: &Actor,
    slug: &str,
    at: OffsetDateTime,
    now: OffsetDateTime,
) -> Result<ReplyDeadline, AuthoringError> {
    if at <= now {
        return Err(AuthoringError::ReplyTime(EmbargoTimeProblem::NotInFuture));
    }
    if at > now + time::Duration::days(embargo::LONGEST_EMBARGO_DAYS) {
        return Err(AuthoringError::ReplyTime(EmbargoTimeProblem::TooFar));
    }
    let mut tx = db.begin_write().await?;
    let survey_id = survey_id(&mut tx, slug).await?;
    let before: Option<(String,)> =
        sqlx::query_as("SELECT reply_by FROM reply_deadlines WHERE survey_id = $1")
            .bind(&survey_id)
            .fetch_optional(&mut *tx)
            .await?;
    let reply_by = timestamp::format(at);
    if before.is_some() {
        sqlx::query(
            "UPDATE reply_deadlines SET reply_by = $1, set_by = $2, set_at = $3
             WHERE survey_id = $4",
        )
    } else {
        sqlx::query(
            "INSERT INTO reply_deadlines (reply_by, set_by, set_at, survey_id)
             VALUES ($1, $2, $3, $4)",
        )
    }
    .bind(&reply_by)
    .bind(actor.label())
    .bind(timestamp::format(now))
    .bind(&survey_id)
    .execute(&mut *tx)
    .await?;
    audit_change(
        &mut tx,
        actor,
        "reply_deadline.set",
        "survey",
        &survey_id,
        before.map(|(at,)| serde_json::json!({ "slug": slug, "reply_by": at })),
        Some(serde_json::json!({ "slug": slug, "reply_by": reply_by })),
    )
    .await?;
    tx.commit().await?;
    deadline(db, slug).await?.ok_or(AuthoringError::NotFound)
}

/// Ends the invitation to reply now (replies already sent stay, to be decided).
pub async fn clear_deadline(
    db: &Database,
    actor: &Actor,
    slug: &str,
) -> Result<ReplyDeadline, AuthoringError> {
    let current = deadline(db, slug)
        .await?
        .ok_or(AuthoringError::Reply(ReplyRefusal::NotInvited))?;
    let mut tx = db.begin_write().await?;
    let survey_id = survey_id(&mut tx, slug).await?;
    let removed = sqlx::query("DELETE FROM reply_deadlines WHERE survey_id = $1")
        .bind(&survey_id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    if removed == 1 {
        audit_change(
            &mut tx,
            actor,
            "reply_deadline.clear",
            "survey",
            &survey_id,
            Some(serde_json::json!({ "slug": slug, "reply_by": current.reply_by })),
            None,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(current)
}

/// A reply's text as the brand typed it: trimmed, line ends made `\n`, other control
/// characters dropped (they cannot be seen and only serve to disguise), at most
/// `REPLY_MAX_CHARS` characters.
fn clean(text: &str, english: bool) -> Result<String, ReplyRefusal> {
    let text: String = text
        .replace("\r\n", "\n")
        .chars()
        .filter(|c| *c == '\n' || !c.is_control())
        .collect();
    let text = text.trim().to_string();
    if text.chars().count() > REPLY_MAX_CHARS {
        return Err(ReplyRefusal::TooLong { english });
    }
    Ok(text)
}

/// What the brand may do with its link at `now`: the panel its preview page shows.
pub async fn panel(
    db: &Database,
    survey_id: &str,
    subject: &str,
    now: OffsetDateTime,
) -> Result<ReplyPanel, AuthoringError> {
    let deadline: Option<(String,)> =
        sqlx::query_as("SELECT reply_by FROM reply_deadlines WHERE survey_id = $1")
            .bind(survey_id)
            .fetch_optional(db.pool())
            .await?;
    let sent: Option<(String, String, String, String, Option<String>)> = sqlx::query_as(
        "SELECT r.body_zh, r.body_en, r.submitted_at, r.status, r.decision_reason
         FROM replies r JOIN subjects su ON su.id = r.subject_id
         WHERE r.survey_id = $1 AND su.slug = $2",
    )
    .bind(survey_id)
    .bind(subject)
    .fetch_optional(db.pool())
    .await?;
    let sent = sent
        .map(|(body_zh, body_en, submitted_at, status, reason)| {
            let status = ReplyStatus::parse(&status)
                .ok_or_else(|| corrupt(format!("reply status {status}")))?;
            Ok::<_, AuthoringError>(SentReply {
                body_zh,
                body_en,
                submitted_at: timestamp::council_minute(&submitted_at).unwrap_or(submitted_at),
                status,
                // A pending reply has no reason yet; an approval's note is for staff.
                reason: reason.filter(|_| status == ReplyStatus::Rejected),
            })
        })
        .transpose()?;
    let open = sent.is_none()
        && deadline
            .as_ref()
            .is_some_and(|(at,)| *at > timestamp::format(now));
    Ok(ReplyPanel {
        reply_by: deadline.map(|(at,)| timestamp::council_minute(&at).unwrap_or(at)),
        open,
        sent,
    })
}

/// A brand's reply through the preview link `token`. `Ok(None)`: no such link (or revoked,
/// or expired) — the same 404 as the page.
pub async fn submit(
    db: &Database,
    token: &str,
    body_zh: &str,
    body_en: &str,
    now: OffsetDateTime,
) -> Result<Option<Reply>, AuthoringError> {
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(None);
    }
    let body_zh = clean(body_zh, false).map_err(AuthoringError::Reply)?;
    let body_en = clean(body_en, true).map_err(AuthoringError::Reply)?;
    let mut tx = db.begin_write().await?;
    let stamp = timestamp::format(now);
    let link: Option<(String, String, String)> = sqlx::query_as(
        "SELECT id, survey_id, subject_id FROM preview_links
         WHERE token_digest = $1 AND revoked_at IS NULL AND expires_at > $2",
    )
    .bind(secret_token::digest(&token.to_ascii_lowercase()))
    .bind(&stamp)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((link_id, survey_id, subject_id)) = link else {
        return Ok(None);
    };
    // A reply answers results the brand has seen: frozen for an embargo, or published.
    let (frozen,): (i64,) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM embargoes WHERE survey_id = $1)
              + (SELECT COUNT(*) FROM snapshots WHERE survey_id = $1)",
    )
    .bind(&survey_id)
    .fetch_one(&mut *tx)
    .await?;
    if frozen == 0 {
        return Err(AuthoringError::Reply(ReplyRefusal::NotInvited));
    }
    let deadline: Option<(String,)> =
        sqlx::query_as("SELECT reply_by FROM reply_deadlines WHERE survey_id = $1")
            .bind(&survey_id)
            .fetch_optional(&mut *tx)
            .await?;
    match deadline {
        None => return Err(AuthoringError::Reply(ReplyRefusal::NotInvited)),
        Some((at,)) if at <= stamp => {
            return Err(AuthoringError::Reply(ReplyRefusal::DeadlinePassed))
        }
        Some(_) => {}
    }
    if body_zh.is_empty() && body_en.is_empty() {
        return Err(AuthoringError::Reply(ReplyRefusal::Empty));
    }
    // The UNIQUE key is the guard: of two sends at once, one inserts and the other finds
    // the row (on both engines) and is told it was sent already.
    let id = new_id();
    let inserted = sqlx::query(
        "INSERT INTO replies (id, survey_id, subject_id, preview_link_id, body_zh, body_en,
                              submitted_at, status)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending')
         ON CONFLICT (survey_id, subject_id) DO NOTHING",
    )
    .bind(&id)
    .bind(&survey_id)
    .bind(&subject_id)
    .bind(&link_id)
    .bind(&body_zh)
    .bind(&body_en)
    .bind(&stamp)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if inserted != 1 {
        return Err(AuthoringError::Reply(ReplyRefusal::AlreadySent));
    }
    audit_change(
        &mut tx,
        &Actor::Brand,
        "reply.submit",
        "survey",
        &survey_id,
        None,
        Some(serde_json::json!({
            "reply": id, "subject_id": subject_id, "link": link_id,
            "chars_zh": body_zh.chars().count(), "chars_en": body_en.chars().count(),
        })),
    )
    .await?;
    tx.commit().await?;
    find(db, &id).await
}

async fn find(db: &Database, id: &str) -> Result<Option<Reply>, AuthoringError> {
    Ok(sqlx::query_as(&format!("{REPLY_SELECT} WHERE r.id = $1"))
        .bind(id)
        .fetch_optional(db.pool())
        .await?)
}

/// The survey's replies, pending first, then by when they came.
pub async fn list(db: &Database, slug: &str) -> Result<Vec<Reply>, AuthoringError> {
    Ok(sqlx::query_as(&format!(
        "{REPLY_SELECT} WHERE sv.slug = $1
         ORDER BY CASE r.status WHEN 'pending' THEN 0 ELSE 1 END, r.submitted_at, r.id"
    ))
    .bind(slug)
    .fetch_all(db.pool())
    .await?)
}

/// Approves or rejects a pending reply of survey `slug`. A rejection needs a reason (the
/// brand sees it on its preview page); an approval's note is kept for staff.
pub async fn decide(
    db: &Database,
    actor: &Actor,
    slug: &str,
    id: &str,
    approve: bool,
    reason: &str,
    now: OffsetDateTime,
) -> Result<Reply, AuthoringError> {
    let reason = reason.trim();
    if !approve && reason.is_empty() {
        return Err(AuthoringError::Reply(ReplyRefusal::ReasonRequired));
    }
    if reason.chars().count() > REPLY_MAX_CHARS {
        return Err(AuthoringError::invalid(
            "reason",
            super::definition::Problem::TooLong,
        ));
    }
    let mut tx = db.begin_write().await?;
    let survey_id = survey_id(&mut tx, slug).await?;
    let status = if approve {
        ReplyStatus::Approved
    } else {
        ReplyStatus::Rejected
    };
    // Only while pending, in the same statement: two staff deciding at once cannot both win.
    let changed = sqlx::query(
        "UPDATE replies SET status = $1, decided_by = $2, decided_at = $3, decision_reason = $4
         WHERE id = $5 AND survey_id = $6 AND status = 'pending'",
    )
    .bind(status.as_str())
    .bind(actor.label())
    .bind(timestamp::format(now))
    .bind((!reason.is_empty()).then_some(reason))
    .bind(id)
    .bind(&survey_id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if changed != 1 {
        let exists: Option<(String,)> =
            sqlx::query_as("SELECT status FROM replies WHERE id = $1 AND survey_id = $2")
                .bind(id)
                .bind(&survey_id)
                .fetch_optional(&mut *tx)
                .await?;
        return Err(match exists {
            Some(_) => AuthoringError::Reply(ReplyRefusal::AlreadyDecided),
            None => AuthoringError::NotFound,
        });
    }
    audit_change(
        &mut tx,
        actor,
        if approve {
            "reply.approve"
        } else {
            "reply.reject"
        },
        "survey",
        &survey_id,
        Some(serde_json::json!({ "slug": slug, "reply": id, "status": "pending" })),
        Some(serde_json::json!({
            "slug": slug, "reply": id, "status": status.as_str(), "reason": reason,
        })),
    )
    .await?;
    tx.commit().await?;
    find(db, id).await?.ok_or(AuthoringError::NotFound)
}

/// Puts the survey's approved replies beside their subjects in `results`: what a snapshot
/// written now carries. Numbers are untouched.
pub async fn attach_approved(
    conn: &mut AnyConnection,
    survey_id: &str,
    results: &mut SurveyResults,
) -> Result<(), sqlx::Error> {
    let rows: Vec<(String, String, String, String)> = sqlx::query_as(
        "SELECT su.slug, r.body_zh, r.body_en, r.decided_at
         FROM replies r JOIN subjects su ON su.id = r.subject_id
         WHERE r.survey_id = $1 AND r.status = 'approved'",
    )
    .bind(survey_id)
    .fetch_all(&mut *conn)
    .await?;
    let mut approved: HashMap<String, SubjectReply> = rows
        .into_iter()
        .map(|(subject, body_zh, body_en, approved_at)| {
            (
                subject,
                SubjectReply {
                    body_zh,
                    body_en,
                    approved_at,
                },
            )
        })
        .collect();
    for subject in &mut results.subjects {
        subject.reply = approved.remove(&subject.subject);
    }
    Ok(())
}

fn corrupt(message: String) -> AuthoringError {
    AuthoringError::Database(DatabaseError::Corrupt(message))
}
