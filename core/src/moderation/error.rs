use crate::authoring::AuthoringError;
use crate::db::DatabaseError;
use crate::failure::{Failure, FailureKind};

/// What can go wrong when excluding or restoring a response. Nothing changes when it does.
#[derive(Debug, thiserror::Error)]
pub enum ModerationError {
    #[error("no such response")]
    NotFound,
    #[error("the response is excluded already")]
    AlreadyExcluded,
    #[error("the response is not excluded")]
    NotExcluded,
    /// The respondent withdrew it: staff cannot bring it back.
    #[error("the respondent withdrew this response")]
    Withdrawn,
    #[error("the survey is published; its results are frozen")]
    Frozen,
    #[error("a note is required when the reason is \"other\"")]
    NoteRequired,
    #[error("the note is too long")]
    NoteTooLong,
    #[error(transparent)]
    Database(#[from] DatabaseError),
}

impl ModerationError {
    pub(crate) fn from_authoring(error: AuthoringError) -> ModerationError {
        match error {
            AuthoringError::Database(e) => ModerationError::Database(e),
            other => ModerationError::Database(DatabaseError::Corrupt(other.to_string())),
        }
    }
}

impl From<sqlx::Error> for ModerationError {
    fn from(error: sqlx::Error) -> Self {
        ModerationError::Database(DatabaseError::Query(error))
    }
}

impl Failure for ModerationError {
    fn code(&self) -> &'static str {
        match self {
            ModerationError::NotFound => "not_found",
            ModerationError::AlreadyExcluded => "already_excluded",
            ModerationError::NotExcluded => "not_excluded",
            ModerationError::Withdrawn => "withdrawn",
            ModerationError::Frozen => "frozen",
            ModerationError::NoteRequired => "note_required",
            ModerationError::NoteTooLong => "too_long",
            ModerationError::Database(_) => "unavailable",
        }
    }

    fn kind(&self) -> FailureKind {
        match self {
            ModerationError::NotFound => FailureKind::NotFound,
            ModerationError::AlreadyExcluded
            | ModerationError::NotExcluded
            | ModerationError::Withdrawn
            | ModerationError::Frozen => FailureKind::Conflict,
            ModerationError::NoteRequired | ModerationError::NoteTooLong => FailureKind::Invalid,
            ModerationError::Database(_) => FailureKind::Unavailable,
        }
    }
}
