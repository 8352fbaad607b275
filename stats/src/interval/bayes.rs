//! Bayesian credible interval. The shares (p, a, d) get a Dirichlet prior; after observing the
//! counts the posterior is Dirichlet(P + αp, A + αa, D + αd). The interval is equal-tailed: the
//! (1 − level)/2 and (1 + level)/2 quantiles of θ = p − d.
//!
//! The CDF of θ is computed exactly (no sampling) by conditioning on d:
//! d ~ Beta(αd', αp' + αa') and, given d = t, p = (1 − t)·Beta(αp', αa'), so
//! P(θ ≤ x) = ∫ f_d(t) · I_{(x+t)/(1−t)}(αp', αa') dt, a one-dimensional integral.

use serde::{Deserialize, Serialize};
use statrs::function::beta::{beta_reg, ln_beta};

use crate::numeric::{brent, integrate};
use crate::{Counts, Level, StatsError};

/// Dirichlet prior pseudo-counts. The default (1, 1, 1) is uniform over all share triples.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct BayesPrior {
    pub promoters: f64,
    pub passives: f64,
    pub detractors: f64,
}

impl Default for BayesPrior {
    fn default() -> BayesPrior {
        BayesPrior {
            promoters: 1.0,
            passives: 1.0,
            detractors: 1.0,
        }
    }
}

impl BayesPrior {
    fn validate(self) -> Result<BayesPrior, StatsError> {
        let ok = |x: f64| x.is_finite() && x > 0.0;
        if ok(self.promoters) && ok(self.passives) && ok(self.detractors) {
            Ok(self)
        } else {
            Err(StatsError::InvalidPrior)
        }
    }

    /// The posterior's parameters after observing `counts`.
    pub fn posterior(self, counts: Counts) -> Result<(f64, f64, f64), StatsError> {
        let prior = self.validate()?;
        Ok((
            counts.promoters as f64 + prior.promoters,
            counts.passives as f64 + prior.passives,
            counts.detractors as f64 + prior.detractors,
        ))
    }
}

pub fn credible(counts: Counts, level: Level, prior: BayesPrior) -> Result<(f64, f64), StatsError> {
    let posterior = prior.posterior(counts)?;
    let tail = (1.0 - level.value()) / 2.0;
    let low = brent(|x| posterior_cdf(x, posterior) - tail, -1.0, 1.0, 1e-13);
    let high = brent(
        |x| posterior_cdf(x, posterior) - (1.0 - tail),
        -1.0,
        1.0,
        1e-13,
    );
    Ok((low, high))
}

/// P(p − d ≤ x) under Dirichlet(αp, αa, αd).
pub fn posterior_cdf(x: f64, (alpha_p, alpha_a, alpha_d): (f64, f64, f64)) -> f64 {
    if x <= -1.0 {
        return 0.0;
    }
    if x >= 1.0 {
        return 1.0;
    }
    let (a, b) = (alpha_d, alpha_p + alpha_a);
    let ln_norm = ln_beta(a, b);
    let density = |t: f64| ((a - 1.0) * t.ln() + (b - 1.0) * (-t).ln_1p() - ln_norm).exp();
    // For t < −x no p can reach x + t; for t > (1 − x)/2 every p does.
    let start = (-x).max(0.0);
    let end = (1.0 - x) / 2.0;
    let mean = a / (a + b);
    let sd = (mean * (1.0 - mean) / (a + b + 1.0)).sqrt();
    let breaks: Vec<f64> = [
        -12.0, -8.0, -6.0, -4.0, -3.0, -2.0, -1.0, 0.0, 1.0, 2.0, 3.0, 4.0, 6.0, 8.0, 12.0,
    ]
    .iter()
    .map(|k| mean + k * sd)
    .collect();
    let partial = if end > start {
        integrate(
            |t| {
                let share = ((x + t) / (1.0 - t)).clamp(0.0, 1.0);
                density(t) * beta_reg(alpha_p, alpha_a, share)
            },
            start,
            end,
            &breaks,
            1e-14,
        )
    } else {
        0.0
    };
    let beyond = 1.0 - beta_reg(a, b, end.clamp(0.0, 1.0));
    (partial + beyond).clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cdf_runs_from_0_to_1_and_is_symmetric_for_mirrored_data() {
        let posterior = (4.0, 2.0, 2.0);
        assert_eq!(posterior_cdf(-1.0, posterior), 0.0);
        assert_eq!(posterior_cdf(1.0, posterior), 1.0);
        let mirrored = (2.0, 2.0, 4.0);
        for x in [-0.7, -0.2, 0.0, 0.3, 0.9] {
            let f = posterior_cdf(x, posterior);
            let g = 1.0 - posterior_cdf(-x, mirrored);
            assert!((f - g).abs() < 1e-12, "x={x}: {f} vs {g}");
        }
    }

    #[test]
    fn the_uniform_prior_with_no_data_gives_a_known_cdf() {
        // Dirichlet(1,1,1) is uniform on the triangle: P(p − d ≤ 0) = 1/2 by symmetry, and
        // P(p − d ≤ x) for x ≥ 0 is 1 − (1 − x)²/2.
        let uniform = (1.0, 1.0, 1.0);
        for x in [0.0, 0.25, 0.5, 0.9] {
            let exact = 1.0 - (1.0 - x) * (1.0 - x) / 2.0;
            assert!((posterior_cdf(x, uniform) - exact).abs() < 1e-12, "x={x}");
        }
    }

    #[test]
    fn a_non_positive_prior_is_refused() {
        let prior = BayesPrior {
            promoters: 0.0,
            ..BayesPrior::default()
        };
        assert_eq!(
            credible(Counts::new(1, 1, 1), Level::default(), prior),
            Err(StatsError::InvalidPrior)
        );
    }
}
