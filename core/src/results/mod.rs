//! Results (server only): running tallies, results computed from them, and frozen snapshots.

pub mod compute;
pub mod fieldwork;
pub mod live;
pub mod public;
pub mod snapshots;
pub mod statement;
pub mod tallies;
pub mod trend;
pub mod weighting;

use crate::db::DatabaseError;

#[derive(Debug, thiserror::Error)]
pub enum ResultsError {
    #[error("no such survey or snapshot")]
    NotFound,
    #[error("only a published survey can be corrected")]
    NotPublished,
    #[error("a correction needs a changelog entry saying what changed")]
    ChangelogRequired,
    #[error("{0} suspect cluster(s) wait for a decision")]
    UndecidedClusters(i64),
    #[error("results could not be computed: {0}")]
    Corrupt(String),
    #[error(transparent)]
    Database(#[from] DatabaseError),
}

impl From<sqlx::Error> for ResultsError {
    fn from(error: sqlx::Error) -> Self {
        ResultsError::Database(DatabaseError::Query(error))
    }
}
