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

/// Which entries the console's audit page shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AuditFilter {
    /// Only this area's changes; `None`: every area.
    pub area: Option<AuditArea>,
    /// Sign-ins and lockouts, which outnumber the changes, are left out unless asked for (or
    /// unless the area is `SignIns`).
    pub sign_ins: bool,
    /// Entries at or after this stored time.
    pub from: Option<String>,
    /// Entries before this stored time.
    pub until: Option<String>,
}

/// The kinds of change staff look for, by the prefix of their action codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuditArea {
    Surveys,
    Responses,
    Catalog,
    Integrity,
    People,
    SignIns,
}

impl AuditArea {
    pub const ALL: [AuditArea; 6] = [
        AuditArea::Surveys,
        AuditArea::Responses,
        AuditArea::Catalog,
        AuditArea::Integrity,
        AuditArea::People,
        AuditArea::SignIns,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AuditArea::Surveys => "surveys",
            AuditArea::Responses => "responses",
            AuditArea::Catalog => "catalog",
            AuditArea::Integrity => "integrity",
            AuditArea::People => "people",
            AuditArea::SignIns => "sign-ins",
        }
    }

    pub fn parse(text: &str) -> Option<AuditArea> {
        AuditArea::ALL.into_iter().find(|a| a.as_str() == text)
    }

    /// The SQL condition on `a.action` (fixed text, no input in it).
    fn condition(self) -> &'static str {
        match self {
            AuditArea::Surveys => {
                "(a.action LIKE 'survey.%' OR a.action LIKE 'preview_link.%' \
                 OR a.action LIKE 'reply.%' OR a.action LIKE 'reply_deadline.%')"
            }
            AuditArea::Responses => "a.action LIKE 'response.%'",
            AuditArea::Catalog => "(a.action LIKE 'sector.%' OR a.action LIKE 'subject.%')",
            AuditArea::Integrity => {
                "(a.action LIKE 'cluster.%' OR a.action LIKE 'invitation_batch.%' \
                 OR a.action LIKE 'poster_batch.%' OR a.action LIKE 'kiosk_key.%')"
            }
            AuditArea::People => {
                "((a.action LIKE 'user.%' OR a.action LIKE 'token.%') \
                 AND a.action <> 'user.sign_in')"
            }
            AuditArea::SignIns => SIGN_INS,
        }
    }
}

const SIGN_INS: &str = "a.action IN ('user.sign_in', 'sign_in.locked')";

/// An entry with the survey it concerns, when it concerns one (by name, for people).
#[derive(Clone, Debug, PartialEq, FromRow)]
pub struct AuditLine {
    #[sqlx(flatten)]
    pub entry: AuditEntry,
    pub survey_slug: Option<String>,
    pub survey_title_zh: Option<String>,
    pub survey_title_en: Option<String>,
}

/// The console's page of the log: newest first, older than `before`, as `filter` says. A
/// response's entry names the response's survey; a survey's its own.
pub async fn lines(
    db: &Database,
    before: Option<&str>,
    limit: i64,
    filter: AuditFilter,
) -> Result<Vec<AuditLine>, DatabaseError> {
    let mut conditions = vec![
        "($1 IS NULL OR a.id < $1)".to_string(),
        "($3 IS NULL OR a.at >= $3)".to_string(),
        "($4 IS NULL OR a.at < $4)".to_string(),
    ];
    match filter.area {
        Some(area) => conditions.push(area.condition().to_string()),
        None if !filter.sign_ins => conditions.push(format!("NOT ({SIGN_INS})")),
        None => {}
    }
    let sql = format!(
        "SELECT a.id, a.at, a.actor, a.action, a.entity, a.entity_id, a.before_state,
                a.after_state, s.slug AS survey_slug, s.title_zh AS survey_title_zh,
                s.title_en AS survey_title_en
         FROM audit_log a
         LEFT JOIN responses r ON a.entity = 'response' AND r.id = a.entity_id
         LEFT JOIN surveys s ON s.id = CASE WHEN a.entity = 'survey' THEN a.entity_id
                                            ELSE r.survey_id END
         WHERE {}
         ORDER BY a.id DESC LIMIT $2",
        conditions.join(" AND ")
    );
    Ok(sqlx::query_as(&sql)
        .bind(before)
        .bind(limit)
        .bind(filter.from)
        .bind(filter.until)
        .fetch_all(db.pool())
        .await?)
}
