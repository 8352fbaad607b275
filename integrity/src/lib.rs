//! Integrity of a survey's answers: detectors that find stuffing in a stream of answers
//! ([`detect`]), and the honest and attacking traffic they are measured against ([`traffic`],
//! [`evaluate`]).
//!
//! Nothing here knows about HTTP or a database: the server feeds the detectors from its
//! responses table, and the offline evaluation feeds them simulated days in a blink.

pub mod detect;
pub mod evaluate;
mod reasons;
mod significance;
pub mod traffic;

pub use detect::{detect, Answer, Settings, Signal, SuspectCluster};
