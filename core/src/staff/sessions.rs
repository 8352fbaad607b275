//! Browser sessions of signed-in staff, kept in the database: they survive restarts and work
//! across several server instances. The cookie holds a random secret; the table its digest.

use sqlx::FromRow;
use time::{Duration, OffsetDateTime};

use super::audit::{self, Change};
use super::{secret_token, Actor, Principal, StaffError};
use crate::db::{timestamp, Database};
use domain::Role;

pub const SESSION_COOKIE: &str = "koubei_staff";
/// A working day: long enough not to nag, short enough that a forgotten session ends.
pub const SESSION_LIFETIME: Duration = Duration::hours(12);

/// A session just created: the secret goes into the cookie and is never stored.
pub struct NewSession {
    pub token: String,
}

impl NewSession {
    /// The `Set-Cookie` value. `Secure` when the request came over HTTPS.
    pub fn set_cookie(&self, secure: bool) -> String {
        format!(
            "{SESSION_COOKIE}={}; Max-Age={}; Path=/; HttpOnly; SameSite=Lax{}",
            self.token,
            SESSION_LIFETIME.whole_seconds(),
            if secure { "; Secure" } else { "" }
        )
    }
}

/// The `Set-Cookie` value that removes the session cookie.
pub fn clear_cookie(secure: bool) -> String {
    format!(
        "{SESSION_COOKIE}=; Max-Age=0; Path=/; HttpOnly; SameSite=Lax{}",
        if secure { "; Secure" } else { "" }
    )
}

/// Starts a session for a user (after the password was checked). Expired sessions are swept
/// here, so the table does not grow without bound.
pub async fn start(db: &Database, user_id: &str) -> Result<NewSession, StaffError> {
    let token = secret_token::mint();
    let now = OffsetDateTime::now_utc();
    let mut tx = db.begin_write().await?;
    sqlx::query("DELETE FROM staff_sessions WHERE expires_at < $1")
        .bind(timestamp::format(now))
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO staff_sessions (token_hash, user_id, csrf_token, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(secret_token::digest(&token))
    .bind(user_id)
    .bind(secret_token::mint())
    .bind(timestamp::format(now))
    .bind(timestamp::format(now + SESSION_LIFETIME))
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(NewSession { token })
}

#[derive(FromRow)]
struct SessionRow {
    user_id: String,
    email: String,
    role: String,
    csrf_token: String,
}

/// The staff member a session cookie belongs to, if the session is current and the account
/// active.
pub async fn principal(db: &Database, token: &str) -> Result<Option<Principal>, StaffError> {
    let digest = secret_token::digest(token);
    let row: Option<SessionRow> = sqlx::query_as(
        "SELECT u.id AS user_id, u.email, u.role, s.csrf_token
         FROM staff_sessions s JOIN staff_users u ON u.id = s.user_id
         WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.active = 1",
    )
    .bind(&digest)
    .bind(timestamp::now())
    .fetch_optional(db.pool())
    .await?;
    row.map(|row| {
        Ok(Principal {
            role: Role::parse(&row.role).ok_or_else(|| StaffError::corrupt("staff role"))?,
            actor: Actor::User {
                id: row.user_id,
                email: row.email,
            },
            csrf_token: Some(row.csrf_token),
            session_digest: Some(digest),
        })
    })
    .transpose()
}

/// Ends one session (sign out).
pub async fn end(db: &Database, principal: &Principal) -> Result<(), StaffError> {
    if let Some(digest) = &principal.session_digest {
        sqlx::query("DELETE FROM staff_sessions WHERE token_hash = $1")
            .bind(digest)
            .execute(db.pool())
            .await?;
    }
    Ok(())
}

/// Ends every session of the principal's account, on every device (sign out everywhere).
pub async fn end_all(db: &Database, principal: &Principal) -> Result<u64, StaffError> {
    let Actor::User { id, .. } = &principal.actor else {
        return Ok(0);
    };
    let mut tx = db.begin_write().await?;
    let ended = sqlx::query("DELETE FROM staff_sessions WHERE user_id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    audit::record(
        &mut tx,
        &principal.actor,
        Change::new("user.sign_out_everywhere", "staff_user", id)
            .after(&serde_json::json!({ "sessions_ended": ended })),
    )
    .await?;
    tx.commit().await?;
    Ok(ended)
}
