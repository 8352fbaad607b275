//! Preview links (预览链接): a secret address per subject that shows a brand its own frozen
//! results before the embargo ends. The secret is shown once; only its SHA-256 is stored. A
//! link expires after the days staff chose and can be revoked; both steps are audited.

use serde::Serialize;
use sqlx::FromRow;
use time::{Duration, OffsetDateTime};

use super::definition::Problem;
use super::{audit_change, AuthoringError};
use crate::db::{new_id, timestamp, Database};
use crate::staff::{secret_token, Actor};

/// How long a link works unless staff say otherwise, and the longest they may choose.
pub const DEFAULT_DAYS: i64 = 14;
pub const MAX_DAYS: i64 = 90;

/// A preview link as staff see it (never its secret).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, FromRow)]
pub struct PreviewLink {
    pub id: String,
    pub survey: String,
    pub subject: String,
    pub subject_name_zh: String,
    pub subject_name_en: String,
    pub created_by: String,
    pub created_at: String,
    pub expires_at: String,
    pub revoked_at: Option<String>,
}

/// A link just made: the only time its secret exists outside the recipient's hands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CreatedPreviewLink {
    #[serde(flatten)]
    pub link: PreviewLink,
    /// The secret part of the address: `/preview/{token}`.
    pub token: String,
}

/// Where a presented secret leads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PreviewAccess {
    /// No such link, or it was revoked: the same 404 either way.
    Unknown,
    Expired,
    Granted {
        survey_id: String,
        subject: String,
        subject_name_zh: String,
        subject_name_en: String,
        expires_at: String,
    },
}

const LINK_SELECT: &str = "SELECT p.id, sv.slug AS survey, su.slug AS subject,
        su.name_zh AS subject_name_zh, su.name_en AS subject_name_en, p.created_by,
        p.created_at, p.expires_at, p.revoked_at
     FROM preview_links p
     JOIN surveys sv ON sv.id = p.survey_id
     JOIN subjects su ON su.id = p.subject_id";

/// Makes a link for one of the survey's subjects, working for `days` (1 to `MAX_DAYS`).
pub async fn create(
    db: &Database,
    actor: &Actor,
    survey: &str,
    subject: &str,
    days: i64,
    now: OffsetDateTime,
) -> Result<CreatedPreviewLink, AuthoringError> {
    if !(1..=MAX_DAYS).contains(&days) {
        return Err(AuthoringError::invalid("days", Problem::OutOfRange));
    }
    let mut tx = db.begin_write().await?;
    let (survey_id,): (String,) = sqlx::query_as("SELECT id FROM surveys WHERE slug = $1")
        .bind(survey)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(AuthoringError::NotFound)?;
    let subject_id: Option<(String,)> = sqlx::query_as(
        "SELECT su.id FROM survey_subjects ss JOIN subjects su ON su.id = ss.subject_id
         WHERE ss.survey_id = $1 AND su.slug = $2",
    )
    .bind(&survey_id)
    .bind(subject)
    .fetch_optional(&mut *tx)
    .await?;
    let (subject_id,) =
        subject_id.ok_or_else(|| AuthoringError::invalid("subject", Problem::UnknownSubject))?;
    let token = secret_token::mint();
    let id = new_id();
    let expires_at = timestamp::format(now + Duration::days(days));
    sqlx::query(
        "INSERT INTO preview_links (id, survey_id, subject_id, token_digest, created_by,
                                    created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&id)
    .bind(&survey_id)
    .bind(&subject_id)
    .bind(secret_token::digest(&token))
    .bind(actor.label())
    .bind(timestamp::format(now))
    .bind(&expires_at)
    .execute(&mut *tx)
    .await?;
    audit_change(
        &mut tx,
        actor,
        "preview_link.create",
        "survey",
        &survey_id,
        None,
        Some(serde_json::json!({
            "slug": survey, "subject": subject, "link": id, "expires_at": expires_at,
        })),
    )
    .await?;
    tx.commit().await?;
    let link = find(db, &id).await?.ok_or(AuthoringError::NotFound)?;
    Ok(CreatedPreviewLink { link, token })
}

async fn find(db: &Database, id: &str) -> Result<Option<PreviewLink>, AuthoringError> {
    Ok(sqlx::query_as(&format!("{LINK_SELECT} WHERE p.id = $1"))
        .bind(id)
        .fetch_optional(db.pool())
        .await?)
}

/// The survey's links, newest first.
pub async fn list(db: &Database, survey: &str) -> Result<Vec<PreviewLink>, AuthoringError> {
    Ok(sqlx::query_as(&format!(
        "{LINK_SELECT} WHERE sv.slug = $1 ORDER BY p.created_at DESC, p.id"
    ))
    .bind(survey)
    .fetch_all(db.pool())
    .await?)
}

/// Revokes a link: it answers 404 from now on. Revoking a revoked link changes nothing.
pub async fn revoke(
    db: &Database,
    actor: &Actor,
    id: &str,
    now: OffsetDateTime,
) -> Result<PreviewLink, AuthoringError> {
    let mut tx = db.begin_write().await?;
    let row: Option<(String, Option<String>)> =
        sqlx::query_as("SELECT survey_id, revoked_at FROM preview_links WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
    let (survey_id, revoked_at) = row.ok_or(AuthoringError::NotFound)?;
    if revoked_at.is_none() {
        sqlx::query(
            "UPDATE preview_links SET revoked_by = $1, revoked_at = $2
             WHERE id = $3 AND revoked_at IS NULL",
        )
        .bind(actor.label())
        .bind(timestamp::format(now))
        .bind(id)
        .execute(&mut *tx)
        .await?;
        audit_change(
            &mut tx,
            actor,
            "preview_link.revoke",
            "survey",
            &survey_id,
            Some(serde_json::json!({ "link": id })),
            None,
        )
        .await?;
    }
    tx.commit().await?;
    find(db, id).await?.ok_or(AuthoringError::NotFound)
}

/// What a presented secret opens at `now`.
pub async fn access(
    db: &Database,
    token: &str,
    now: OffsetDateTime,
) -> Result<PreviewAccess, crate::db::DatabaseError> {
    // A secret is 64 hex digits; anything else cannot match and is not looked up.
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Ok(PreviewAccess::Unknown);
    }
    let row: Option<(String, String, String, String, String, Option<String>)> = sqlx::query_as(
        "SELECT p.survey_id, su.slug, su.name_zh, su.name_en, p.expires_at, p.revoked_at
         FROM preview_links p JOIN subjects su ON su.id = p.subject_id
         WHERE p.token_digest = $1",
    )
    .bind(secret_token::digest(&token.to_ascii_lowercase()))
    .fetch_optional(db.pool())
    .await?;
    Ok(match row {
        None | Some((.., Some(_))) => PreviewAccess::Unknown,
        Some((.., ref expires_at, None)) if *expires_at <= timestamp::format(now) => {
            PreviewAccess::Expired
        }
        Some((survey_id, subject, subject_name_zh, subject_name_en, expires_at, None)) => {
            PreviewAccess::Granted {
                survey_id,
                subject,
                subject_name_zh,
                subject_name_en,
                expires_at,
            }
        }
    })
}
