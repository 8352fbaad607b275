//! Rocks' score interval: the NPS values θ₀ not rejected by the score test, i.e. those with
//! (θ̂ − θ₀)² ≤ z²·(p̃ + d̃ − θ₀²)/n, where (p̃, d̃) maximise the trinomial likelihood under the
//! constraint p − d = θ₀. The bounds are found by root finding on each side of θ̂.

use crate::numeric::brent;
use crate::{Counts, Level};

pub fn score(counts: Counts, level: Level) -> (f64, f64) {
    let n = counts.n() as f64;
    let theta_hat = (counts.promoters as f64 - counts.detractors as f64) / n;
    let z2 = level.z().powi(2);
    let rejects = |theta0: f64| {
        let (p, d) = constrained_mle(counts, theta0);
        (theta_hat - theta0).powi(2) - z2 * (p + d - theta0 * theta0).max(0.0) / n
    };
    let low = if theta_hat <= -1.0 {
        -1.0
    } else {
        bound(&rejects, theta_hat, -1.0)
    };
    let high = if theta_hat >= 1.0 {
        1.0
    } else {
        bound(&rejects, theta_hat, 1.0)
    };
    (low, high)
}

/// The bound between θ̂ and `end`: where the test starts rejecting. When every response is in
/// one group the statistic is exactly zero at θ̂ itself, so first step inwards until the test
/// clearly accepts, then bracket the root from there.
fn bound(rejects: &impl Fn(f64) -> f64, theta_hat: f64, end: f64) -> f64 {
    let mut inside = theta_hat;
    if rejects(inside) >= 0.0 {
        let mut step = (end - theta_hat) / 2.0;
        inside = theta_hat + step;
        while rejects(inside) >= 0.0 {
            step /= 2.0;
            if step.abs() < 1e-15 {
                return theta_hat;
            }
            inside = theta_hat + step;
        }
    }
    brent(rejects, end, inside, 1e-14)
}

/// The promoter and detractor shares that maximise P·ln p + A·ln a + D·ln d subject to
/// p − d = θ₀. Setting the derivative in d to zero gives 2n·d² − B·d − C = 0 with
/// B = P(1 − θ₀) − 2Aθ₀ + D(1 − 3θ₀) and C = Dθ₀(1 − θ₀); the larger root is the feasible
/// maximum (when the interior optimum is infeasible it is the boundary root d = −θ₀).
pub fn constrained_mle(counts: Counts, theta0: f64) -> (f64, f64) {
    let n = counts.n() as f64;
    let (promoters, passives, detractors) = (
        counts.promoters as f64,
        counts.passives as f64,
        counts.detractors as f64,
    );
    let b =
        promoters * (1.0 - theta0) - 2.0 * passives * theta0 + detractors * (1.0 - 3.0 * theta0);
    let c = detractors * theta0 * (1.0 - theta0);
    let discriminant = (b * b + 8.0 * n * c).max(0.0);
    let lowest = (-theta0).max(0.0);
    let highest = (1.0 - theta0) / 2.0;
    let d = ((b + discriminant.sqrt()) / (4.0 * n)).clamp(lowest, highest.max(lowest));
    (d + theta0, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The log-likelihood along the constraint, to check the closed form against brute force.
    fn log_likelihood(counts: Counts, theta0: f64, d: f64) -> f64 {
        let term = |count: u64, share: f64| {
            if count == 0 {
                0.0
            } else {
                count as f64 * share.ln()
            }
        };
        term(counts.promoters, d + theta0)
            + term(counts.passives, 1.0 - theta0 - 2.0 * d)
            + term(counts.detractors, d)
    }

    #[test]
    fn the_closed_form_maximises_the_constrained_likelihood() {
        for counts in [
            Counts::new(3, 1, 1),
            Counts::new(0, 4, 2),
            Counts::new(5, 0, 0),
            Counts::new(40, 30, 30),
        ] {
            for step in -19..=19 {
                let theta0 = step as f64 / 20.0;
                let (_, d) = constrained_mle(counts, theta0);
                let best = log_likelihood(counts, theta0, d);
                let lowest = (-theta0).max(0.0);
                let highest = (1.0 - theta0) / 2.0;
                for k in 1..1000 {
                    let other = lowest + (highest - lowest) * k as f64 / 1000.0;
                    assert!(
                        log_likelihood(counts, theta0, other) <= best + 1e-9,
                        "{counts:?} θ₀={theta0}: d={d} beaten by {other}"
                    );
                }
            }
        }
    }
}
