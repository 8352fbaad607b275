//! The response writer: one task owns response inserts and commits them in batches, so that
//! under load one transaction (one fsync) acknowledges many submissions, and SQLite's single
//! writer lock is never fought over.
//!
//! The task runs on a thread and runtime of its own: on the server's runtime each database reply
//! would wait in the run queue behind every busy request task, so under load the waiting, not
//! the database, set the pace of batches. On a SQLite file it also has a SQLite connection of its
//! own and runs the statements on that thread ([`OwnSqliteConnection`]); otherwise a pool with one
//! connection of its own.

use std::time::Instant;

use tokio::sync::{mpsc, oneshot};

use super::metrics::SubmissionMetrics;
use crate::db::responses::{write_batch, OwnSqliteConnection, PendingSubmission, WriteOutcome};
use crate::db::{Database, DatabaseError};

/// Submissions waiting for the writer; beyond this, senders wait (back-pressure).
const QUEUE: usize = 4096;
/// Most submissions committed together.
const MAX_BATCH: usize = 512;

#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("storing the response failed: {0}")]
    Database(String),
    #[error("the response writer has stopped")]
    Stopped,
}

type Reply = oneshot::Sender<Result<WriteOutcome, WriteError>>;

/// A handle to the writer task; cheap to clone. The task ends when every handle is dropped.
#[derive(Clone, Debug)]
pub struct ResponseWriter {
    queue: mpsc::Sender<(PendingSubmission, Reply)>,
}

impl ResponseWriter {
    /// Starts the writer on a thread of its own, with a connection of its own: it never queues
    /// behind readers for a pooled one. Returns once that connection is open.
    pub async fn start(
        db: &Database,
        metrics: SubmissionMetrics,
    ) -> Result<ResponseWriter, DatabaseError> {
        let (queue, jobs) = mpsc::channel(QUEUE);
        let (opened, ready) = oneshot::channel();
        let db = db.clone();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(DatabaseError::WriterThread)?;
        std::thread::Builder::new()
            .name("response-writer".to_string())
            .spawn(move || {
                runtime.block_on(async move {
                    match Connection::open(&db).await {
                        Ok(mut own) => {
                            let _ = opened.send(Ok(()));
                            run(&mut own, jobs, &metrics).await;
                            own.close().await;
                        }
                        Err(error) => {
                            let _ = opened.send(Err(error));
                        }
                    }
                })
            })
            .map_err(DatabaseError::WriterThread)?;
        ready.await.map_err(|_| {
            DatabaseError::WriterThread(std::io::Error::other("the writer thread ended at start"))
        })??;
        Ok(ResponseWriter { queue })
    }

    /// Queues a submission and waits until it is committed (or refused). Only an `Ok` from here
    /// may be acknowledged to the respondent.
    pub async fn write(&self, submission: PendingSubmission) -> Result<WriteOutcome, WriteError> {
        let (reply, outcome) = oneshot::channel();
        self.queue
            .send((submission, reply))
            .await
            .map_err(|_| WriteError::Stopped)?;
        outcome.await.map_err(|_| WriteError::Stopped)?
    }
}

/// The writer's own way to the database.
enum Connection {
    Sqlite(OwnSqliteConnection),
    Pooled(Database),
}

impl Connection {
    async fn open(db: &Database) -> Result<Connection, DatabaseError> {
        match db.sqlite_file() {
            Some(file) => Ok(Connection::Sqlite(OwnSqliteConnection::open(file)?)),
            None => Ok(Connection::Pooled(db.dedicated().await?)),
        }
    }

    async fn write_batch(
        &mut self,
        batch: &[PendingSubmission],
    ) -> Result<Vec<WriteOutcome>, DatabaseError> {
        match self {
            Connection::Sqlite(own) => own.write_batch(batch).await,
            Connection::Pooled(db) => write_batch(db, batch).await,
        }
    }

    async fn close(self) {
        if let Connection::Pooled(db) = self {
            db.close_dedicated().await;
        }
    }
}

/// Writes batches until every handle is gone.
async fn run(
    db: &mut Connection,
    mut jobs: mpsc::Receiver<(PendingSubmission, Reply)>,
    metrics: &SubmissionMetrics,
) {
    let mut batch = Vec::with_capacity(MAX_BATCH);
    while jobs.recv_many(&mut batch, MAX_BATCH).await > 0 {
        let (submissions, replies): (Vec<_>, Vec<_>) = batch.drain(..).unzip();
        let started = Instant::now();
        let written = db.write_batch(&submissions).await;
        metrics.batch_size.observe(submissions.len() as f64);
        metrics
            .commit_seconds
            .observe(started.elapsed().as_secs_f64());
        tracing::debug!(
            batch.len = submissions.len(),
            elapsed_us = started.elapsed().as_micros() as u64,
            "batch written"
        );
        match written {
            Ok(outcomes) => {
                for (reply, outcome) in replies.into_iter().zip(outcomes) {
                    let _ = reply.send(Ok(outcome));
                }
            }
            // One bad submission must not sink the others: write them one by one.
            Err(error) if submissions.len() > 1 => {
                tracing::warn!(error = %error, batch.len = submissions.len(), "batch failed; writing one by one");
                for (submission, reply) in submissions.into_iter().zip(replies) {
                    let outcome = db
                        .write_batch(std::slice::from_ref(&submission))
                        .await
                        .map_err(|e| WriteError::Database(e.to_string()))
                        .and_then(|mut o| o.pop().ok_or(WriteError::Stopped));
                    let _ = reply.send(outcome);
                }
            }
            Err(error) => {
                for reply in replies {
                    let _ = reply.send(Err(WriteError::Database(error.to_string())));
                }
            }
        }
    }
}
