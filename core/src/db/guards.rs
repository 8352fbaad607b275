//! Guards the schema's migrations cannot express portably: snapshots and the audit log refuse
//! UPDATE and DELETE in the database itself, not only in our code. Installed after the
//! migrations on every start (idempotently), in each engine's own trigger syntax.

use super::{Backend, Database, DatabaseError};

const APPEND_ONLY: [&str; 2] = ["snapshots", "audit_log"];

pub async fn install(db: &Database) -> Result<(), DatabaseError> {
    let mut tx = db.begin_write().await?;
    match db.backend() {
        Backend::Sqlite => {
            for table in APPEND_ONLY {
                for (event, verb) in [("UPDATE", "changed"), ("DELETE", "deleted")] {
                    sqlx::query(&format!(
                        "CREATE TRIGGER IF NOT EXISTS {table}_no_{} BEFORE {event} ON {table}
                         BEGIN SELECT RAISE(ABORT, '{table} rows cannot be {verb}'); END",
                        event.to_lowercase()
                    ))
                    .execute(&mut *tx)
                    .await?;
                }
            }
        }
        Backend::Postgres => {
            // Instances starting together must not race on the function's definition.
            sqlx::query("SELECT pg_advisory_xact_lock(8244318)")
                .execute(&mut *tx)
                .await?;
            sqlx::query(
                "CREATE OR REPLACE FUNCTION koubei_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                 BEGIN RAISE EXCEPTION '% rows cannot be changed or deleted', TG_TABLE_NAME; END $$",
            )
            .execute(&mut *tx)
            .await?;
            for table in APPEND_ONLY {
                sqlx::query(&format!(
                    "CREATE OR REPLACE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table}
                     FOR EACH ROW EXECUTE FUNCTION koubei_append_only()"
                ))
                .execute(&mut *tx)
                .await?;
                sqlx::query(&format!(
                    "CREATE OR REPLACE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table}
                     FOR EACH STATEMENT EXECUTE FUNCTION koubei_append_only()"
                ))
                .execute(&mut *tx)
                .await?;
            }
        }
    }
    tx.commit().await?;
    Ok(())
}
