//! Excluding a response from the results, and restoring it. Nothing is ever deleted: an
//! exclusion is a row, a restoration stamps it, and both go into the audit log. The running
//! tallies follow in the same transaction. On a published survey the public results stay those
//! of its snapshot until staff publish a correction.

use std::collections::BTreeMap;

use super::ModerationError;
use crate::authoring::audit_change;
use crate::db::{new_id, timestamp, Database};
use crate::results::tallies::{self, TallyKey};
use crate::staff::Actor;
use domain::ExclusionReason;

pub const NOTE_MAX_CHARS: usize = 500;

/// The tally a response counts in, and whether a suspect cluster holds or excludes it (then
/// it is out of the tallies whatever its exclusion says).
pub(super) async fn tally_of(
    conn: &mut sqlx::AnyConnection,
    response_id: &str,
) -> Result<(TallyKey, bool), ModerationError> {
    let sql = format!(
        "SELECT r.survey_id, r.subject_id, r.score, CASE WHEN {} THEN 0 ELSE 1 END
         FROM responses r WHERE r.id = $1",
        tallies::CLUSTER_LETS_COUNT
    );
    let row: Option<(String, String, i64, i64)> = sqlx::query_as(&sql)
        .bind(response_id)
        .fetch_optional(&mut *conn)
        .await?;
    let (survey_id, subject_id, score, held) = row.ok_or(ModerationError::NotFound)?;
    let key = TallyKey {
        survey_id,
        subject_id,
        score,
    };
    Ok((key, held != 0))
}

pub(super) async fn count(
    conn: &mut sqlx::AnyConnection,
    db: &Database,
    (key, held): (TallyKey, bool),
    delta: i64,
) -> Result<(), ModerationError> {
    if !held {
        tallies::adjust(conn, db.backend(), &BTreeMap::from([(key, delta)])).await?;
    }
    Ok(())
}

pub async fn exclude(
    db: &Database,
    actor: &Actor,
    response_id: &str,
    reason: ExclusionReason,
    note: &str,
) -> Result<(), ModerationError> {
    let note = note.trim();
    if note.chars().count() > NOTE_MAX_CHARS {
        return Err(ModerationError::NoteTooLong);
    }
    if reason == ExclusionReason::Other && note.is_empty() {
        return Err(ModerationError::NoteRequired);
    }
    let mut tx = db.begin_write().await?;
    let key = tally_of(&mut tx, response_id).await?;
    let id = new_id();
    let at = timestamp::now();
    let inserted = sqlx::query(
        "INSERT INTO exclusions (id, response_id, reason, note, excluded_by, excluded_at)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
    )
    .bind(&id)
    .bind(response_id)
    .bind(reason.as_str())
    .bind(note)
    .bind(actor.label())
    .bind(&at)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if inserted == 0 {
        return Err(ModerationError::AlreadyExcluded);
    }
    count(&mut tx, db, key, -1).await?;
    audit_change(
        &mut tx,
        actor,
        "response.exclude",
        "response",
        response_id,
        Some(serde_json::json!({ "excluded": false })),
        Some(serde_json::json!({ "excluded": true, "reason": reason, "note": note })),
    )
    .await
    .map_err(ModerationError::from_authoring)?;
    tx.commit().await?;
    Ok(())
}

pub async fn restore(
    db: &Database,
    actor: &Actor,
    response_id: &str,
) -> Result<(), ModerationError> {
    let mut tx = db.begin_write().await?;
    let key = tally_of(&mut tx, response_id).await?;
    let standing: Option<(String, String, String)> = sqlx::query_as(
        "SELECT id, reason, note FROM exclusions WHERE response_id = $1 AND restored_at IS NULL",
    )
    .bind(response_id)
    .fetch_optional(&mut *tx)
    .await?;
    let (id, reason, note) = standing.ok_or(ModerationError::NotExcluded)?;
    if reason == ExclusionReason::Withdrawn.as_str() {
        return Err(ModerationError::Withdrawn);
    }
    sqlx::query("UPDATE exclusions SET restored_by = $1, restored_at = $2 WHERE id = $3")
        .bind(actor.label())
        .bind(timestamp::now())
        .bind(&id)
        .execute(&mut *tx)
        .await?;
    count(&mut tx, db, key, 1).await?;
    audit_change(
        &mut tx,
        actor,
        "response.restore",
        "response",
        response_id,
        Some(serde_json::json!({ "excluded": true, "reason": reason, "note": note })),
        Some(serde_json::json!({ "excluded": false })),
    )
    .await
    .map_err(ModerationError::from_authoring)?;
    tx.commit().await?;
    Ok(())
}
