//! Invitation batches: single-use invitations staff hand out in person (at a clinic's desk, a
//! care home's front door). An invitation is spent by the first submission through it, and the
//! answers it brings are verified. The invitations of a batch are computed from its code and
//! the server secret (see `submission::invitation_code`); only spends are stored.

use serde::Serialize;

use super::definition::Problem;
use super::printed::{batch_name, new_code};
use super::{audit_change, AuthoringError};
use crate::db::{new_id, timestamp, Database, DatabaseError};
use crate::staff::Actor;
use crate::submission::invitation_code::{invitation_code, Invitation};
use crate::submission::ServerSecret;

/// Most invitations in one batch: a few sheets' worth of cards is what a service point hands
/// out; a printout of more is a mistake to catch before the printer does.
pub const MAX_BATCH_SIZE: i64 = 5_000;
const CODE_LEN: usize = 6;

#[derive(Clone, Debug, Serialize)]
pub struct InvitationBatch {
    pub id: String,
    pub code: String,
    pub name: String,
    pub size: i64,
    pub created_at: String,
    /// When staff withdrew the batch's unspent invitations; `None` while they work.
    pub revoked_at: Option<String>,
    /// Invitations spent so far.
    pub spent: i64,
}

/// What staff type for a new batch.
pub struct NewInvitationBatch<'a> {
    pub name: &'a str,
    pub size: &'a str,
}

/// One invitation of a batch, ready to print.
#[derive(Clone, Debug, Serialize)]
pub struct PrintedInvitation {
    pub number: i64,
    pub code: String,
    pub spent: bool,
}

/// Why an invitation no longer opens the survey.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InvitationState {
    Unspent,
    Spent,
    Revoked,
}

/// A batch an invitation code names, for the survey it was issued for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FoundInvitation {
    pub batch_id: String,
    pub number: i64,
    pub state: InvitationState,
}

