//! Running Koubei for years: backups proven by restoring them, and retention of personal data.
//! Nothing here knows HTTP; the command line and the server's daily job call in.

pub mod backup;
pub mod manifest;
pub mod restore;
pub mod retention;

pub use backup::{backup, BackupReport};
pub use manifest::{Manifest, SnapshotHash};
pub use restore::{restore, RestoreReport};

/// Why a backup or a restore could not be made. Every message says what to do next.
#[derive(Debug, thiserror::Error)]
pub enum OperationsError {
    #[error(
        "koubei backup copies SQLite databases only. For PostgreSQL use its own tools, e.g. \
         `pg_dump --format=custom --file=koubei.dump URL` and, to restore into an empty \
         database, `pg_restore --dbname=URL koubei.dump` (README, \"Operating Koubei\")"
    )]
    PostgresUsesPgDump,
    #[error(
        "an in-memory database cannot be backed up or restored into: give a sqlite://FILE URL"
    )]
    InMemory,
    #[error("there is no database at {0}")]
    NoDatabase(String),
    #[error("{0} already exists: choose a new file name (a backup never overwrites a file)")]
    OutputExists(String),
    #[error("{path} is not a Koubei backup: {problem}")]
    NotABackup { path: String, problem: String },
    #[error("the backup {path} does not match its own manifest: {problem}")]
    ManifestMismatch { path: String, problem: String },
    #[error(
        "the backup has schema version {backup}, newer than this koubei knows ({known}): restore \
         it with the koubei that made it, or a newer one"
    )]
    NewerSchema { backup: i64, known: i64 },
    #[error(
        "the database {0} already holds data: stop every server using it and add --force to \
         replace it, or restore into a new file"
    )]
    TargetNotEmpty(String),
    #[error("{path}: {source}")]
    File {
        path: String,
        source: std::io::Error,
    },
    #[error("SQLite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error(transparent)]
    Database(#[from] crate::db::DatabaseError),
    #[error(transparent)]
    Migration(#[from] crate::db::MigrationError),
}

impl OperationsError {
    fn file(path: &std::path::Path, source: std::io::Error) -> OperationsError {
        OperationsError::File {
            path: path.display().to_string(),
            source,
        }
    }
}
