//! Moderation (server only): browsing responses, excluding and restoring them, and the quality
//! ledger that counts flags and exclusions.

pub mod browse;
mod error;
pub mod exclusions;
pub mod filter;
pub mod ledger;
pub mod withdrawal;

pub use error::ModerationError;
