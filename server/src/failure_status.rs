//! The one place a back-end failure becomes an HTTP status code.

use http::StatusCode;
use koubei_core::failure::{Failure, FailureKind};

/// The status code of a kind of failure.
pub fn status_of(kind: FailureKind) -> StatusCode {
    match kind {
        FailureKind::Invalid => StatusCode::UNPROCESSABLE_ENTITY,
        FailureKind::NotFound => StatusCode::NOT_FOUND,
        FailureKind::Conflict => StatusCode::CONFLICT,
        FailureKind::WrongCredentials => StatusCode::UNAUTHORIZED,
        FailureKind::Throttled => StatusCode::TOO_MANY_REQUESTS,
        FailureKind::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
    }
}

/// `error.status()` for every back-end error.
pub trait HttpStatus {
    fn status(&self) -> StatusCode;
}

impl<T: Failure> HttpStatus for T {
    fn status(&self) -> StatusCode {
        status_of(self.kind())
    }
}
