use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use sqlx::any::{AnyPoolOptions, AnyQueryResult};
use sqlx::{AnyPool, Executor};

/// Which database engine a URL points at. Decides the few per-engine settings; the SQL is shared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "SQLite",
            Backend::Postgres => "PostgreSQL",
        }
    }

    /// The `n`th (from 1) parameter of a statement. SQLite gets positional `?` parameters: it
    /// resolves named `$n` ones by searching, which grows with the square of their number.
    pub fn placeholder(self, n: usize) -> String {
        match self {
            Backend::Sqlite => "?".to_string(),
            Backend::Postgres => format!("${n}"),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum DatabaseError {
    #[error("unsupported database URL `{0}`: use sqlite://PATH or postgres://USER@HOST:PORT/NAME")]
    UnsupportedUrl(String),
    #[error("cannot create the data folder {path}: {source}")]
    DataFolder {
        path: String,
        source: std::io::Error,
    },
    #[error("cannot open the database {url}: {source}")]
    Connect { url: String, source: sqlx::Error },
    #[error("database query failed: {0}")]
    Query(#[from] sqlx::Error),
    #[error("database query failed: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("cannot start the response writer's thread: {0}")]
    WriterThread(std::io::Error),
    #[error("the database holds a value the application cannot read: {0}")]
    Corrupt(String),
    #[error("the server's key file {path}: {problem}")]
    KeyFile { path: String, problem: String },
}

/// A database URL that has been checked to name an engine we support.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DatabaseUrl {
    raw: String,
    backend: Backend,
}

impl DatabaseUrl {
    pub fn parse(raw: &str) -> Result<DatabaseUrl, DatabaseError> {
        let raw = raw.trim();
        let backend = if raw.starts_with("sqlite:") {
            Backend::Sqlite
        } else if raw.starts_with("postgres://") || raw.starts_with("postgresql://") {
            Backend::Postgres
        } else {
            return Err(DatabaseError::UnsupportedUrl(redact(raw)));
        };
        Ok(DatabaseUrl {
            raw: raw.to_string(),
            backend,
        })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The URL as given, password included: for drivers, never for logs.
    pub fn as_str(&self) -> &str {
        &self.raw
    }

    /// The URL with any password replaced, safe for logs and error messages.
    pub fn redacted(&self) -> String {
        redact(&self.raw)
    }

    /// The file behind a SQLite URL (`None` for in-memory databases and for PostgreSQL).
    pub fn sqlite_file(&self) -> Option<PathBuf> {
        if self.backend != Backend::Sqlite {
            return None;
        }
        let rest = self
            .raw
            .trim_start_matches("sqlite:")
            .trim_start_matches("//");
        let path = rest.split('?').next().unwrap_or_default();
        (!path.is_empty() && path != ":memory:").then(|| PathBuf::from(path))
    }

    /// The URL handed to sqlx: SQLite files are created when missing.
    fn connect_url(&self) -> String {
        if self.backend == Backend::Sqlite && !self.raw.contains("mode=") {
            let separator = if self.raw.contains('?') { '&' } else { '?' };
            format!("{}{separator}mode=rwc", self.raw)
        } else {
            self.raw.clone()
        }
    }
}

impl FromStr for DatabaseUrl {
    type Err = DatabaseError;

    fn from_str(raw: &str) -> Result<Self, Self::Err> {
        DatabaseUrl::parse(raw)
    }
}

impl std::fmt::Display for DatabaseUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.redacted())
    }
}

fn redact(raw: &str) -> String {
    // scheme://user:password@host → scheme://user:***@host
    let Some((scheme, rest)) = raw.split_once("://") else {
        return raw.to_string();
    };
    let Some((userinfo, host)) = rest.split_once('@') else {
        return raw.to_string();
    };
    match userinfo.split_once(':') {
        Some((user, _password)) => format!("{scheme}://{user}:***@{host}"),
        None => raw.to_string(),
    }
}

/// Every SQLite connection's settings, pooled or the response writer's own.
/// synchronous = FULL: a commit is on disk (WAL synced) before anyone is told it happened.
/// An 8 MiB page cache holds the indexes' upper levels; a bigger one costs every commit more:
/// SQLite scans the whole cache's hash table when a B-tree split has renumbered pages (18–21 %
/// of the writer's time at 64 MiB). Readers lose their cache at every commit anyway (WAL mode).
/// temp_store = MEMORY: statement journals stay in memory instead of temporary files.
pub(crate) const SQLITE_CONNECTION_PRAGMAS: &str = "PRAGMA foreign_keys = ON; \
     PRAGMA busy_timeout = 5000; PRAGMA synchronous = FULL; PRAGMA cache_size = -8192; \
     PRAGMA temp_store = MEMORY;";

/// How every pool is set up: size, patience, and SQLite's per-connection settings.
fn pool_options(backend: Backend, max_connections: u32) -> AnyPoolOptions {
    AnyPoolOptions::new()
        .max_connections(max_connections)
        .acquire_timeout(Duration::from_secs(5))
        // A SQLite connection is a file handle in this process: it cannot drop the way a network
        // connection can, so the ping before each use would only add a round trip to its thread.
        .test_before_acquire(backend != Backend::Sqlite)
        .after_connect(move |conn, _meta| {
            Box::pin(async move {
                if backend == Backend::Sqlite {
                    conn.execute(SQLITE_CONNECTION_PRAGMAS).await?;
                }
                Ok(())
            })
        })
}

