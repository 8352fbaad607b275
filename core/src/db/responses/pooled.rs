//! The batch steps through a pooled sqlx connection: PostgreSQL, and SQLite databases that live
//! only in memory. Every statement is a round trip to the database (or its driver thread), so
//! each step is one statement for the whole batch.

use std::collections::{BTreeMap, HashSet};

use sqlx::any::AnyArguments;
use sqlx::{Any, Arguments, Transaction};

use super::{
    device_answers_sql, earlier_answers_sql, insert_sql, write_in, BatchStore, DeviceAnswer,
    EarlierAnswer, PendingSubmission, RowToInsert, Value, WriteOutcome, DELETE_RESPONSE,
    INVITATION_ANSWERS, INVITATION_SPENT_BY, SPEND_INVITATION, SURVEY_STATUS, UNSPEND_INVITATION,
};
use crate::db::{Backend, Database, DatabaseError};
use crate::results::tallies::{self, TallyKey};

/// Rows per INSERT: 500 × 21 parameters stays under both engines' limits.
const ROWS_PER_STATEMENT: usize = 500;

/// Writes a batch in one transaction and reports each submission's fate. An `Err` means
/// nothing of the batch was stored.
#[tracing::instrument(skip_all, fields(batch.len = batch.len()), err)]
pub async fn write_batch(
    db: &Database,
    batch: &[PendingSubmission],
) -> Result<Vec<WriteOutcome>, DatabaseError> {
    // SQLite: take the write lock up front, so the status read cannot go stale before the write.
    let mut tx = db.begin_write().await?;
    let outcomes = write_in(
        &mut PooledStore {
            tx: &mut tx,
            backend: db.backend(),
        },
        batch,
    )
    .await?;
    tx.commit().await?;
    Ok(outcomes)
}

struct PooledStore<'t> {
    tx: &'t mut Transaction<'static, Any>,
    backend: Backend,
}

impl PooledStore<'_> {
    fn placeholder(&self, n: usize) -> String {
        self.backend.placeholder(n)
    }

    /// Which of a chunk's rows went in, after some collided with earlier answers (the rare case;
    /// asking only then spares the common one a result row per response).
    async fn stored_ids(
        &mut self,
        chunk: &[RowToInsert<'_>],
    ) -> Result<Vec<String>, DatabaseError> {
        let placeholders: Vec<String> = (1..=chunk.len()).map(|n| self.placeholder(n)).collect();
        let sql = format!(
            "SELECT id FROM responses WHERE id IN ({})",
            placeholders.join(", ")
        );
        let mut query = sqlx::query_as::<_, (String,)>(&sql);
        for row in chunk {
            query = query.bind(row.row.id.as_str());
        }
        let ids = query.fetch_all(&mut **self.tx).await?;
        Ok(ids.into_iter().map(|(id,)| id).collect())
    }
}

