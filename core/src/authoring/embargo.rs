//! Embargoes (定时发布): a closed survey's results frozen now and made public at a set time.
//!
//! Until the time the survey stays `closed`, so every public surface answers as for an
//! unpublished survey without knowing embargoes exist. The frozen snapshot waits in the
//! `embargoes` table; at the time, `release_due` writes it to `snapshots` and marks the survey
//! published in one transaction. Each server instance runs `keep_releasing`; the instance that
//! deletes the due row first releases it, the others find nothing to do. Every function takes
//! the current time as an argument, which is how tests move the clock.

use serde::{Deserialize, Serialize};
use sqlx::{AnyConnection, FromRow};
use time::{Duration, OffsetDateTime};

use super::{audit_change, AuthoringError};
use crate::db::{timestamp, Database, DatabaseError};
use crate::results::snapshots::{self, Snapshot};
use crate::staff::Actor;

/// How far ahead an embargo may be set: a year, so a typo in the year is caught.
pub const LONGEST_EMBARGO_DAYS: i64 = 366;

/// Why a publication time was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EmbargoTimeProblem {
    /// Not `YYYY-MM-DD HH:MM` (Beijing time) nor an RFC 3339 time with its offset.
    Unreadable,
    /// Now or earlier: publish now instead.
    NotInFuture,
    /// More than `LONGEST_EMBARGO_DAYS` ahead.
    TooFar,
}

impl EmbargoTimeProblem {
    pub fn code(self) -> &'static str {
        match self {
            EmbargoTimeProblem::Unreadable => "unreadable_time",
            EmbargoTimeProblem::NotInFuture => "time_not_in_future",
            EmbargoTimeProblem::TooFar => "time_too_far",
        }
    }
}

/// A survey's pending embargo, as staff see it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Embargo {
    pub survey: String,
    /// When the results become public, in the stored form (UTC).
    pub publish_at: String,
    /// The same instant in Beijing time, `YYYY-MM-DD HH:MM`.
    pub publish_at_beijing: String,
    pub scheduled_by: String,
    pub scheduled_at: String,
    /// The frozen snapshot's data hash and counted answers: what will be published.
    pub data_hash: String,
    pub responses: i64,
}

#[derive(FromRow)]
struct EmbargoRow {
    survey_id: String,
    slug: String,
    publish_at: String,
    scheduled_by: String,
    scheduled_at: String,
    data_hash: String,
    responses: i64,
    snapshot: String,
}

impl EmbargoRow {
    fn embargo(&self) -> Embargo {
        Embargo {
            survey: self.slug.clone(),
            publish_at: self.publish_at.clone(),
            publish_at_beijing: timestamp::council_minute(&self.publish_at)
                .unwrap_or_else(|| self.publish_at.clone()),
            scheduled_by: self.scheduled_by.clone(),
            scheduled_at: self.scheduled_at.clone(),
            data_hash: self.data_hash.clone(),
            responses: self.responses,
        }
    }
}

const ROW_SELECT: &str = "SELECT e.survey_id, sv.slug, e.publish_at, e.scheduled_by,
        e.scheduled_at, e.data_hash, e.responses, e.snapshot
     FROM embargoes e JOIN surveys sv ON sv.id = e.survey_id";

/// Reads a publication time: `2027-03-15 10:00` (or with `T`, as a browser's date-time field
/// sends it) in Beijing time, or an RFC 3339 time with its own offset.
pub fn parse_publish_at(text: &str) -> Result<OffsetDateTime, EmbargoTimeProblem> {
    let text = text.trim();
    if let Ok(at) = OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339) {
        return Ok(at);
    }
    timestamp::parse_council_minute(text).ok_or(EmbargoTimeProblem::Unreadable)
}

fn check_time(at: OffsetDateTime, now: OffsetDateTime) -> Result<(), AuthoringError> {
    if at <= now {
        return Err(AuthoringError::EmbargoTime(EmbargoTimeProblem::NotInFuture));
    }
    if at > now + Duration::days(LONGEST_EMBARGO_DAYS) {
        return Err(AuthoringError::EmbargoTime(EmbargoTimeProblem::TooFar));
    }
    Ok(())
}

/// The survey's pending embargo, if any.
pub async fn find(db: &Database, slug: &str) -> Result<Option<Embargo>, AuthoringError> {
    let row: Option<EmbargoRow> = sqlx::query_as(&format!("{ROW_SELECT} WHERE sv.slug = $1"))
        .bind(slug)
        .fetch_optional(db.pool())
        .await?;
    Ok(row.as_ref().map(EmbargoRow::embargo))
}

