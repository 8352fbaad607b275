//! A cheap fingerprint of everything the public views of published results are drawn from, so
//! that a server (or several on one database) can keep rendered views and know when to drop
//! them. Snapshots are append-only (publish, correction, embargo release), and every other
//! change a public view can show — survey lifecycle, sectors, brands, definitions — is made by
//! staff, scripts or the CLI and written to the append-only audit log.

use crate::db::{Database, DatabaseError};

/// Changes whenever a snapshot is written or a change is audited.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PublicVersion {
    pub snapshots: i64,
    pub changes: i64,
    pub last_change: String,
}

/// Reads the fingerprint: two counts and one indexed maximum.
pub async fn public_version(db: &Database) -> Result<PublicVersion, DatabaseError> {
    let (snapshots, changes, last_change): (i64, i64, String) = sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM snapshots),
                (SELECT COUNT(*) FROM audit_log),
                (SELECT COALESCE(MAX(at), '') FROM audit_log)",
    )
    .fetch_one(db.pool())
    .await?;
    Ok(PublicVersion {
        snapshots,
        changes,
        last_change,
    })
}
