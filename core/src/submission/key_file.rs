//! Where the server key lives: in a file of its own, outside the database, so that a dump or a
//! backup of the data cannot reverse the keyed hashes in it (client and network hashes) or mint
//! invitations and respondent cookies. By default the file sits next to a SQLite database
//! (`data/koubei.secrets` beside `data/koubei.db`), created with owner-only permissions on first
//! run; a database that still holds its key moves it out once. PostgreSQL deployments name a
//! file every instance reads (`--secrets-file`); without one, the key stays in the database, as
//! before, and the server says so at start.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::secret::{random_bytes, ServerSecret};
use crate::db::{Database, DatabaseError};

/// Where the key is kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyPlace {
    File(PathBuf),
    /// In the database's `server_secrets` (PostgreSQL without a key file; in-memory SQLite).
    Database,
}

impl KeyPlace {
    /// The file given (`--secrets-file`), else one next to a SQLite database file, else the
    /// database itself.
    pub fn resolve(explicit: Option<PathBuf>, db: &Database) -> KeyPlace {
        match (explicit, db.sqlite_file()) {
            (Some(path), _) => KeyPlace::File(path),
            (None, Some(file)) => KeyPlace::File(beside(file)),
            (None, None) => KeyPlace::Database,
        }
    }
}

/// The default key file of a SQLite database: `koubei.db` → `koubei.secrets`.
pub fn beside(sqlite_file: &Path) -> PathBuf {
    sqlite_file.with_extension("secrets")
}

fn problem(path: &Path, problem: impl std::fmt::Display) -> DatabaseError {
    DatabaseError::KeyFile {
        path: path.display().to_string(),
        problem: problem.to_string(),
    }
}

/// The server key from its place, created (or moved out of the database) on first use.
pub async fn open_key(db: &Database, place: &KeyPlace) -> Result<ServerSecret, DatabaseError> {
    let path = match place {
        KeyPlace::Database => return ServerSecret::load_or_create(db).await,
        KeyPlace::File(path) => path,
    };
    let stored = ServerSecret::load(db).await?;
    let key = match read(path)? {
        Some(key) => key,
        None => {
            // The database's key moves out, so cookies and hashes made with it stay valid.
            let key = stored
                .as_ref()
                .map_or_else(random_bytes::<32>, ServerSecret::bytes);
            match create(path, &key)? {
                true => key,
                // Another instance wrote it first: theirs it is.
                false => read(path)?.ok_or_else(|| problem(path, "vanished after creation"))?,
            }
        }
    };
    if let Some(stored) = stored {
        if stored.bytes() != key {
            tracing::warn!(file = %path.display(), "the database held another server key than the key file; the file's key is used");
        }
        ServerSecret::forget_stored(db).await?;
        tracing::info!(file = %path.display(), "the server key moved out of the database into its key file");
    }
    Ok(ServerSecret::from_bytes(key))
}

/// The key in the file, or `None` when there is no file.
fn read(path: &Path) -> Result<Option<[u8; 32]>, DatabaseError> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(problem(path, error)),
    };
    warn_if_readable_by_others(path);
    hex::decode(text.trim())
        .ok()
        .and_then(|bytes| <[u8; 32]>::try_from(bytes).ok())
        .map(Some)
        .ok_or_else(|| problem(path, "is not 64 hexadecimal digits"))
}

#[cfg(unix)]
fn warn_if_readable_by_others(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    if let Ok(meta) = std::fs::metadata(path) {
        if meta.permissions().mode() & 0o077 != 0 {
            tracing::warn!(file = %path.display(), "the server key file is readable by others; chmod 600 it");
        }
    }
}

#[cfg(not(unix))]
fn warn_if_readable_by_others(_path: &Path) {}

/// Writes the key to a new file readable by its owner only; `false` when the file appeared
/// meanwhile. Written beside it first and then linked into place, so nobody ever reads half a
/// key, and two instances starting at once end up with one.
fn create(path: &Path, key: &[u8; 32]) -> Result<bool, DatabaseError> {
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(folder).map_err(|e| problem(path, e))?;
    let draft = folder.join(format!(
        ".{}.{}",
        path.file_name()
            .map_or_else(|| "secrets".into(), |n| n.to_string_lossy()),
        hex::encode(random_bytes::<8>())
    ));
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let written = options.open(&draft).and_then(|mut file| {
        file.write_all(format!("{}\n", hex::encode(key)).as_bytes())?;
        file.sync_all()
    });
    if let Err(error) = written {
        let _ = std::fs::remove_file(&draft);
        return Err(problem(path, error));
    }
    let linked = std::fs::hard_link(&draft, path);
    let _ = std::fs::remove_file(&draft);
    match linked {
        Ok(()) => {
            // The link itself must survive a crash before the database forgets its copy.
            if let Ok(dir) = std::fs::File::open(folder) {
                let _ = dir.sync_all();
            }
            Ok(true)
        }
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(error) => Err(problem(path, error)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_file_is_made_once_owner_only_and_read_back() {
        let folder = tempfile_folder();
        let path = folder.join("sub/koubei.secrets");
        let key = [7u8; 32];
        assert!(create(&path, &key).expect("created"));
        assert!(
            !create(&path, &[9u8; 32]).expect("exists"),
            "never overwritten"
        );
        assert_eq!(read(&path).expect("read"), Some(key));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).expect("meta").permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let leftovers = std::fs::read_dir(path.parent().expect("folder"))
            .expect("list")
            .count();
        assert_eq!(leftovers, 1, "no draft left behind");
        std::fs::write(&path, "not a key").expect("overwrite");
        assert!(read(&path).is_err());
        assert_eq!(read(&folder.join("missing")).expect("no file"), None);
        let _ = std::fs::remove_dir_all(&folder);
    }

    #[test]
    fn the_default_file_sits_beside_the_database() {
        assert_eq!(
            beside(Path::new("data/koubei.db")),
            PathBuf::from("data/koubei.secrets")
        );
    }

    fn tempfile_folder() -> PathBuf {
        let folder =
            std::env::temp_dir().join(format!("koubei-key-{}", hex::encode(random_bytes::<8>())));
        std::fs::create_dir_all(&folder).expect("folder");
        folder
    }
}
