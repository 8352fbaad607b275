use crate::db::DatabaseError;
use crate::failure::{Failure, FailureKind};

use super::password::PasswordProblem;

/// What can go wrong with staff accounts, sessions and tokens.
#[derive(Debug, thiserror::Error)]
pub enum StaffError {
    #[error("not a valid e-mail address")]
    InvalidEmail,
    #[error("a staff account with this e-mail address exists already")]
    EmailTaken,
    #[error("{0}")]
    Password(PasswordProblem),
    #[error("wrong e-mail address or password")]
    WrongCredentials,
    #[error("too many failed sign-ins; try again in {retry_after_s} s")]
    Throttled { retry_after_s: u64 },
    #[error("no such staff account or token")]
    NotFound,
    #[error("the last active admin cannot be demoted or deactivated")]
    LastAdmin,
    #[error("a token name needs 1 to 100 characters")]
    InvalidTokenName,
    #[error("a daily limit is a whole number from 1 to 1000000")]
    InvalidDailyLimit,
    /// A kiosk key needs at least one survey, and every survey named must exist.
    #[error("no such surveys: {}", .0.join(", "))]
    UnknownSurveys(Vec<String>),
    #[error(transparent)]
    Database(#[from] DatabaseError),
}

impl StaffError {
    pub(crate) fn corrupt(what: &str) -> StaffError {
        StaffError::Database(DatabaseError::Corrupt(format!("unreadable {what}")))
    }
}

impl From<sqlx::Error> for StaffError {
    fn from(error: sqlx::Error) -> Self {
        StaffError::Database(DatabaseError::Query(error))
    }
}

impl Failure for StaffError {
    fn code(&self) -> &'static str {
        match self {
            StaffError::InvalidEmail => "invalid_email",
            StaffError::EmailTaken => "email_taken",
            StaffError::Password(_) => "invalid_password",
            StaffError::WrongCredentials => "wrong_credentials",
            StaffError::Throttled { .. } => "throttled",
            StaffError::NotFound => "not_found",
            StaffError::LastAdmin => "last_admin",
            StaffError::InvalidTokenName => "invalid_name",
            StaffError::InvalidDailyLimit => "invalid_daily_limit",
            StaffError::UnknownSurveys(_) => "invalid_surveys",
            StaffError::Database(_) => "unavailable",
        }
    }

    fn kind(&self) -> FailureKind {
        match self {
            StaffError::InvalidEmail
            | StaffError::Password(_)
            | StaffError::InvalidTokenName
            | StaffError::InvalidDailyLimit
            | StaffError::UnknownSurveys(_) => FailureKind::Invalid,
            StaffError::EmailTaken | StaffError::LastAdmin => FailureKind::Conflict,
            StaffError::WrongCredentials => FailureKind::WrongCredentials,
            StaffError::Throttled { .. } => FailureKind::Throttled,
            StaffError::NotFound => FailureKind::NotFound,
            StaffError::Database(_) => FailureKind::Unavailable,
        }
    }
}
