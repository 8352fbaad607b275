//! Sign-in throttling: after repeated failures for one address, or from one client, further
//! attempts are refused for a while — before the password is even checked.

use time::{Duration, OffsetDateTime};

use super::{secret_token, StaffError};
use crate::db::{new_id, timestamp, Database};

/// Failures counted over this sliding window.
pub const WINDOW: Duration = Duration::minutes(15);
/// Guessing one account's password: five tries, then wait.
pub const MAX_FAILURES_PER_EMAIL: i64 = 5;
/// Spraying many accounts from one client (IP + user agent): a little more room for typos
/// across a shared office connection.
pub const MAX_FAILURES_PER_CLIENT: i64 = 20;

/// Refuses the attempt with the seconds to wait when either limit is reached.
pub async fn check(db: &Database, email: &str, client_hash: &str) -> Result<(), StaffError> {
    let now = OffsetDateTime::now_utc();
    let since = timestamp::format(now - WINDOW);
    let by_email = oldest_of_latest(
        db,
        "SELECT failed_at FROM sign_in_failures WHERE email_digest = $1 AND failed_at > $2
         ORDER BY failed_at DESC LIMIT $3",
        &secret_token::digest(email),
        &since,
        MAX_FAILURES_PER_EMAIL,
    )
    .await?;
    let by_client = oldest_of_latest(
        db,
        "SELECT failed_at FROM sign_in_failures WHERE client_hash = $1 AND failed_at > $2
         ORDER BY failed_at DESC LIMIT $3",
        client_hash,
        &since,
        MAX_FAILURES_PER_CLIENT,
    )
    .await?;
    let locked_until = [by_email, by_client]
        .into_iter()
        .flatten()
        .map(|oldest| oldest + WINDOW)
        .max();
    match locked_until {
        Some(until) if until > now => Err(StaffError::Throttled {
            retry_after_s: (until - now).whole_seconds().max(1) as u64,
        }),
        _ => Ok(()),
    }
}

/// The oldest of the latest `limit` failures in the window, when there are `limit` of them.
async fn oldest_of_latest(
    db: &Database,
    sql: &str,
    key: &str,
    since: &str,
    limit: i64,
) -> Result<Option<OffsetDateTime>, StaffError> {
    let rows: Vec<(String,)> = sqlx::query_as(sql)
        .bind(key)
        .bind(since)
        .bind(limit)
        .fetch_all(db.pool())
        .await?;
    if (rows.len() as i64) < limit {
        return Ok(None);
    }
    Ok(rows.last().and_then(|(at,)| timestamp::parse(at)))
}

/// Counts a failed attempt (also sweeps failures older than the window).
pub async fn record_failure(
    db: &Database,
    email: &str,
    client_hash: &str,
) -> Result<(), StaffError> {
    let now = OffsetDateTime::now_utc();
    let mut tx = db.begin_write().await?;
    sqlx::query("DELETE FROM sign_in_failures WHERE failed_at < $1")
        .bind(timestamp::format(now - WINDOW))
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO sign_in_failures (id, email_digest, client_hash, failed_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(new_id())
    .bind(secret_token::digest(email))
    .bind(client_hash)
    .bind(timestamp::format(now))
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// A successful sign-in forgives the address's failures.
pub async fn clear(db: &Database, email: &str) -> Result<(), StaffError> {
    sqlx::query("DELETE FROM sign_in_failures WHERE email_digest = $1")
        .bind(secret_token::digest(email))
        .execute(db.pool())
        .await?;
    Ok(())
}