impl BatchStore for PooledStore<'_> {
    async fn survey_status(&mut self, survey_id: &str) -> Result<Option<String>, DatabaseError> {
        let row: Option<(String,)> = sqlx::query_as(SURVEY_STATUS)
            .bind(survey_id)
            .fetch_optional(&mut **self.tx)
            .await?;
        Ok(row.map(|(status,)| status))
    }

    /// One statement per 500 questions: a UNION ALL of `EXISTS` probes, each answering with its
    /// position when the device answer is there.
    async fn devices_seen<'a>(
        &mut self,
        asked: &[DeviceAnswer<'a>],
    ) -> Result<HashSet<DeviceAnswer<'a>>, DatabaseError> {
        let mut seen = HashSet::new();
        for chunk in asked.chunks(ROWS_PER_STATEMENT) {
            let sql = (0..chunk.len())
                .map(|index| {
                    let [survey, client_hash, subject] =
                        [1, 2, 3].map(|column| self.placeholder(index * 3 + column));
                    let probe = device_answers_sql(&survey, &client_hash, &subject);
                    format!("SELECT CAST({index} AS BIGINT) WHERE EXISTS (SELECT 1 {probe})")
                })
                .collect::<Vec<_>>()
                .join(" UNION ALL ");
            let mut query = sqlx::query_as::<_, (i64,)>(&sql);
            for (survey, client, subject) in chunk {
                query = query.bind(*survey).bind(*client).bind(*subject);
            }
            for (index,) in query.fetch_all(&mut **self.tx).await? {
                if let Some(answer) = usize::try_from(index).ok().and_then(|i| chunk.get(i)) {
                    seen.insert(*answer);
                }
            }
        }
        Ok(seen)
    }

    /// Many rows per statement: every statement is a round trip, which costs more than the
    /// insert itself.
    async fn insert(&mut self, rows: &[RowToInsert<'_>]) -> Result<HashSet<String>, DatabaseError> {
        let mut inserted = HashSet::with_capacity(rows.len());
        for chunk in rows.chunks(ROWS_PER_STATEMENT) {
            let sql = insert_sql(chunk.len(), |n| self.placeholder(n));
            let mut args = AnyArguments::default();
            for row in chunk {
                for value in row.values() {
                    bind(&mut args, value)?;
                }
            }
            let done = sqlx::query_with(&sql, args).execute(&mut **self.tx).await?;
            if done.rows_affected() == chunk.len() as u64 {
                inserted.extend(chunk.iter().map(|row| row.row.id.clone()));
            } else {
                inserted.extend(self.stored_ids(chunk).await?);
            }
        }
        Ok(inserted)
    }

    async fn delete(&mut self, response_id: &str) -> Result<(), DatabaseError> {
        sqlx::query(DELETE_RESPONSE)
            .bind(response_id)
            .execute(&mut **self.tx)
            .await?;
        Ok(())
    }

    async fn spend(
        &mut self,
        invitation: &(String, i64),
        submission_id: &str,
        at: &str,
    ) -> Result<bool, DatabaseError> {
        let done = sqlx::query(SPEND_INVITATION)
            .bind(&invitation.0)
            .bind(invitation.1)
            .bind(submission_id)
            .bind(at)
            .execute(&mut **self.tx)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn spent_by(
        &mut self,
        invitation: &(String, i64),
    ) -> Result<Option<String>, DatabaseError> {
        let row: Option<(String,)> = sqlx::query_as(INVITATION_SPENT_BY)
            .bind(&invitation.0)
            .bind(invitation.1)
            .fetch_optional(&mut **self.tx)
            .await?;
        Ok(row.map(|(id,)| id))
    }

    async fn invitation_answers(
        &mut self,
        invitation: &(String, i64),
        submission_id: &str,
    ) -> Result<Vec<String>, DatabaseError> {
        let rows: Vec<(String,)> = sqlx::query_as(INVITATION_ANSWERS)
            .bind(&invitation.0)
            .bind(submission_id)
            .fetch_all(&mut **self.tx)
            .await?;
        Ok(rows.into_iter().map(|(id,)| id).collect())
    }

    async fn unspend(&mut self, invitation: &(String, i64)) -> Result<(), DatabaseError> {
        sqlx::query(UNSPEND_INVITATION)
            .bind(&invitation.0)
            .bind(invitation.1)
            .execute(&mut **self.tx)
            .await?;
        Ok(())
    }

    async fn earlier_answers(
        &mut self,
        survey_id: &str,
        respondent_key: &str,
    ) -> Result<Vec<EarlierAnswer>, DatabaseError> {
        Ok(sqlx::query_as(&earlier_answers_sql())
            .bind(survey_id)
            .bind(respondent_key)
            .fetch_all(&mut **self.tx)
            .await?)
    }

    async fn add_to_tallies(
        &mut self,
        counted: &BTreeMap<TallyKey, i64>,
    ) -> Result<(), DatabaseError> {
        tallies::adjust(self.tx, self.backend, counted).await
    }
}

fn bind(args: &mut AnyArguments<'_>, value: Value<'_>) -> Result<(), DatabaseError> {
    let added = match value {
        Value::Text(text) => args.add(text.to_string()),
        Value::OptionalText(text) => args.add(text.map(str::to_string)),
        Value::Integer(number) => args.add(number),
        Value::OptionalInteger(number) => args.add(number),
    };
    added.map_err(|e| DatabaseError::Query(sqlx::Error::Encode(e)))
}
