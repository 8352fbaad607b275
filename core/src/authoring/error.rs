use crate::db::DatabaseError;
use crate::failure::{Failure, FailureKind};
use domain::SurveyStatus;

use super::definition::DefinitionProblem;

/// What can go wrong when authoring sectors, subjects and surveys or moving a survey through
/// its lifecycle. Nothing is changed when any of these is returned.
#[derive(Debug, thiserror::Error)]
pub enum AuthoringError {
    #[error("the input has {} problem(s)", .0.len())]
    Invalid(Vec<DefinitionProblem>),
    #[error("not found")]
    NotFound,
    #[error("a survey cannot go from {from} to {to}")]
    IllegalTransition {
        from: SurveyStatus,
        to: SurveyStatus,
    },
    #[error("a published survey's definition is frozen")]
    Frozen,
    /// Suspect clusters wait for a staff decision; results are not published over held answers.
    #[error("{0} suspect cluster(s) wait for a decision")]
    UndecidedClusters(i64),
    #[error(transparent)]
    Database(#[from] DatabaseError),
}

impl AuthoringError {
    pub(crate) fn invalid(field: impl Into<String>, problem: super::definition::Problem) -> Self {
        AuthoringError::Invalid(vec![DefinitionProblem {
            field: field.into(),
            problem,
        }])
    }
}

impl From<sqlx::Error> for AuthoringError {
    fn from(error: sqlx::Error) -> Self {
        AuthoringError::Database(DatabaseError::Query(error))
    }
}

impl Failure for AuthoringError {
    fn code(&self) -> &'static str {
        match self {
            AuthoringError::Invalid(_) => "invalid_field",
            AuthoringError::NotFound => "not_found",
            AuthoringError::IllegalTransition { .. } => "illegal_transition",
            AuthoringError::Frozen => "frozen",
            AuthoringError::UndecidedClusters(_) => "undecided_clusters",
            AuthoringError::Database(_) => "unavailable",
        }
    }

    fn kind(&self) -> FailureKind {
        match self {
            AuthoringError::Invalid(_) => FailureKind::Invalid,
            AuthoringError::NotFound => FailureKind::NotFound,
            AuthoringError::IllegalTransition { .. }
            | AuthoringError::Frozen
            | AuthoringError::UndecidedClusters(_) => FailureKind::Conflict,
            AuthoringError::Database(_) => FailureKind::Unavailable,
        }
    }
}
