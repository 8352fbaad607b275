//! NPS statistics for Koubei, free of any web or database dependency so the same code runs on
//! the server and in the browser (wasm).
//!
//! Scores are 0–10: promoters 9–10, passives 7–8, detractors 0–6. NPS = 100·(P − D)/n, and
//! every figure this crate returns is on that −100..100 scale, intervals clipped to it.

mod compare;
mod counts;
mod effective;
mod error;
pub mod interval;
mod level;
mod method;
pub mod numeric;
mod planner;
mod proportions;
mod raking;
mod ranking;
mod weighted;

pub use compare::{
    difference, difference_effective, holm, pairwise, pairwise_effective, Comparison,
    PairComparison,
};
pub use counts::{Category, Counts};
pub use effective::EffectiveCounts;
pub use error::StatsError;
pub use interval::{interval, BayesPrior, IntervalOptions, NpsInterval};
pub use level::Level;
pub use method::Method;
pub use planner::{margin_for, sample_size, Shares};
pub use proportions::{share_difference, ShareDifference};
pub use raking::{rake, Raked, RakingOptions};
pub use ranking::{
    rank_confidence_sets, rank_confidence_sets_effective, rank_probabilities, tiers,
    tiers_effective, RankSet, RankSummary,
};
pub use weighted::{weighted_nps, WeightedEstimate};

/// The version of the statistical methods, recorded with every published snapshot so that a
/// change in method is visible.
pub const METHOD_VERSION: &str = "koubei-stats/1";
