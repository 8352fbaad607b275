//! Confidence and credible intervals for one subject's NPS.

mod bayes;
mod bootstrap;
mod score;
mod wald;

use serde::{Deserialize, Serialize};

pub use bayes::{BayesPrior, EXACT_LIMIT as BAYES_EXACT_LIMIT};

use crate::{Counts, Level, Method, StatsError};

/// Settings of the methods that need them; the defaults are what Koubei publishes with.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct IntervalOptions {
    /// Bootstrap resamples.
    pub resamples: u32,
    /// Seed of the bootstrap's random stream: the same seed gives the same interval.
    pub seed: u64,
    /// Dirichlet prior of the `bayes` method.
    pub prior: BayesPrior,
}

impl Default for IntervalOptions {
    fn default() -> IntervalOptions {
        IntervalOptions {
            resamples: 10_000,
            seed: 2016,
            prior: BayesPrior::default(),
        }
    }
}

/// An NPS with its interval, all on the −100..100 scale.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct NpsInterval {
    /// The observed NPS, 100·(P − D)/n (whatever the method centres its interval on).
    pub nps: f64,
    pub low: f64,
    pub high: f64,
    /// The interval has no width: Wald-type methods when every response is in one group.
    pub zero_width: bool,
}

impl NpsInterval {
    /// Builds from an estimate and bounds on the −1..1 scale, clipping to [−100, 100].
    fn from_unit(nps: f64, low: f64, high: f64) -> NpsInterval {
        let low = (100.0 * low).clamp(-100.0, 100.0);
        let high = (100.0 * high).clamp(-100.0, 100.0);
        NpsInterval {
            nps,
            low,
            high,
            zero_width: high - low < 1e-9,
        }
    }

    /// Half the width, the "±" figure people quote.
    pub fn margin(&self) -> f64 {
        (self.high - self.low) / 2.0
    }
}

/// The interval for `counts` by `method` at `level`; `Ok(None)` when there is no data (n = 0).
pub fn interval(
    counts: Counts,
    method: Method,
    level: Level,
    options: &IntervalOptions,
) -> Result<Option<NpsInterval>, StatsError> {
    let Some(nps) = counts.nps() else {
        return Ok(None);
    };
    let (low, high) = match method {
        Method::Wald => wald::wald(counts, level),
        Method::AdjustedWald => wald::adjusted_wald(counts, level),
        Method::Score => score::score(counts, level),
        Method::Bootstrap => bootstrap::bootstrap(counts, level, options.resamples, options.seed)?,
        Method::Bayes => bayes::credible(counts, level, options.prior)?,
    };
    Ok(Some(NpsInterval::from_unit(nps, low, high)))
}

/// Rocks' additions, shared with the effective counts of weighted results.
pub(crate) use wald::{ADDED_DETRACTORS, ADDED_PASSIVES, ADDED_PROMOTERS};

/// Shares (p, d) and the NPS variance (p + d) − (p − d)² per response, on the unit scale.
pub(crate) fn shares_and_variance(promoters: f64, detractors: f64, n: f64) -> (f64, f64, f64) {
    let p = promoters / n;
    let d = detractors / n;
    let theta = p - d;
    (theta, p + d, ((p + d) - theta * theta).max(0.0))
}