/// Creates a batch of `size` invitations for the survey (`survey_slug`).
pub async fn create(
    db: &Database,
    actor: &Actor,
    survey_slug: &str,
    new: NewInvitationBatch<'_>,
) -> Result<InvitationBatch, AuthoringError> {
    let name = batch_name(new.name)?;
    let size = match new.size.trim().parse::<i64>() {
        Ok(n) if (1..=MAX_BATCH_SIZE).contains(&n) => n,
        _ => return Err(AuthoringError::invalid("size", Problem::OutOfRange)),
    };
    let mut tx = db.begin_write().await?;
    let survey: Option<(String,)> = sqlx::query_as("SELECT id FROM surveys WHERE slug = $1")
        .bind(survey_slug)
        .fetch_optional(&mut *tx)
        .await?;
    let (survey_id,) = survey.ok_or(AuthoringError::NotFound)?;
    let batch = InvitationBatch {
        id: new_id(),
        code: new_code::<CODE_LEN>(),
        name: name.to_string(),
        size,
        created_at: timestamp::now(),
        revoked_at: None,
        spent: 0,
    };
    sqlx::query(
        "INSERT INTO invitation_batches (id, survey_id, code, name, size, created_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&batch.id)
    .bind(&survey_id)
    .bind(&batch.code)
    .bind(&batch.name)
    .bind(batch.size)
    .bind(&batch.created_at)
    .execute(&mut *tx)
    .await?;
    audit_change(
        &mut tx,
        actor,
        "invitation_batch.create",
        "invitation_batch",
        &batch.id,
        None,
        Some(serde_json::json!({
            "survey": survey_slug, "code": batch.code, "name": batch.name, "size": batch.size,
        })),
    )
    .await?;
    tx.commit().await?;
    Ok(batch)
}

/// Withdraws a batch: its unspent invitations stop working; answers already given stay verified.
pub async fn revoke(
    db: &Database,
    actor: &Actor,
    survey_slug: &str,
    batch_id: &str,
) -> Result<(), AuthoringError> {
    let mut tx = db.begin_write().await?;
    let found: Option<(Option<String>,)> = sqlx::query_as(
        "SELECT b.revoked_at FROM invitation_batches b JOIN surveys s ON s.id = b.survey_id
         WHERE b.id = $1 AND s.slug = $2",
    )
    .bind(batch_id)
    .bind(survey_slug)
    .fetch_optional(&mut *tx)
    .await?;
    let Some((revoked_at,)) = found else {
        return Err(AuthoringError::NotFound);
    };
    if revoked_at.is_some() {
        return Ok(());
    }
    let now = timestamp::now();
    sqlx::query("UPDATE invitation_batches SET revoked_at = $1 WHERE id = $2")
        .bind(&now)
        .bind(batch_id)
        .execute(&mut *tx)
        .await?;
    audit_change(
        &mut tx,
        actor,
        "invitation_batch.revoke",
        "invitation_batch",
        batch_id,
        Some(serde_json::json!({ "revoked_at": null })),
        Some(serde_json::json!({ "revoked_at": now })),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

type BatchRow = (String, String, String, i64, String, Option<String>, i64);

const BATCH_COLUMNS: &str = "b.id, b.code, b.name, b.size, b.created_at, b.revoked_at,
     (SELECT COUNT(*) FROM invitation_spends p WHERE p.batch_id = b.id)";

fn batch_of(row: BatchRow) -> InvitationBatch {
    let (id, code, name, size, created_at, revoked_at, spent) = row;
    InvitationBatch {
        id,
        code,
        name,
        size,
        created_at,
        revoked_at,
        spent,
    }
}

/// A survey's batches, oldest first, with how many of each are spent.
pub async fn list(db: &Database, survey_id: &str) -> Result<Vec<InvitationBatch>, DatabaseError> {
    let rows: Vec<BatchRow> = sqlx::query_as(&format!(
        "SELECT {BATCH_COLUMNS} FROM invitation_batches b WHERE b.survey_id = $1
         ORDER BY b.created_at, b.id"
    ))
    .bind(survey_id)
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().map(batch_of).collect())
}

/// One batch of the survey, by id.
pub async fn one(
    db: &Database,
    survey_id: &str,
    batch_id: &str,
) -> Result<Option<InvitationBatch>, DatabaseError> {
    let row: Option<BatchRow> = sqlx::query_as(&format!(
        "SELECT {BATCH_COLUMNS} FROM invitation_batches b WHERE b.survey_id = $1 AND b.id = $2"
    ))
    .bind(survey_id)
    .bind(batch_id)
    .fetch_optional(db.pool())
    .await?;
    Ok(row.map(batch_of))
}

/// Every invitation of a batch, in number order, with whether it is spent.
pub async fn invitations(
    db: &Database,
    secret: &ServerSecret,
    batch: &InvitationBatch,
) -> Result<Vec<PrintedInvitation>, DatabaseError> {
    let spent: Vec<(i64,)> =
        sqlx::query_as("SELECT number FROM invitation_spends WHERE batch_id = $1")
            .bind(&batch.id)
            .fetch_all(db.pool())
            .await?;
    let spent: std::collections::HashSet<i64> = spent.into_iter().map(|(n,)| n).collect();
    Ok((1..=batch.size)
        .map(|number| PrintedInvitation {
            number,
            code: invitation_code(secret, &batch.code, number),
            spent: spent.contains(&number),
        })
        .collect())
}

/// The survey's invitation a genuine code names, and whether it still opens the survey; `None`
/// when the code's batch belongs to another survey or its number is beyond the batch.
pub async fn find(
    db: &Database,
    survey_id: &str,
    invitation: &Invitation,
) -> Result<Option<FoundInvitation>, DatabaseError> {
    let batch: Option<(String, i64, Option<String>)> = sqlx::query_as(
        "SELECT id, size, revoked_at FROM invitation_batches WHERE survey_id = $1 AND code = $2",
    )
    .bind(survey_id)
    .bind(&invitation.batch_code)
    .fetch_optional(db.pool())
    .await?;
    let Some((batch_id, size, revoked_at)) = batch else {
        return Ok(None);
    };
    if invitation.number > size {
        return Ok(None);
    }
    let spent: Option<(i64,)> =
        sqlx::query_as("SELECT 1 FROM invitation_spends WHERE batch_id = $1 AND number = $2")
            .bind(&batch_id)
            .bind(invitation.number)
            .fetch_optional(db.pool())
            .await?;
    let state = match (spent, revoked_at) {
        (Some(_), _) => InvitationState::Spent,
        (None, Some(_)) => InvitationState::Revoked,
        (None, None) => InvitationState::Unspent,
    };
    Ok(Some(FoundInvitation {
        batch_id,
        number: invitation.number,
        state,
    }))
}

/// Whether invitation `number` of batch `batch_id` may still be used for the survey: `None`
/// when the survey has no such invitation, `Some(false)` when its batch was withdrawn. Whether it
/// is spent is the response writer's to decide, inside the transaction that spends it.
pub async fn usable(
    db: &Database,
    survey_id: &str,
    batch_id: &str,
    number: i64,
) -> Result<Option<bool>, DatabaseError> {
    let batch: Option<(i64, Option<String>)> = sqlx::query_as(
        "SELECT size, revoked_at FROM invitation_batches WHERE survey_id = $1 AND id = $2",
    )
    .bind(survey_id)
    .bind(batch_id)
    .fetch_optional(db.pool())
    .await?;
    Ok(batch
        .filter(|(size, _)| (1..=*size).contains(&number))
        .map(|(_, revoked_at)| revoked_at.is_none()))
}
