//! `koubei restore`: a backup back into place, checked first (SQLite's integrity check and the
//! manifest against what the file holds), never over data unless told, then migrated forward.

use std::path::Path;

use rusqlite::{Connection, OpenFlags, OptionalExtension};

use super::backup::{remove_if_present, sync_file, sync_parent, with_suffix};
use super::manifest::{Manifest, FORMAT, MANIFEST_TABLE};
use super::OperationsError;
use crate::db::{self, Backend, Database, DatabaseUrl};
use crate::results::snapshots::{check_latest_hash, HashCheck};

#[derive(Debug)]
pub struct RestoreReport {
    pub manifest: Manifest,
    /// The schema version after migrating forward.
    pub schema_version: i64,
    /// Whether a database holding data was replaced (`--force`).
    pub replaced: bool,
    /// Each survey's latest snapshot, its data hash recomputed from the restored answers.
    pub hash_checks: Vec<(String, HashCheck)>,
}

/// Tables whose rows do not make a database "hold data": every migrated database has them.
const BOOKKEEPING: [&str; 2] = ["_sqlx_migrations", "server_secrets"];

pub async fn restore(
    backup: &Path,
    url: &DatabaseUrl,
    force: bool,
) -> Result<RestoreReport, OperationsError> {
    if url.backend() == Backend::Postgres {
        return Err(OperationsError::PostgresUsesPgDump);
    }
    let target = url.sqlite_file().ok_or(OperationsError::InMemory)?;
    let backup = backup.to_path_buf();
    let (manifest, replaced) =
        tokio::task::spawn_blocking(move || put_in_place(&backup, &target, force))
            .await
            .map_err(|e| OperationsError::File {
                path: "restore".to_string(),
                source: std::io::Error::other(e.to_string()),
            })??;
    let db = Database::connect(url).await?;
    let checked = migrate_and_check(&db).await;
    db.close().await;
    let (schema_version, hash_checks) = checked?;
    Ok(RestoreReport {
        manifest,
        schema_version,
        replaced,
        hash_checks,
    })
}

/// Migrates the restored database forward, then recomputes every survey's latest snapshot hash.
async fn migrate_and_check(
    db: &Database,
) -> Result<(i64, Vec<(String, HashCheck)>), OperationsError> {
    db::migrate(db).await?;
    let (schema_version,): (i64,) =
        sqlx::query_as("SELECT COALESCE(MAX(version), 0) FROM _sqlx_migrations")
            .fetch_one(db.pool())
            .await
            .map_err(crate::db::DatabaseError::from)?;
    let published: Vec<(String, String)> = sqlx::query_as(
        "SELECT DISTINCT s.id, s.slug FROM surveys s JOIN snapshots n ON n.survey_id = s.id
         ORDER BY s.slug",
    )
    .fetch_all(db.pool())
    .await
    .map_err(crate::db::DatabaseError::from)?;
    let mut checks = Vec::with_capacity(published.len());
    for (id, slug) in published {
        let check = check_latest_hash(db, &id)
            .await
            .map_err(|e| OperationsError::NotABackup {
                path: slug.clone(),
                problem: e.to_string(),
            })?;
        if let Some(check) = check {
            checks.push((slug, check));
        }
    }
    Ok((schema_version, checks))
}

