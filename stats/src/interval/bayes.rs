//! Bayesian credible interval. The shares (p, a, d) get a Dirichlet prior; after observing the
//! counts the posterior is Dirichlet(P + αp, A + αa, D + αd). The interval is equal-tailed: the
//! (1 − level)/2 and (1 + level)/2 quantiles of θ = p − d.
//!
//! The CDF of θ is computed exactly (no sampling) by conditioning on d:
//! d ~ Beta(αd', αp' + αa') and, given d = t, p = (1 − t)·Beta(αp', αa'), so
//! P(θ ≤ x) = ∫ f_d(t) · I_{(x+t)/(1−t)}(αp', αa') dt, a one-dimensional integral.
//! The upper bound is the lower bound of the mirrored posterior (p and d swapped), so both come
//! from small tail probabilities, never from 1 − (something close to 1).
//!
//! Above `EXACT_LIMIT` pseudo-counts the incomplete beta function gets slow and loses accuracy
//! in the far tails; there the posterior of θ is within O(1/α₀) of its Cornish–Fisher expansion
//! (normal plus skewness), which is used instead — well below 0.001 NPS points there.

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

/// Posterior concentration (α₀ = total pseudo-counts) up to which the CDF is integrated exactly.
pub const EXACT_LIMIT: f64 = 20_000.0;

pub fn credible(counts: Counts, level: Level, prior: BayesPrior) -> Result<(f64, f64), StatsError> {
    let posterior = prior.posterior(counts)?;
    let (alpha_p, alpha_a, alpha_d) = posterior;
    if alpha_p + alpha_a + alpha_d > EXACT_LIMIT {
        return Ok(cornish_fisher(posterior, level));
    }
    let tail = (1.0 - level.value()) / 2.0;
    let lower_quantile =
        |posterior| brent(|x| posterior_cdf(x, posterior) - tail, -1.0, 1.0, 1e-13);
    Ok((
        lower_quantile(posterior),
        -lower_quantile((alpha_d, alpha_a, alpha_p)),
    ))
}

/// Mean, variance and third central moment of θ = p − d under Dirichlet(αp, αa, αd), from the
/// closed-form Dirichlet moments (no raw-moment cancellation for large α₀).
pub fn moments((alpha_p, alpha_a, alpha_d): (f64, f64, f64)) -> (f64, f64, f64) {
    let total = alpha_p + alpha_a + alpha_d;
    let (p, d) = (alpha_p / total, alpha_d / total);
    let variance = (p * (1.0 - p) + d * (1.0 - d) + 2.0 * p * d) / (total + 1.0);
    let scale = (total + 1.0) * (total + 2.0);
    let cube = |m: f64| 2.0 * m * (1.0 - m) * (1.0 - 2.0 * m) / scale;
    // E[(Xi − mi)²(Xj − mj)] for i ≠ j.
    let square_times = |mi: f64, mj: f64| -2.0 * mi * mj * (1.0 - 2.0 * mi) / scale;
    let third = cube(p) - 3.0 * square_times(p, d) + 3.0 * square_times(d, p) - cube(d);
    (p - d, variance, third)
}

/// Quantiles from the Cornish–Fisher expansion with the skewness term.
fn cornish_fisher(posterior: (f64, f64, f64), level: Level) -> (f64, f64) {
    let (mean, variance, third) = moments(posterior);
    let sd = variance.sqrt();
    let skewness = if sd > 0.0 { third / sd.powi(3) } else { 0.0 };
    let z = level.z();
    let quantile = |z: f64| (mean + sd * (z + (z * z - 1.0) * skewness / 6.0)).clamp(-1.0, 1.0);
    (quantile(-z), quantile(z))
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
    fn closed_form_moments_match_raw_moments() {
        // Raw Dirichlet moments E[p^a d^b] are ratios of rising factorials; fine for small α₀.
        let posterior = (3.5, 2.0, 1.25);
        let (ap, _, ad) = posterior;
        let total = posterior.0 + posterior.1 + posterior.2;
        let rising = |x: f64, k: u32| (0..k).map(|i| x + i as f64).product::<f64>();
        let raw = |a: u32, b: u32| rising(ap, a) * rising(ad, b) / rising(total, a + b);
        let mean = raw(1, 0) - raw(0, 1);
        let second = raw(2, 0) - 2.0 * raw(1, 1) + raw(0, 2);
        let third = raw(3, 0) - 3.0 * raw(2, 1) + 3.0 * raw(1, 2) - raw(0, 3);
        let central3 = third - 3.0 * mean * second + 2.0 * mean.powi(3);
        let (m, v, c3) = moments(posterior);
        assert!((m - mean).abs() < 1e-14);
        assert!((v - (second - mean * mean)).abs() < 1e-14);
        assert!((c3 - central3).abs() < 1e-14, "{c3} vs {central3}");
    }

    #[test]
    fn the_expansion_agrees_with_the_exact_integral_near_the_switch() {
        let counts = Counts::new(8_000, 6_000, 5_990); // α₀ just under the limit: exact
        let exact = credible(counts, Level::default(), BayesPrior::default()).unwrap();
        let approximate = cornish_fisher(
            BayesPrior::default().posterior(counts).unwrap(),
            Level::default(),
        );
        assert!((exact.0 - approximate.0).abs() < 1e-7 && (exact.1 - approximate.1).abs() < 1e-7);
    }

    #[test]
    fn symmetric_data_gives_a_symmetric_interval_even_far_in_the_tails() {
        for counts in [
            Counts::new(250, 500, 250),
            Counts::new(2_500, 5_000, 2_500),
            Counts::new(250_000, 500_000, 250_000),
        ] {
            let (low, high) = credible(
                counts,
                Level::new(0.999_999_999).unwrap(),
                BayesPrior::default(),
            )
            .unwrap();
            assert!((low + high).abs() < 1e-12, "{counts:?}: [{low}, {high}]");
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
