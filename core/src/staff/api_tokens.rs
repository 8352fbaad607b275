//! API tokens for scripts: created on the command line or by an admin, shown once, stored as a
//! digest, revocable.

use serde::Serialize;
use sqlx::FromRow;

use super::audit::{self, Change};
use super::{secret_token, Actor, Principal, StaffError};
use crate::db::{new_id, timestamp, Database};
use domain::Role;

/// A token as listed (never with its secret).
#[derive(Clone, Debug, PartialEq, Serialize, FromRow)]
pub struct ApiToken {
    pub id: String,
    pub name: String,
    #[sqlx(try_from = "String")]
    pub role: RoleText,
    pub created_at: String,
    pub revoked_at: Option<String>,
    pub last_used_at: Option<String>,
}

/// A role read from a text column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct RoleText(pub Role);

impl TryFrom<String> for RoleText {
    type Error = StaffError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Role::parse(&value)
            .map(RoleText)
            .ok_or_else(|| StaffError::corrupt("token role"))
    }
}

/// A token just created: `secret` is shown once and never again.
pub struct CreatedToken {
    pub token: ApiToken,
    pub secret: String,
}

pub async fn create(
    db: &Database,
    actor: &Actor,
    name: &str,
    role: Role,
) -> Result<CreatedToken, StaffError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(StaffError::InvalidTokenName);
    }
    let secret = secret_token::mint_api_token();
    let token = ApiToken {
        id: new_id(),
        name: name.to_string(),
        role: RoleText(role),
        created_at: timestamp::now(),
        revoked_at: None,
        last_used_at: None,
    };
    let mut tx = db.begin_write().await?;
    sqlx::query(
        "INSERT INTO api_tokens (id, name, token_hash, role, created_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(&token.id)
    .bind(&token.name)
    .bind(secret_token::digest(&secret))
    .bind(role.as_str())
    .bind(&token.created_at)
    .execute(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        actor,
        Change::new("token.create", "api_token", &token.id).after(&token),
    )
    .await?;
    tx.commit().await?;
    Ok(CreatedToken { token, secret })
}

const COLUMNS: &str = "id, name, role, created_at, revoked_at, last_used_at";

pub async fn list(db: &Database) -> Result<Vec<ApiToken>, StaffError> {
    Ok(sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM api_tokens ORDER BY created_at DESC"
    ))
    .fetch_all(db.pool())
    .await?)
}

/// Revokes a token; revoking one already revoked changes nothing (and is not an error).
pub async fn revoke(db: &Database, actor: &Actor, id: &str) -> Result<ApiToken, StaffError> {
    let mut tx = db.begin_write().await?;
    let before: ApiToken =
        sqlx::query_as(&format!("SELECT {COLUMNS} FROM api_tokens WHERE id = $1"))
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(StaffError::NotFound)?;
    if before.revoked_at.is_some() {
        return Ok(before);
    }
    let after = ApiToken {
        revoked_at: Some(timestamp::now()),
        ..before.clone()
    };
    sqlx::query("UPDATE api_tokens SET revoked_at = $1 WHERE id = $2")
        .bind(&after.revoked_at)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    audit::record(
        &mut tx,
        actor,
        Change::new("token.revoke", "api_token", id)
            .before(&before)
            .after(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

#[derive(FromRow)]
struct BearerRow {
    id: String,
    name: String,
    role: String,
    last_used_at: Option<String>,
}

/// The principal of a `Bearer` token, if it is known and not revoked. Marks it used (at most
/// once a minute, so reads do not turn into a write each).
pub async fn principal(db: &Database, secret: &str) -> Result<Option<Principal>, StaffError> {
    let row: Option<BearerRow> = sqlx::query_as(
        "SELECT id, name, role, last_used_at FROM api_tokens
         WHERE token_hash = $1 AND revoked_at IS NULL",
    )
    .bind(secret_token::digest(secret))
    .fetch_optional(db.pool())
    .await?;
    let Some(row) = row else {
        return Ok(None);
    };
    let now = timestamp::now();
    // Stored times are fixed-width text: comparing the first 16 characters compares minutes.
    if row.last_used_at.as_deref().map(|t| &t[..t.len().min(16)]) != Some(&now[..16]) {
        sqlx::query("UPDATE api_tokens SET last_used_at = $1 WHERE id = $2")
            .bind(&now)
            .bind(&row.id)
            .execute(db.pool())
            .await?;
    }
    Ok(Some(Principal {
        role: Role::parse(&row.role).ok_or_else(|| StaffError::corrupt("token role"))?,
        actor: Actor::Token {
            id: row.id,
            name: row.name,
        },
        csrf_token: None,
        session_digest: None,
    }))
}
