//! Taking answers (server only): the server secret, respondent identity, the rate limit, the
//! group-commit writer, and the submission service that ties them together.

mod form;
pub mod invitation_code;
pub mod key_file;
mod metrics;
mod my_answers;
mod rate_limit;
pub mod receipt;
mod request;
pub mod respondent;
pub(crate) mod secret;
mod service;
mod writer;

pub use key_file::KeyPlace;
pub use metrics::SubmissionMetrics;
pub use my_answers::{ReceiptAction, RECEIPT_TRIES_PER_MINUTE};
pub use rate_limit::{Decision, RateLimiter};
pub use receipt::ReceiptCode;
pub use request::{RequestFacts, RECEIPT_COOKIE};
pub use respondent::{client_hash, form_token, RespondentId, RESPONDENT_COOKIE};
pub use secret::{random_bytes, ServerSecret};
pub use service::{
    new_submission_id, Accepted, FormSignals, InvitationRefusal, SubmissionSettings, Submissions,
    SubmitError, Submitter, MIN_COMPLETION_MS,
};
pub use writer::{ResponseWriter, WriteError};
