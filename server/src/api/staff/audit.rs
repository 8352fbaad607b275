//! `GET /api/v1/staff/audit?before=&limit=` (admins only, by the route policy): the audit log,
//! newest first, paged by entry id.

use axum::extract::State;
use axum::Json;
use koubei_core::staff::audit::{self, AuditEntry};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::json::{self, Lang, Params, Reply};
use super::messages::staff_api;
use super::paging;
use crate::app_state::AppState;

#[derive(Default, Deserialize)]
#[serde(default)]
pub struct AuditQuery {
    /// The last entry id of the previous page.
    before: String,
    limit: String,
}

#[derive(Serialize)]
pub struct AuditPage {
    entries: Vec<EntryView>,
    /// Pass as `before` for the next page; `null` on the last one.
    next: Option<String>,
}

/// An entry with its states as JSON rather than JSON in a string.
#[derive(Serialize)]
struct EntryView {
    id: String,
    at: String,
    actor: String,
    action: String,
    entity: String,
    entity_id: String,
    before: Option<Value>,
    after: Option<Value>,
}

fn state(text: Option<String>) -> Option<Value> {
    text.map(|t| serde_json::from_str(&t).unwrap_or(Value::String(t)))
}

impl From<AuditEntry> for EntryView {
    fn from(entry: AuditEntry) -> Self {
        EntryView {
            id: entry.id,
            at: entry.at,
            actor: entry.actor,
            action: entry.action,
            entity: entry.entity,
            entity_id: entry.entity_id,
            before: state(entry.before_state),
            after: state(entry.after_state),
        }
    }
}

pub async fn list(
    State(state): State<AppState>,
    Lang(locale): Lang,
    Params(query): Params<AuditQuery>,
) -> Reply<Json<AuditPage>> {
    let limit = paging::limit(&query.limit, locale)?;
    let before = Some(query.before.trim()).filter(|b| !b.is_empty());
    if before.is_some_and(|b| b.len() > 64) {
        let t = staff_api(locale);
        return Err(json::invalid("before", "invalid_filter", t.invalid_value));
    }
    let mut entries = audit::list(&state.db, before, limit + 1)
        .await
        .map_err(|e| json::unavailable(&e, locale))?;
    let next = paging::cut(&mut entries, limit, |e| &e.id);
    Ok(Json(AuditPage {
        entries: entries.into_iter().map(EntryView::from).collect(),
        next,
    }))
}