/// The snapshot a pending embargo froze, with its publication time (stored form): what the
/// subjects' preview links show.
pub async fn frozen_snapshot(
    db: &Database,
    survey_id: &str,
) -> Result<Option<(Snapshot, String)>, AuthoringError> {
    let row: Option<(String, String)> =
        sqlx::query_as("SELECT snapshot, publish_at FROM embargoes WHERE survey_id = $1")
            .bind(survey_id)
            .fetch_optional(db.pool())
            .await?;
    row.map(|(snapshot, publish_at)| {
        serde_json::from_str(&snapshot)
            .map(|snapshot| (snapshot, publish_at))
            .map_err(|e| corrupt(format!("embargoed snapshot: {e}")))
    })
    .transpose()
}

/// Every pending embargo, soonest first (the console's survey list marks them).
pub async fn pending(db: &Database) -> Result<Vec<Embargo>, AuthoringError> {
    let rows: Vec<EmbargoRow> = sqlx::query_as(&format!("{ROW_SELECT} ORDER BY e.publish_at"))
        .fetch_all(db.pool())
        .await?;
    Ok(rows.iter().map(EmbargoRow::embargo).collect())
}

/// Whether the survey waits for an embargo, on the caller's transaction (the lifecycle and the
/// editor refuse changes while it does).
pub async fn is_embargoed(
    conn: &mut AnyConnection,
    survey_id: &str,
) -> Result<Option<String>, AuthoringError> {
    let row: Option<(String,)> =
        sqlx::query_as("SELECT publish_at FROM embargoes WHERE survey_id = $1")
            .bind(survey_id)
            .fetch_optional(&mut *conn)
            .await?;
    Ok(row.map(|(at,)| at))
}

/// Sets an embargo on a closed survey: its results freeze now (after the detectors have looked
/// at the latest answers) and become public at `at`. Refused while suspect clusters wait for a
/// decision, for a survey that is not closed, and when one is already set (move it instead).
pub async fn schedule(
    db: &Database,
    actor: &Actor,
    slug: &str,
    at: OffsetDateTime,
    now: OffsetDateTime,
) -> Result<Embargo, AuthoringError> {
    check_time(at, now)?;
    super::lifecycle::scan_before_freezing(db, slug).await?;
    let mut tx = db.begin_write().await?;
    let survey = crate::results::live::find_survey_on(&mut tx, slug)
        .await
        .map_err(results_error)?
        .ok_or(AuthoringError::NotFound)?;
    // Touching the row takes its lock on PostgreSQL, so a concurrent reopen or publish waits.
    let closed = sqlx::query("UPDATE surveys SET status = status WHERE id = $1 AND status = $2")
        .bind(&survey.id)
        .bind(domain::SurveyStatus::Closed.as_str())
        .execute(&mut *tx)
        .await?
        .rows_affected();
    if closed != 1 {
        return Err(AuthoringError::IllegalTransition {
            from: survey.status(),
            to: domain::SurveyStatus::Published,
        });
    }
    if let Some(publish_at) = is_embargoed(&mut tx, &survey.id).await? {
        return Err(AuthoringError::Embargoed { publish_at });
    }
    let open = crate::integrity::clusters::open_count(&mut tx, &survey.id).await?;
    if open > 0 {
        return Err(AuthoringError::UndecidedClusters(open));
    }
    let frozen = snapshots::compute_frozen(&mut tx, actor, &survey, "")
        .await
        .map_err(results_error)?;
    let snapshot_json =
        serde_json::to_string(&frozen).map_err(|e| corrupt(format!("snapshot: {e}")))?;
    let publish_at = timestamp::format(at);
    let scheduled_at = timestamp::format(now);
    sqlx::query(
        "INSERT INTO embargoes (survey_id, publish_at, scheduled_by, scheduled_at, data_hash,
                                responses, snapshot)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&survey.id)
    .bind(&publish_at)
    .bind(actor.label())
    .bind(&scheduled_at)
    .bind(&frozen.data_hash)
    .bind(frozen.responses)
    .bind(snapshot_json)
    .execute(&mut *tx)
    .await?;
    audit_change(
        &mut tx,
        actor,
        "survey.embargo",
        "survey",
        &survey.id,
        None,
        Some(serde_json::json!({
            "slug": slug, "publish_at": publish_at,
            "data_hash": frozen.data_hash, "responses": frozen.responses,
        })),
    )
    .await?;
    tx.commit().await?;
    find(db, slug).await?.ok_or(AuthoringError::NotFound)
}

