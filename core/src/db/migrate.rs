use sqlx::migrate::{MigrateError, Migrator};

use super::Database;

/// The schema, embedded in the binary. The same files run on SQLite and PostgreSQL.
pub static MIGRATOR: Migrator = sqlx::migrate!("../migrations");

/// A migration problem, told with the migration's number and name.
#[derive(Debug, thiserror::Error)]
pub enum MigrationError {
    #[error("migration {name} failed: {source}")]
    Failed { name: String, source: sqlx::Error },
    #[error("migration {name} was changed after it was applied to this database")]
    Changed { name: String },
    #[error(
        "migration {name} was left half-applied by an earlier run; repair the database, then retry"
    )]
    Dirty { name: String },
    #[error("this database has migration {version}, which this koubei does not know: is it older than the database?")]
    Unknown { version: i64 },
    #[error("cannot migrate the database: {0}")]
    Other(MigrateError),
}

/// Brings the schema up to date (each migration in its own transaction), then installs the
/// append-only guards.
pub async fn migrate(db: &Database) -> Result<(), MigrationError> {
    MIGRATOR.run(db.pool()).await.map_err(describe)?;
    super::guards::install(db).await.map_err(|e| match e {
        super::DatabaseError::Query(source) => MigrationError::Failed {
            name: "append-only guards".to_string(),
            source,
        },
        other => MigrationError::Failed {
            name: "append-only guards".to_string(),
            source: sqlx::Error::Protocol(other.to_string()),
        },
    })
}

fn describe(error: MigrateError) -> MigrationError {
    match error {
        MigrateError::ExecuteMigration(source, version) => MigrationError::Failed {
            name: migration_name(version),
            source,
        },
        MigrateError::VersionMismatch(version) => MigrationError::Changed {
            name: migration_name(version),
        },
        MigrateError::Dirty(version) => MigrationError::Dirty {
            name: migration_name(version),
        },
        MigrateError::VersionMissing(version) => MigrationError::Unknown { version },
        other => MigrationError::Other(other),
    }
}

/// `0001 schema v1`: the number and description of a migration we ship.
fn migration_name(version: i64) -> String {
    MIGRATOR
        .iter()
        .find(|m| m.version == version)
        .map(|m| format!("{version:04} \"{}\"", m.description))
        .unwrap_or_else(|| format!("{version:04}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_migrations_by_number_and_description() {
        assert_eq!(migration_name(1), "0001 \"schema v1\"");
        assert_eq!(migration_name(9999), "9999");
    }
}
