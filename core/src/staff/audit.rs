//! The audit log: every state change, who made it, when, and the state before and after. Rows
//! are only ever inserted, inside the transaction of the change they describe.

use serde::Serialize;
use sqlx::{AnyConnection, FromRow};

use super::Actor;
use crate::db::{new_id, timestamp, Database, DatabaseError};

/// One change to record.
pub struct Change<'a> {
    pub action: &'a str,
    pub entity: &'a str,
    pub entity_id: &'a str,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

impl<'a> Change<'a> {
    pub fn new(action: &'a str, entity: &'a str, entity_id: &'a str) -> Change<'a> {
        Change {
            action,
            entity,
            entity_id,
            before: None,
            after: None,
        }
    }

    pub fn before(mut self, state: &impl Serialize) -> Self {
        self.before = serde_json::to_value(state).ok();
        self
    }

    pub fn after(mut self, state: &impl Serialize) -> Self {
        self.after = serde_json::to_value(state).ok();
        self
    }
}

/// Writes one entry, on the connection (transaction) that makes the change.
pub async fn record(
    conn: &mut AnyConnection,
    actor: &Actor,
    change: Change<'_>,
) -> Result<(), DatabaseError> {
    sqlx::query(
        "INSERT INTO audit_log (id, at, actor, action, entity, entity_id, before_state, after_state)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(new_id())
    .bind(timestamp::now())
    .bind(actor.label())
    .bind(change.action)
    .bind(change.entity)
    .bind(change.entity_id)
    .bind(change.before.map(|v| v.to_string()))
    .bind(change.after.map(|v| v.to_string()))
    .execute(conn)
    .await?;
    Ok(())
}

/// One entry as the console and the API show it.
#[derive(Clone, Debug, PartialEq, Serialize, FromRow)]
pub struct AuditEntry {
    pub id: String,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub entity: String,
    pub entity_id: String,
    pub before_state: Option<String>,
    pub after_state: Option<String>,
}

/// The newest entries first, `limit` of them, older than `before` (an entry id) when given.
pub async fn list(
    db: &Database,
    before: Option<&str>,
    limit: i64,
) -> Result<Vec<AuditEntry>, DatabaseError> {
    let rows = sqlx::query_as(
        "SELECT id, at, actor, action, entity, entity_id, before_state, after_state
         FROM audit_log WHERE ($1 IS NULL OR id < $1) ORDER BY id DESC LIMIT $2",
    )
    .bind(before)
    .bind(limit)
    .fetch_all(db.pool())
    .await?;
    Ok(rows)
}
