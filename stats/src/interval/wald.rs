use super::shares_and_variance;
use crate::{Counts, Level};

/// Rocks' (2016) additions: 3/4 promoter, 3/2 passive, 3/4 detractor (3 responses in all).
pub const ADDED_PROMOTERS: f64 = 0.75;
pub const ADDED_PASSIVES: f64 = 1.5;
pub const ADDED_DETRACTORS: f64 = 0.75;

/// Normal approximation around the observed NPS (unit scale bounds).
pub fn wald(counts: Counts, level: Level) -> (f64, f64) {
    let n = counts.n() as f64;
    around(counts.promoters as f64, counts.detractors as f64, n, level)
}

/// Wald on the adjusted counts, centred on the adjusted estimate.
pub fn adjusted_wald(counts: Counts, level: Level) -> (f64, f64) {
    let (promoters, detractors, n) = adjusted(counts);
    around(promoters, detractors, n, level)
}

/// The adjusted promoter and detractor counts and n.
pub fn adjusted(counts: Counts) -> (f64, f64, f64) {
    (
        counts.promoters as f64 + ADDED_PROMOTERS,
        counts.detractors as f64 + ADDED_DETRACTORS,
        counts.n() as f64 + ADDED_PROMOTERS + ADDED_PASSIVES + ADDED_DETRACTORS,
    )
}

fn around(promoters: f64, detractors: f64, n: f64, level: Level) -> (f64, f64) {
    let (theta, _, variance) = shares_and_variance(promoters, detractors, n);
    let half = level.z() * (variance / n).sqrt();
    (theta - half, theta + half)
}
