//! The batch steps through the response writer's own SQLite connection. Statements run on the
//! calling thread: through sqlx, each one would be a hand-off to the driver's thread and back,
//! and on a busy machine waiting for those hand-offs took a third of the writer's time. Each
//! statement is prepared once and run per row; in-process, that costs less than building and
//! preparing one statement for the whole batch.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use rusqlite::{params, Connection, OpenFlags, OptionalExtension, ToSql, TransactionBehavior};

use super::{
    device_answers_sql, earlier_answers_sql, insert_sql, write_in, BatchStore, DeviceAnswer,
    EarlierAnswer, PendingSubmission, RowToInsert, Value, WriteOutcome, DELETE_RESPONSE,
    INVITATION_ANSWERS, INVITATION_SPENT_BY, SPEND_INVITATION, SURVEY_STATUS, UNSPEND_INVITATION,
};
use crate::db::connect::SQLITE_CONNECTION_PRAGMAS;
use crate::db::DatabaseError;
use crate::results::tallies::{self, TallyKey};

/// A connection of the response writer's own to a SQLite file, set up like every pooled one.
/// The file must exist and be migrated ([`crate::db::Database::connect`] does both).
pub struct OwnSqliteConnection {
    conn: Connection,
}

impl OwnSqliteConnection {
    pub fn open(file: &Path) -> Result<OwnSqliteConnection, DatabaseError> {
        let conn = Connection::open_with_flags(
            file,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.execute_batch(SQLITE_CONNECTION_PRAGMAS)?;
        Ok(OwnSqliteConnection { conn })
    }

    /// Writes a batch in one transaction and reports each submission's fate. An `Err` means
    /// nothing of the batch was stored.
    #[tracing::instrument(skip_all, fields(batch.len = batch.len()), err)]
    pub async fn write_batch(
        &mut self,
        batch: &[PendingSubmission],
    ) -> Result<Vec<WriteOutcome>, DatabaseError> {
        // Take the write lock up front, so the status read cannot go stale before the write.
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Dropping `tx` on an early return rolls the batch back.
        let outcomes = write_in(&mut OwnSqliteStore { conn: &tx }, batch).await?;
        tx.commit()?;
        Ok(outcomes)
    }
}

struct OwnSqliteStore<'c> {
    conn: &'c Connection,
}

impl BatchStore for OwnSqliteStore<'_> {
    async fn survey_status(&mut self, survey_id: &str) -> Result<Option<String>, DatabaseError> {
        let mut statement = self.conn.prepare_cached(SURVEY_STATUS)?;
        Ok(statement
            .query_row(params![survey_id], |row| row.get(0))
            .optional()?)
    }

    async fn devices_seen<'a>(
        &mut self,
        asked: &[DeviceAnswer<'a>],
    ) -> Result<HashSet<DeviceAnswer<'a>>, DatabaseError> {
        let mut statement = self.conn.prepare_cached(&format!(
            "SELECT EXISTS (SELECT 1 {})",
            device_answers_sql("?1", "?2", "?3")
        ))?;
        let mut seen = HashSet::new();
        for answer @ (survey, client, subject) in asked {
            let exists: bool =
                statement.query_row(params![survey, client, subject], |row| row.get(0))?;
            if exists {
                seen.insert(*answer);
            }
        }
        Ok(seen)
    }

    async fn insert(&mut self, rows: &[RowToInsert<'_>]) -> Result<HashSet<String>, DatabaseError> {
        let mut statement = self
            .conn
            .prepare_cached(&insert_sql(1, |n| format!("?{n}")))?;
        let mut inserted = HashSet::with_capacity(rows.len());
        for row in rows {
            let values = row.values();
            let parameters: Vec<&dyn ToSql> = values.iter().map(as_sql).collect();
            if statement.execute(parameters.as_slice())? == 1 {
                inserted.insert(row.row.id.clone());
            }
        }
        Ok(inserted)
    }

    async fn delete(&mut self, response_id: &str) -> Result<(), DatabaseError> {
        self.conn
            .prepare_cached(DELETE_RESPONSE)?
            .execute(params![response_id])?;
        Ok(())
    }

    async fn spend(
        &mut self,
        invitation: &(String, i64),
        submission_id: &str,
        at: &str,
    ) -> Result<bool, DatabaseError> {
        let inserted = self
            .conn
            .prepare_cached(SPEND_INVITATION)?
            .execute(params![invitation.0, invitation.1, submission_id, at])?;
        Ok(inserted == 1)
    }

    async fn spent_by(
        &mut self,
        invitation: &(String, i64),
    ) -> Result<Option<String>, DatabaseError> {
        Ok(self
            .conn
            .prepare_cached(INVITATION_SPENT_BY)?
            .query_row(params![invitation.0, invitation.1], |row| row.get(0))
            .optional()?)
    }

    async fn invitation_answers(
        &mut self,
        invitation: &(String, i64),
        submission_id: &str,
    ) -> Result<Vec<String>, DatabaseError> {
        let mut statement = self.conn.prepare_cached(INVITATION_ANSWERS)?;
        let ids = statement
            .query_map(params![invitation.0, submission_id], |row| row.get(0))?
            .collect::<Result<Vec<String>, _>>()?;
        Ok(ids)
    }

    async fn unspend(&mut self, invitation: &(String, i64)) -> Result<(), DatabaseError> {
        self.conn
            .prepare_cached(UNSPEND_INVITATION)?
            .execute(params![invitation.0, invitation.1])?;
        Ok(())
    }

    async fn earlier_answers(
        &mut self,
        survey_id: &str,
        respondent_key: &str,
    ) -> Result<Vec<EarlierAnswer>, DatabaseError> {
        let mut statement = self.conn.prepare_cached(&earlier_answers_sql())?;
        let answers = statement
            .query_map(params![survey_id, respondent_key], |row| {
                Ok((row.get(0)?, row.get(1)?, row.get(2)?))
            })?
            .collect::<Result<Vec<EarlierAnswer>, _>>()?;
        Ok(answers)
    }

    async fn add_to_tallies(
        &mut self,
        counted: &BTreeMap<TallyKey, i64>,
    ) -> Result<(), DatabaseError> {
        let mut statement = self
            .conn
            .prepare_cached(&tallies::add_sql(1, |n| format!("?{n}")))?;
        for (key, responses) in counted {
            statement.execute(params![key.survey_id, key.subject_id, key.score, responses])?;
        }
        Ok(())
    }
}

fn as_sql<'v>(value: &'v Value<'_>) -> &'v dyn ToSql {
    match value {
        Value::Text(text) => text,
        Value::OptionalText(text) => text,
        Value::Integer(number) => number,
        Value::OptionalInteger(number) => number,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Durability rests on these: an acknowledged answer is on disk (FULL syncs the WAL at each
    /// commit), and the writer keeps the foreign keys the pool keeps.
    #[test]
    fn the_writers_own_connection_syncs_every_commit_and_checks_foreign_keys() {
        let file = std::env::temp_dir().join(format!("koubei-own-{}.db", uuid::Uuid::now_v7()));
        Connection::open(&file).expect("create the file");
        let own = OwnSqliteConnection::open(&file).expect("open");
        let pragma = |name: &str| -> i64 {
            own.conn
                .query_row(&format!("PRAGMA {name}"), [], |row| row.get(0))
                .expect("pragma")
        };
        assert_eq!(pragma("synchronous"), 2, "2 is FULL");
        assert_eq!(pragma("foreign_keys"), 1);
        drop(own);
        let _ = std::fs::remove_file(&file);
    }
}
