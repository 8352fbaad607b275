//! Authoring (server only): sectors, subjects and surveys, and a survey's lifecycle. Every
//! change is checked here — for the console, the staff API and the CLI alike — and audited in
//! its own transaction.

pub mod catalog;
pub mod definition;
pub mod embargo;
mod error;
pub mod invitations;
pub mod lifecycle;
pub mod poster_batches;
pub mod preview_links;
pub mod preview_page;
pub mod printed;
pub mod replies;
pub mod surveys;

pub use error::AuthoringError;

use sqlx::AnyConnection;

use crate::staff::audit::{self, Change};
use crate::staff::Actor;

/// Records a change in the audit log on the transaction that makes it.
pub(crate) async fn audit_change(
    conn: &mut AnyConnection,
    actor: &Actor,
    action: &str,
    entity: &str,
    entity_id: &str,
    before: Option<serde_json::Value>,
    after: Option<serde_json::Value>,
) -> Result<(), AuthoringError> {
    let mut change = Change::new(action, entity, entity_id);
    change.before = before;
    change.after = after;
    audit::record(conn, actor, change).await?;
    Ok(())
}
