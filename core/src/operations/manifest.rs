//! A backup's manifest: what the copy holds, written into the copy itself (one file to keep),
//! and checked again on restore against what the file then holds.

use std::collections::BTreeMap;

use rusqlite::Connection;
use serde::{Deserialize, Serialize};

/// The manifest's own table inside a backup file; restore drops it.
pub const MANIFEST_TABLE: &str = "koubei_backup_manifest";
/// Names this manifest's layout; a later layout gets a new name.
pub const FORMAT: &str = "koubei-backup-1";

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SnapshotHash {
    /// The survey's slug (its id is in the copy; the slug is what an operator recognises).
    pub survey: String,
    pub number: i64,
    pub data_hash: String,
    pub responses: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: String,
    /// When the copy was taken (UTC, RFC 3339).
    pub made_at: String,
    /// The koubei that made it.
    pub koubei_version: String,
    /// The newest migration applied to the copied database.
    pub schema_version: i64,
    /// Rows per table, counted in the copy.
    pub tables: BTreeMap<String, i64>,
    /// Every published snapshot's data hash, by survey and number.
    pub snapshots: Vec<SnapshotHash>,
}

impl Manifest {
    /// Reads what `conn` holds now.
    pub fn read_from(conn: &Connection, made_at: String) -> rusqlite::Result<Manifest> {
        Ok(Manifest {
            format: FORMAT.to_string(),
            made_at,
            koubei_version: env!("CARGO_PKG_VERSION").to_string(),
            schema_version: schema_version(conn)?,
            tables: table_counts(conn)?,
            snapshots: snapshot_hashes(conn)?,
        })
    }

    /// The first way `other` (what a file holds now) differs from this manifest, in words.
    pub fn difference(&self, other: &Manifest) -> Option<String> {
        if self.schema_version != other.schema_version {
            return Some(format!(
                "schema version {} in the manifest, {} in the file",
                self.schema_version, other.schema_version
            ));
        }
        for (table, count) in &self.tables {
            match other.tables.get(table) {
                None => return Some(format!("table {table} is missing")),
                Some(found) if found != count => {
                    return Some(format!(
                        "table {table} has {found} rows, the manifest says {count}"
                    ))
                }
                Some(_) => {}
            }
        }
        if let Some(extra) = other.tables.keys().find(|t| !self.tables.contains_key(*t)) {
            return Some(format!("table {extra} is not in the manifest"));
        }
        if self.snapshots != other.snapshots {
            return Some("the published snapshots' data hashes differ".to_string());
        }
        None
    }
}

fn schema_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row(
        "SELECT COALESCE(MAX(version), 0) FROM _sqlx_migrations WHERE success",
        [],
        |row| row.get(0),
    )
}

fn table_counts(conn: &Connection) -> rusqlite::Result<BTreeMap<String, i64>> {
    let mut names = conn.prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
         AND name <> ?1 ORDER BY name",
    )?;
    let names: Vec<String> = names
        .query_map([MANIFEST_TABLE], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut counts = BTreeMap::new();
    for name in names {
        // Names come from the file's own catalogue; quoted, they cannot break out.
        let quoted = name.replace('"', "\"\"");
        let count: i64 =
            conn.query_row(&format!("SELECT COUNT(*) FROM \"{quoted}\""), [], |row| {
                row.get(0)
            })?;
        counts.insert(name, count);
    }
    Ok(counts)
}

fn snapshot_hashes(conn: &Connection) -> rusqlite::Result<Vec<SnapshotHash>> {
    let mut query = conn.prepare(
        "SELECT s.slug, n.number, n.data_hash, n.responses
         FROM snapshots n JOIN surveys s ON s.id = n.survey_id
         ORDER BY s.slug, n.number",
    )?;
    let rows = query.query_map([], |row| {
        Ok(SnapshotHash {
            survey: row.get(0)?,
            number: row.get(1)?,
            data_hash: row.get(2)?,
            responses: row.get(3)?,
        })
    })?;
    rows.collect()
}