fn put_in_place(
    backup: &Path,
    target: &Path,
    force: bool,
) -> Result<(Manifest, bool), OperationsError> {
    let manifest = checked_manifest(backup)?;
    let holds_data = target.is_file() && holds_data(target)?;
    if holds_data && !force {
        return Err(OperationsError::TargetNotEmpty(
            target.display().to_string(),
        ));
    }
    if let Some(folder) = target.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder).map_err(|e| OperationsError::file(folder, e))?;
    }
    let partial = with_suffix(target, ".restoring");
    remove_if_present(&partial)?;
    std::fs::copy(backup, &partial).map_err(|e| OperationsError::file(&partial, e))?;
    let without_manifest = Connection::open_with_flags(&partial, OpenFlags::SQLITE_OPEN_READ_WRITE)
        .and_then(|conn| {
            conn.execute_batch(&format!("DROP TABLE {MANIFEST_TABLE}"))?;
            conn.close().map_err(|(_, e)| e)
        });
    if let Err(error) = without_manifest {
        let _ = std::fs::remove_file(&partial);
        return Err(error.into());
    }
    sync_file(&partial)?;
    // The old database's journal files belong to the old file: left beside the new one, SQLite
    // would replay them into it.
    for suffix in ["-wal", "-shm", "-journal"] {
        remove_if_present(&with_suffix(target, suffix))?;
    }
    std::fs::rename(&partial, target).map_err(|e| OperationsError::file(target, e))?;
    sync_parent(target)?;
    Ok((manifest, holds_data))
}

/// The backup's manifest, after checking the file is an intact SQLite database whose contents
/// are still what the manifest says.
fn checked_manifest(backup: &Path) -> Result<Manifest, OperationsError> {
    let not_a_backup = |problem: String| OperationsError::NotABackup {
        path: backup.display().to_string(),
        problem,
    };
    if !backup.is_file() {
        return Err(not_a_backup("there is no such file".to_string()));
    }
    let conn = Connection::open_with_flags(backup, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let integrity: String = conn
        .query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .map_err(|e| not_a_backup(format!("it is not a readable SQLite database ({e})")))?;
    if integrity != "ok" {
        return Err(not_a_backup(format!(
            "SQLite's integrity check failed: {integrity}"
        )));
    }
    let body: Option<String> = conn
        .query_row(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name = ?1",
            [MANIFEST_TABLE],
            |row| row.get::<_, String>(0),
        )
        .optional()?
        .map(|_| {
            conn.query_row(&format!("SELECT body FROM {MANIFEST_TABLE}"), [], |row| {
                row.get(0)
            })
        })
        .transpose()?;
    let body = body.ok_or_else(|| {
        not_a_backup("it has no manifest (it was not made by `koubei backup`)".to_string())
    })?;
    let manifest: Manifest = serde_json::from_str(&body)
        .map_err(|e| not_a_backup(format!("its manifest cannot be read ({e})")))?;
    if manifest.format != FORMAT {
        return Err(not_a_backup(format!(
            "its manifest is of an unknown format ({})",
            manifest.format
        )));
    }
    let known = db::MIGRATOR
        .iter()
        .map(|m| m.version)
        .max()
        .unwrap_or_default();
    if manifest.schema_version > known {
        return Err(OperationsError::NewerSchema {
            backup: manifest.schema_version,
            known,
        });
    }
    let found = Manifest::read_from(&conn, manifest.made_at.clone())?;
    if let Some(problem) = manifest.difference(&found) {
        return Err(OperationsError::ManifestMismatch {
            path: backup.display().to_string(),
            problem,
        });
    }
    Ok(manifest)
}

/// Whether the SQLite file at `target` holds any row beyond what every migrated database has.
fn holds_data(target: &Path) -> Result<bool, OperationsError> {
    if std::fs::metadata(target)
        .map_err(|e| OperationsError::file(target, e))?
        .len()
        == 0
    {
        return Ok(false);
    }
    let conn = Connection::open_with_flags(target, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let mut names = conn.prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    )?;
    let names: Vec<String> = names
        .query_map([], |row| row.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for name in names.iter().filter(|n| !BOOKKEEPING.contains(&n.as_str())) {
        let quoted = name.replace('"', "\"\"");
        let any: bool = conn.query_row(
            &format!("SELECT EXISTS (SELECT 1 FROM \"{quoted}\")"),
            [],
            |row| row.get(0),
        )?;
        if any {
            return Ok(true);
        }
    }
    Ok(false)
}
