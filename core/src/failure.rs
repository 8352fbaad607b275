//! What kind of failure an operation met, said without HTTP: the edge turns a kind into a
//! status code in one place, and into words in the reader's language.

/// The kinds of failure the back end's errors fall into.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailureKind {
    /// The input breaks a rule; saying it differently can succeed.
    Invalid,
    /// The thing named does not exist (or is not the caller's to see).
    NotFound,
    /// The request is valid but the thing is not in a state that allows it.
    Conflict,
    /// The credentials given are not right.
    WrongCredentials,
    /// Too many attempts: wait, then try again.
    Throttled,
    /// The store could not answer; nothing was changed.
    Unavailable,
}

/// An error the edge can classify and name with a stable code (`invalid_field`, `not_found` …).
pub trait Failure {
    fn kind(&self) -> FailureKind;
    fn code(&self) -> &'static str;
}