/// Moves a pending embargo to another time; the frozen snapshot stays as it is.
pub async fn reschedule(
    db: &Database,
    actor: &Actor,
    slug: &str,
    at: OffsetDateTime,
    now: OffsetDateTime,
) -> Result<Embargo, AuthoringError> {
    check_time(at, now)?;
    let mut tx = db.begin_write().await?;
    let (survey_id, before) = pending_on(&mut tx, slug, now).await?;
    let publish_at = timestamp::format(at);
    // Still ahead of now in the same statement: a release claiming the row meanwhile wins, and
    // no move is recorded that did not happen.
    let moved = sqlx::query(
        "UPDATE embargoes SET publish_at = $1 WHERE survey_id = $2 AND publish_at > $3",
    )
    .bind(&publish_at)
    .bind(&survey_id)
    .bind(timestamp::format(now))
    .execute(&mut *tx)
    .await?
    .rows_affected();
    if moved != 1 {
        return Err(AuthoringError::NoEmbargo);
    }
    audit_change(
        &mut tx,
        actor,
        "survey.embargo_move",
        "survey",
        &survey_id,
        Some(serde_json::json!({ "slug": slug, "publish_at": before })),
        Some(serde_json::json!({ "slug": slug, "publish_at": publish_at })),
    )
    .await?;
    tx.commit().await?;
    find(db, slug).await?.ok_or(AuthoringError::NotFound)
}

/// Cancels a pending embargo: the frozen snapshot is dropped (it was never public) and the
/// survey is closed as before, free to reopen, change or publish again.
pub async fn cancel(
    db: &Database,
    actor: &Actor,
    slug: &str,
    now: OffsetDateTime,
) -> Result<Embargo, AuthoringError> {
    let embargo = find(db, slug).await?.ok_or(AuthoringError::NoEmbargo)?;
    let mut tx = db.begin_write().await?;
    let (survey_id, publish_at) = pending_on(&mut tx, slug, now).await?;
    let deleted = sqlx::query("DELETE FROM embargoes WHERE survey_id = $1 AND publish_at > $2")
        .bind(&survey_id)
        .bind(timestamp::format(now))
        .execute(&mut *tx)
        .await?
        .rows_affected();
    if deleted != 1 {
        return Err(AuthoringError::NoEmbargo);
    }
    audit_change(
        &mut tx,
        actor,
        "survey.embargo_cancel",
        "survey",
        &survey_id,
        Some(serde_json::json!({
            "slug": slug, "publish_at": publish_at, "data_hash": embargo.data_hash,
        })),
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(embargo)
}

/// The survey's id and embargo time, when its embargo is still ahead of `now` (a due one belongs
/// to the release).
async fn pending_on(
    conn: &mut AnyConnection,
    slug: &str,
    now: OffsetDateTime,
) -> Result<(String, String), AuthoringError> {
    let row: Option<(String, String)> = sqlx::query_as(
        "SELECT e.survey_id, e.publish_at FROM embargoes e JOIN surveys sv ON sv.id = e.survey_id
         WHERE sv.slug = $1",
    )
    .bind(slug)
    .fetch_optional(&mut *conn)
    .await?;
    match row {
        Some((id, at)) if at > timestamp::format(now) => Ok((id, at)),
        _ => Err(AuthoringError::NoEmbargo),
    }
}

/// A publication made when its embargo ended.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Released {
    pub survey: String,
    pub snapshot: i64,
    pub published_at: String,
}

/// Publishes every embargo due at `now`: the frozen snapshot is written with the embargo's time
/// as its publication time, the survey becomes published, the embargo row goes — one
/// transaction per survey. Deleting the row is the claim: of several instances releasing at
/// once, one deletes it and the others' transactions change nothing.
pub async fn release_due(
    db: &Database,
    now: OffsetDateTime,
) -> Result<Vec<Released>, AuthoringError> {
    let cutoff = timestamp::format(now);
    let due: Vec<EmbargoRow> = sqlx::query_as(&format!(
        "{ROW_SELECT} WHERE e.publish_at <= $1 ORDER BY e.publish_at"
    ))
    .bind(&cutoff)
    .fetch_all(db.pool())
    .await?;
    let mut released = Vec::with_capacity(due.len());
    for row in due {
        if let Some(done) = release_one(db, &row, &cutoff).await? {
            released.push(done);
        }
    }
    Ok(released)
}