/// A connection pool plus the engine it talks to. Cheap to clone.
#[derive(Clone, Debug)]
pub struct Database {
    pool: AnyPool,
    backend: Backend,
    /// The SQLite file; `None` for PostgreSQL and in-memory SQLite.
    sqlite_file: Option<PathBuf>,
}

impl Database {
    /// Opens the database: creates the SQLite file and its folder when missing, turns on WAL
    /// (SQLite keeps that setting in the file) and foreign keys (per connection).
    pub async fn connect(url: &DatabaseUrl) -> Result<Database, DatabaseError> {
        sqlx::any::install_default_drivers();
        if let Some(file) = url.sqlite_file() {
            if let Some(folder) = file.parent().filter(|p| !p.as_os_str().is_empty()) {
                std::fs::create_dir_all(folder).map_err(|source| DatabaseError::DataFolder {
                    path: folder.display().to_string(),
                    source,
                })?;
            }
        }
        let backend = url.backend();
        let pool = pool_options(backend, if backend == Backend::Sqlite { 8 } else { 16 })
            .connect(&url.connect_url())
            .await
            .map_err(|source| DatabaseError::Connect {
                url: url.redacted(),
                source,
            })?;
        if backend == Backend::Sqlite {
            sqlx::query("PRAGMA journal_mode = WAL")
                .execute(&pool)
                .await
                .map_err(|source| DatabaseError::Connect {
                    url: url.redacted(),
                    source,
                })?;
        }
        Ok(Database {
            pool,
            backend,
            sqlite_file: url.sqlite_file(),
        })
    }

    /// Another handle on the same database with one connection of its own, for a task that
    /// works all the time (the response writer): it never waits behind readers for a pooled
    /// connection. An in-memory SQLite database exists only inside its own pool, so there the
    /// shared pool is returned.
    pub async fn dedicated(&self) -> Result<Database, DatabaseError> {
        if self.is_in_memory() {
            return Ok(self.clone());
        }
        let options = (*self.pool.connect_options()).clone();
        let pool = pool_options(self.backend, 1).connect_with(options).await?;
        Ok(Database {
            pool,
            backend: self.backend,
            sqlite_file: self.sqlite_file.clone(),
        })
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// A transaction that will write. On SQLite it takes the write lock at once (`BEGIN
    /// IMMEDIATE`): a deferred transaction that reads and then writes fails with "database is
    /// locked" when another writer committed in between, and SQLite's busy timeout cannot help it.
    pub async fn begin_write(&self) -> Result<sqlx::Transaction<'static, sqlx::Any>, sqlx::Error> {
        match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await,
            Backend::Postgres => self.pool.begin().await,
        }
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The SQLite file behind this handle; `None` for PostgreSQL and in-memory SQLite.
    pub fn sqlite_file(&self) -> Option<&Path> {
        self.sqlite_file.as_deref()
    }

    fn is_in_memory(&self) -> bool {
        self.backend == Backend::Sqlite && self.sqlite_file.is_none()
    }

    /// Answers whether the database takes queries right now (for readiness probes).
    pub async fn ping(&self) -> Result<(), DatabaseError> {
        let _: AnyQueryResult = sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }

    /// Closes a pool made by [`Database::dedicated`]; an in-memory database's shared pool stays
    /// open for its other users.
    pub async fn close_dedicated(&self) {
        if !self.is_in_memory() {
            self.pool.close().await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_supported_engines() {
        let sqlite = DatabaseUrl::parse("sqlite://data/koubei.db").expect("sqlite url");
        assert_eq!(sqlite.backend(), Backend::Sqlite);
        assert_eq!(sqlite.sqlite_file(), Some(PathBuf::from("data/koubei.db")));
        let pg = DatabaseUrl::parse("postgresql://u@h/db").expect("postgres url");
        assert_eq!(pg.backend(), Backend::Postgres);
        assert_eq!(pg.sqlite_file(), None);
    }

    #[test]
    fn rejects_other_schemes_without_leaking_passwords() {
        let err = DatabaseUrl::parse("mysql://root:hunter2@db/x").expect_err("mysql unsupported");
        let message = err.to_string();
        assert!(message.contains("mysql://root:***@db/x"), "{message}");
        assert!(!message.contains("hunter2"));
        assert!(DatabaseUrl::parse("nonsense://x").is_err());
    }

    #[test]
    fn redacts_passwords_only() {
        let url = DatabaseUrl::parse("postgres://koubei:s3cret@db:5432/koubei").expect("url");
        assert_eq!(url.redacted(), "postgres://koubei:***@db:5432/koubei");
        let plain = DatabaseUrl::parse("postgres://postgres@127.0.0.1/x").expect("url");
        assert_eq!(plain.redacted(), "postgres://postgres@127.0.0.1/x");
    }

    #[test]
    fn sqlite_files_are_created_when_missing() {
        let url = DatabaseUrl::parse("sqlite:///tmp/k.db").expect("url");
        assert_eq!(url.connect_url(), "sqlite:///tmp/k.db?mode=rwc");
        assert_eq!(url.sqlite_file(), Some(PathBuf::from("/tmp/k.db")));
        let memory = DatabaseUrl::parse("sqlite::memory:").expect("url");
        assert_eq!(memory.sqlite_file(), None);
    }
}
