//! Staff (server only): accounts and roles, passwords, sessions, API tokens, kiosk keys, sign-in
//! throttling, and the audit log every state change writes to.

mod actor;
pub mod api_tokens;
pub mod audit;
mod authenticate;
mod error;
pub mod kiosk_keys;
pub mod password;
pub(crate) mod secret_token;
pub mod sessions;
mod sign_in;
pub mod throttle;
pub mod users;

pub use actor::{Actor, Principal};
pub use authenticate::authenticate;
pub use error::StaffError;
pub use secret_token::bearer_secret;
pub use sign_in::sign_in;