async fn release_one(
    db: &Database,
    row: &EmbargoRow,
    cutoff: &str,
) -> Result<Option<Released>, AuthoringError> {
    let mut tx = db.begin_write().await?;
    let claimed = sqlx::query("DELETE FROM embargoes WHERE survey_id = $1 AND publish_at <= $2")
        .bind(&row.survey_id)
        .bind(cutoff)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    if claimed != 1 {
        return Ok(None);
    }
    let published = sqlx::query("UPDATE surveys SET status = $1 WHERE id = $2 AND status = $3")
        .bind(domain::SurveyStatus::Published.as_str())
        .bind(&row.survey_id)
        .bind(domain::SurveyStatus::Closed.as_str())
        .execute(&mut *tx)
        .await?
        .rows_affected();
    if published != 1 {
        return Err(corrupt(format!(
            "survey {} had an embargo but was not closed",
            row.slug
        )));
    }
    let mut snapshot: Snapshot = serde_json::from_str(&row.snapshot)
        .map_err(|e| corrupt(format!("embargoed snapshot: {e}")))?;
    snapshot.number = snapshots::next_number(&mut tx, &row.survey_id)
        .await
        .map_err(results_error)?;
    snapshot.published_at = row.publish_at.clone();
    snapshots::insert(&mut tx, &row.survey_id, &mut snapshot)
        .await
        .map_err(results_error)?;
    audit_change(
        &mut tx,
        &Actor::Embargo,
        "survey.publish",
        "survey",
        &row.survey_id,
        Some(serde_json::json!({ "slug": row.slug, "status": "closed" })),
        Some(serde_json::json!({
            "slug": row.slug, "status": "published", "snapshot": snapshot.number,
            "data_hash": snapshot.data_hash, "scheduled_by": row.scheduled_by,
        })),
    )
    .await?;
    tx.commit().await?;
    Ok(Some(Released {
        survey: row.slug.clone(),
        snapshot: snapshot.number,
        published_at: snapshot.published_at,
    }))
}

/// Each server instance's release loop: looks for due embargoes every second, so a publication
/// is public within a second of its time on every instance (they all read the same database).
/// A failed pass is logged and tried again on the next tick.
pub async fn keep_releasing(db: Database) {
    let mut ticker = tokio::time::interval(std::time::Duration::from_secs(1));
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticker.tick().await;
        match release_due(&db, OffsetDateTime::now_utc()).await {
            Ok(released) => {
                for done in released {
                    tracing::info!(
                        survey = done.survey,
                        snapshot = done.snapshot,
                        "embargo ended: results published"
                    );
                }
            }
            Err(error) => tracing::warn!(%error, "embargo release pass failed"),
        }
    }
}

fn corrupt(what: String) -> AuthoringError {
    AuthoringError::Database(DatabaseError::Corrupt(what))
}

fn results_error(error: crate::results::ResultsError) -> AuthoringError {
    match error {
        crate::results::ResultsError::Database(e) => AuthoringError::Database(e),
        other => corrupt(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn publication_times_are_read_in_beijing_time_unless_they_say_otherwise() {
        assert_eq!(
            parse_publish_at("2027-03-15 10:00"),
            Ok(datetime!(2027-03-15 02:00 UTC))
        );
        assert_eq!(
            parse_publish_at(" 2027-03-15T10:00 "),
            Ok(datetime!(2027-03-15 02:00 UTC))
        );
        assert_eq!(
            parse_publish_at("2027-03-15T10:00:00Z"),
            Ok(datetime!(2027-03-15 10:00 UTC))
        );
        for bad in [
            "",
            "tomorrow",
            "2027-02-30 10:00",
            "2027-03-15 25:00",
            "2027-03-15",
        ] {
            assert_eq!(
                parse_publish_at(bad),
                Err(EmbargoTimeProblem::Unreadable),
                "{bad}"
            );
        }
    }

    #[test]
    fn an_embargo_lies_in_the_coming_year() {
        let now = datetime!(2027-01-01 00:00 UTC);
        assert!(check_time(now + Duration::minutes(1), now).is_ok());
        assert!(matches!(
            check_time(now, now),
            Err(AuthoringError::EmbargoTime(EmbargoTimeProblem::NotInFuture))
        ));
        assert!(matches!(
            check_time(now + Duration::days(LONGEST_EMBARGO_DAYS + 1), now),
            Err(AuthoringError::EmbargoTime(EmbargoTimeProblem::TooFar))
        ));
    }
}
