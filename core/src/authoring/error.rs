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
    /// The survey's results are frozen and wait for their embargo (until `publish_at`, stored
    /// form): cancel the embargo before anything else changes.
    #[error("the survey waits for its embargo until {publish_at}")]
    Embargoed { publish_at: String },
    /// No embargo is pending for this survey (none was set, or it has already ended).
    #[error("no embargo is pending")]
    NoEmbargo,
    #[error("the publication time is refused: {}", .0.code())]
    EmbargoTime(super::embargo::EmbargoTimeProblem),
    /// The deadline for replies is refused (field `reply_by`).
    #[error("the reply deadline is refused: {}", .0.code())]
    ReplyTime(super::embargo::EmbargoTimeProblem),
    #[error("the reply is refused: {}", .0.code())]
    Reply(super::replies::ReplyRefusal),
    #[error("the quote is refused: {}", .0.code())]
    Quote(crate::themes::QuoteRefusal),
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
            AuthoringError::Embargoed { .. } => "embargoed",
            AuthoringError::NoEmbargo => "no_embargo",
            AuthoringError::EmbargoTime(problem) | AuthoringError::ReplyTime(problem) => {
                problem.code()
            }
            AuthoringError::Reply(refusal) => refusal.code(),
            AuthoringError::Quote(refusal) => refusal.code(),
            AuthoringError::Database(_) => "unavailable",
        }
    }

    fn kind(&self) -> FailureKind {
        match self {
            AuthoringError::Invalid(_) => FailureKind::Invalid,
            AuthoringError::NotFound | AuthoringError::NoEmbargo => FailureKind::NotFound,
            AuthoringError::EmbargoTime(_) | AuthoringError::ReplyTime(_) => FailureKind::Invalid,
            AuthoringError::Reply(refusal) if refusal.is_input() => FailureKind::Invalid,
            AuthoringError::Reply(_) => FailureKind::Conflict,
            AuthoringError::Quote(refusal) if refusal.is_input() => FailureKind::Invalid,
            AuthoringError::Quote(_) => FailureKind::Conflict,
            AuthoringError::IllegalTransition { .. }
            | AuthoringError::Frozen
            | AuthoringError::Embargoed { .. }
            | AuthoringError::UndecidedClusters(_) => FailureKind::Conflict,
            AuthoringError::Database(_) => FailureKind::Unavailable,
        }
    }
}
