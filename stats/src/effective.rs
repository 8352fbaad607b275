//! Counts that need not be whole: a weighted sample's effective promoters, passives and
//! detractors (Kish's n_eff times the weighted shares). The tests, tiers and rank sets written
//! for counts judge weighted results through them, with the information the weighting left.

use serde::{Deserialize, Serialize};

use crate::interval::{shares_and_variance, ADDED_DETRACTORS, ADDED_PASSIVES, ADDED_PROMOTERS};
use crate::{Counts, Level};

#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EffectiveCounts {
    pub promoters: f64,
    pub passives: f64,
    pub detractors: f64,
}

impl EffectiveCounts {
    pub fn n(self) -> f64 {
        self.promoters + self.passives + self.detractors
    }

    /// 100·(P − D)/n; `None` when n is 0.
    pub fn nps(self) -> Option<f64> {
        let n = self.n();
        (n > 0.0).then(|| 100.0 * (self.promoters - self.detractors) / n)
    }

    /// Rocks' adjusted counts (3/4, 3/2, 3/4 added) as (promoters, detractors, n).
    pub(crate) fn adjusted(self) -> (f64, f64, f64) {
        (
            self.promoters + ADDED_PROMOTERS,
            self.detractors + ADDED_DETRACTORS,
            self.n() + ADDED_PROMOTERS + ADDED_PASSIVES + ADDED_DETRACTORS,
        )
    }

    /// The adjusted-Wald interval on these counts, on the −100..100 scale, clipped; `None` when
    /// n is 0.
    pub fn adjusted_wald(self, level: Level) -> Option<(f64, f64)> {
        if self.n() <= 0.0 {
            return None;
        }
        let (promoters, detractors, n) = self.adjusted();
        let (theta, _, variance) = shares_and_variance(promoters, detractors, n);
        let half = level.z() * (variance / n).sqrt();
        Some((
            (100.0 * (theta - half)).max(-100.0),
            (100.0 * (theta + half)).min(100.0),
        ))
    }
}

impl From<Counts> for EffectiveCounts {
    fn from(counts: Counts) -> EffectiveCounts {
        EffectiveCounts {
            promoters: counts.promoters as f64,
            passives: counts.passives as f64,
            detractors: counts.detractors as f64,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{interval, IntervalOptions, Method};

    #[test]
    fn whole_counts_give_the_adjusted_wald_interval_of_counts() {
        let counts = Counts::new(37, 20, 13);
        let level = Level::default();
        let ours = EffectiveCounts::from(counts).adjusted_wald(level).unwrap();
        let theirs = interval(
            counts,
            Method::AdjustedWald,
            level,
            &IntervalOptions::default(),
        )
        .unwrap()
        .unwrap();
        assert!((ours.0 - theirs.low).abs() < 1e-12 && (ours.1 - theirs.high).abs() < 1e-12);
        assert_eq!(EffectiveCounts::default().adjusted_wald(level), None);
    }
}
