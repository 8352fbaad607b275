//! `koubei backup`: a consistent copy of a live SQLite database, taken while the server keeps
//! answering. SQLite's `VACUUM INTO` reads the database inside one read transaction, so the copy
//! holds exactly the commits made before it began (every answer acknowledged by then) and none
//! half; the response writer goes on committing beside it (WAL mode).

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use super::manifest::{Manifest, MANIFEST_TABLE};
use super::OperationsError;
use crate::db::{timestamp, Backend, DatabaseUrl};

#[derive(Debug)]
pub struct BackupReport {
    pub output: PathBuf,
    pub bytes: u64,
    pub manifest: Manifest,
}

/// Copies the database at `url` into the new file `output`, with its manifest inside.
pub async fn backup(url: &DatabaseUrl, output: &Path) -> Result<BackupReport, OperationsError> {
    let source = sqlite_source(url)?;
    let output = output.to_path_buf();
    tokio::task::spawn_blocking(move || copy(&source, &output))
        .await
        .map_err(|e| OperationsError::File {
            path: "backup".to_string(),
            source: std::io::Error::other(e.to_string()),
        })?
}

/// The SQLite file behind `url`, which must exist: a backup never creates a database.
pub(super) fn sqlite_source(url: &DatabaseUrl) -> Result<PathBuf, OperationsError> {
    if url.backend() == Backend::Postgres {
        return Err(OperationsError::PostgresUsesPgDump);
    }
    let file = url.sqlite_file().ok_or(OperationsError::InMemory)?;
    if !file.is_file() {
        return Err(OperationsError::NoDatabase(file.display().to_string()));
    }
    Ok(file)
}

fn copy(source: &Path, output: &Path) -> Result<BackupReport, OperationsError> {
    if output.exists() {
        return Err(OperationsError::OutputExists(output.display().to_string()));
    }
    // Written beside the output under another name and renamed when complete: a crash or a full
    // disk never leaves a file that looks like a finished backup.
    let partial = with_suffix(output, ".partial");
    remove_if_present(&partial)?;
    let partial_name = partial.to_str().ok_or_else(|| OperationsError::File {
        path: partial.display().to_string(),
        source: std::io::Error::other("the file name is not valid UTF-8"),
    })?;
    let live = Connection::open_with_flags(source, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
    live.busy_timeout(std::time::Duration::from_secs(30))?;
    let copied = live.execute("VACUUM INTO ?1", [partial_name]);
    drop(live);
    if let Err(error) = copied {
        let _ = std::fs::remove_file(&partial);
        return Err(error.into());
    }
    let manifest = match write_manifest(&partial) {
        Ok(manifest) => manifest,
        Err(error) => {
            let _ = std::fs::remove_file(&partial);
            return Err(error);
        }
    };
    sync_file(&partial)?;
    std::fs::rename(&partial, output).map_err(|e| OperationsError::file(output, e))?;
    sync_parent(output)?;
    let bytes = std::fs::metadata(output)
        .map_err(|e| OperationsError::file(output, e))?
        .len();
    Ok(BackupReport {
        output: output.to_path_buf(),
        bytes,
        manifest,
    })
}

/// Counts what the copy holds (not the live database, which has moved on) and stores it inside.
fn write_manifest(copy: &Path) -> Result<Manifest, OperationsError> {
    let conn = Connection::open_with_flags(copy, OpenFlags::SQLITE_OPEN_READ_WRITE)?;
    let manifest = Manifest::read_from(&conn, timestamp::now())?;
    let body = serde_json::to_string(&manifest).map_err(|e| OperationsError::NotABackup {
        path: copy.display().to_string(),
        problem: e.to_string(),
    })?;
    conn.execute_batch(&format!(
        "CREATE TABLE {MANIFEST_TABLE} (body TEXT NOT NULL)"
    ))?;
    conn.execute(
        &format!("INSERT INTO {MANIFEST_TABLE} (body) VALUES (?1)"),
        [body],
    )?;
    conn.close().map_err(|(_, e)| e)?;
    Ok(manifest)
}

pub(super) fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

pub(super) fn remove_if_present(path: &Path) -> Result<(), OperationsError> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(OperationsError::file(path, e)),
        _ => Ok(()),
    }
}

pub(super) fn sync_file(path: &Path) -> Result<(), OperationsError> {
    std::fs::File::open(path)
        .and_then(|file| file.sync_all())
        .map_err(|e| OperationsError::file(path, e))
}

/// Makes a rename durable: the folder's entry, not only the file's bytes, must reach the disk.
pub(super) fn sync_parent(path: &Path) -> Result<(), OperationsError> {
    let folder = match path.parent().filter(|p| !p.as_os_str().is_empty()) {
        Some(folder) => folder.to_path_buf(),
        None => PathBuf::from("."),
    };
    sync_file(&folder)
}
