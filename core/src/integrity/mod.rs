//! Integrity on the server: the detectors of `koubei-integrity` fed from the responses table
//! ([`scan`]), and the staff decisions on what they hold ([`clusters`]).
//!
//! An answer in an open suspect cluster is **held**: acknowledged like any other, stored, but
//! out of the tallies until staff release the cluster (it counts) or exclude it (it stays out).
//! Every instance may scan at once: an answer joins a cluster by a conditional update, so it
//! joins one, once.

pub mod clusters;
pub mod scan;

pub use clusters::{decide, list, one, ClusterView, Decision, IntegrityError};
pub use scan::{scan, ScanOutcome};
