//! Staff accounts.

use serde::Serialize;
use sqlx::FromRow;

use super::audit::{self, Change};
use super::{password, Actor, StaffError};
use crate::db::{new_id, timestamp, Database};
use domain::Role;

/// A staff account as listed (never with its password hash).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StaffUser {
    pub id: String,
    pub email: String,
    pub role: Role,
    pub active: bool,
    pub created_at: String,
}

#[derive(FromRow)]
pub(crate) struct UserRow {
    pub id: String,
    pub email: String,
    pub password_hash: String,
    pub role: String,
    pub active: i64,
    pub created_at: String,
}

impl UserRow {
    pub(crate) fn into_user(self) -> Result<StaffUser, StaffError> {
        Ok(StaffUser {
            role: Role::parse(&self.role).ok_or_else(|| StaffError::corrupt("staff role"))?,
            id: self.id,
            email: self.email,
            active: self.active == 1,
            created_at: self.created_at,
        })
    }
}

/// E-mail addresses compare case-insensitively; stored lower-case and trimmed.
pub fn normalize_email(email: &str) -> Result<String, StaffError> {
    let email = email.trim().to_lowercase();
    let plausible = email.len() <= 254
        && email
            .split_once('@')
            .is_some_and(|(local, domain)| !local.is_empty() && domain.contains('.'))
        && !email.chars().any(|c| c.is_whitespace() || c.is_control());
    if plausible {
        Ok(email)
    } else {
        Err(StaffError::InvalidEmail)
    }
}

/// Creates a staff account. The password is checked against the length rules and hashed.
pub async fn create(
    db: &Database,
    actor: &Actor,
    email: &str,
    new_password: &str,
    role: Role,
) -> Result<StaffUser, StaffError> {
    let email = normalize_email(email)?;
    password::check_new(new_password).map_err(StaffError::Password)?;
    let user = StaffUser {
        id: new_id(),
        email,
        role,
        active: true,
        created_at: timestamp::now(),
    };
    let hash = password::hash(new_password);
    let mut tx = db.begin_write().await?;
    let inserted = sqlx::query(
        "INSERT INTO staff_users (id, email, password_hash, role, active, created_at)
         VALUES ($1, $2, $3, $4, 1, $5) ON CONFLICT (email) DO NOTHING",
    )
    .bind(&user.id)
    .bind(&user.email)
    .bind(&hash)
    .bind(user.role.as_str())
    .bind(&user.created_at)
    .execute(&mut *tx)
    .await?;
    if inserted.rows_affected() == 0 {
        return Err(StaffError::EmailTaken);
    }
    audit::record(
        &mut tx,
        actor,
        Change::new("user.create", "staff_user", &user.id).after(&user),
    )
    .await?;
    tx.commit().await?;
    Ok(user)
}

pub async fn list(db: &Database) -> Result<Vec<StaffUser>, StaffError> {
    let rows: Vec<UserRow> = sqlx::query_as(
        "SELECT id, email, password_hash, role, active, created_at FROM staff_users ORDER BY email",
    )
    .fetch_all(db.pool())
    .await?;
    rows.into_iter().map(UserRow::into_user).collect()
}

pub(crate) async fn find_by_email(
    db: &Database,
    email: &str,
) -> Result<Option<UserRow>, StaffError> {
    Ok(sqlx::query_as(
        "SELECT id, email, password_hash, role, active, created_at FROM staff_users WHERE email = $1",
    )
    .bind(email)
    .fetch_optional(db.pool())
    .await?)
}

pub async fn find(db: &Database, id: &str) -> Result<Option<StaffUser>, StaffError> {
    let row: Option<UserRow> = sqlx::query_as(
        "SELECT id, email, password_hash, role, active, created_at FROM staff_users WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(db.pool())
    .await?;
    row.map(UserRow::into_user).transpose()
}

/// Changes a user's role and whether the account may sign in. Deactivating ends its sessions.
/// The last active admin cannot be demoted or deactivated: nobody could manage users after.
pub async fn update(
    db: &Database,
    actor: &Actor,
    id: &str,
    role: Role,
    active: bool,
) -> Result<StaffUser, StaffError> {
    let before = find(db, id).await?.ok_or(StaffError::NotFound)?;
    let after = StaffUser {
        role,
        active,
        ..before.clone()
    };
    let mut tx = db.begin_write().await?;
    if before.role == Role::Admin && before.active && (role != Role::Admin || !active) {
        let (admins,): (i64,) = sqlx::query_as(
            "SELECT COUNT(*) FROM staff_users WHERE role = 'admin' AND active = 1 AND id <> $1",
        )
        .bind(id)
        .fetch_one(&mut *tx)
        .await?;
        if admins == 0 {
            return Err(StaffError::LastAdmin);
        }
    }
    sqlx::query("UPDATE staff_users SET role = $1, active = $2 WHERE id = $3")
        .bind(role.as_str())
        .bind(i64::from(active))
        .bind(id)
        .execute(&mut *tx)
        .await?;
    if !active {
        sqlx::query("DELETE FROM staff_sessions WHERE user_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    audit::record(
        &mut tx,
        actor,
        Change::new("user.update", "staff_user", id)
            .before(&before)
            .after(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_trimmed_lower_cased_and_checked() {
        assert_eq!(
            normalize_email("  Li.Wei@Council.GOV.cn ").ok().as_deref(),
            Some("li.wei@council.gov.cn")
        );
        assert!(normalize_email("nobody").is_err());
        assert!(normalize_email("@council.cn").is_err());
        assert!(normalize_email("a b@council.cn").is_err());
        assert!(normalize_email("a@localhost").is_err());
    }
}
