//! NPS with post-stratification weights, and the Kish effective sample size that tells how much
//! information the weighting leaves.

use serde::{Deserialize, Serialize};

use crate::interval::shares_and_variance;
use crate::{Category, EffectiveCounts, Level, Method, StatsError};

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct WeightedEstimate {
    pub nps: f64,
    /// Kish's effective sample size, (Σw)² / Σw².
    pub n_eff: f64,
    /// The interval with n_eff in place of n (the design-effect approximation): `wald` around
    /// the weighted NPS, or `adjusted-wald` on the effective counts.
    pub low: f64,
    pub high: f64,
    /// n_eff times the weighted shares: what tests, tiers and rank sets of weighted results use.
    pub effective: EffectiveCounts,
}

/// `responses` are (score, weight) pairs; `Ok(None)` when there are none. `method` is `wald`
/// or `adjusted-wald`; the other methods have no weighted form here.
pub fn weighted_nps(
    responses: &[(u8, f64)],
    method: Method,
    level: Level,
) -> Result<Option<WeightedEstimate>, StatsError> {
    if !matches!(method, Method::Wald | Method::AdjustedWald) {
        return Err(StatsError::UnsupportedWeighting(method.to_string()));
    }
    if responses.is_empty() {
        return Ok(None);
    }
    if responses.iter().any(|&(_, w)| !(w.is_finite() && w > 0.0)) {
        return Err(StatsError::InvalidWeight);
    }
    // Only ratios of weights matter: rescaling by the largest keeps tiny or huge weights from
    // underflowing or overflowing in the sums of squares.
    let largest = responses.iter().map(|&(_, w)| w).fold(0.0, f64::max);
    let (mut total, mut squares) = (0.0, 0.0);
    let (mut promoters, mut passives, mut detractors) = (0.0, 0.0, 0.0);
    for &(score, weight) in responses {
        let weight = weight / largest;
        match Category::of(score)? {
            Category::Promoter => promoters += weight,
            Category::Passive => passives += weight,
            Category::Detractor => detractors += weight,
        }
        total += weight;
        squares += weight * weight;
    }
    let n_eff = total * total / squares;
    let effective = EffectiveCounts {
        promoters: n_eff * promoters / total,
        passives: n_eff * passives / total,
        detractors: n_eff * detractors / total,
    };
    let (theta, _, variance) = shares_and_variance(promoters, detractors, total);
    let (low, high) = match method {
        Method::AdjustedWald => effective
            .adjusted_wald(level)
            .ok_or(StatsError::InvalidWeight)?,
        _ => {
            let half = level.z() * (variance / n_eff).sqrt();
            (
                (100.0 * (theta - half)).max(-100.0),
                (100.0 * (theta + half)).min(100.0),
            )
        }
    };
    Ok(Some(WeightedEstimate {
        nps: 100.0 * theta,
        n_eff,
        low,
        high,
        effective,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_weights_give_the_plain_nps_and_n() {
        let responses: Vec<(u8, f64)> = [10, 9, 7, 3, 0].iter().map(|&s| (s, 2.5)).collect();
        let estimate = weighted_nps(&responses, Method::Wald, Level::default())
            .unwrap()
            .unwrap();
        assert!((estimate.nps - 0.0).abs() < 1e-12);
        assert!((estimate.n_eff - 5.0).abs() < 1e-12);
    }

    #[test]
    fn equal_weights_give_the_adjusted_wald_interval_of_the_counts() {
        let scores = [10u8, 10, 9, 8, 7, 6, 3, 0, 10, 9, 9];
        let responses: Vec<(u8, f64)> = scores.iter().map(|&s| (s, 0.7)).collect();
        let estimate = weighted_nps(&responses, Method::AdjustedWald, Level::default())
            .unwrap()
            .unwrap();
        let plain = crate::interval(
            crate::Counts::new(6, 2, 3),
            Method::AdjustedWald,
            Level::default(),
            &crate::IntervalOptions::default(),
        )
        .unwrap()
        .unwrap();
        assert!(
            (estimate.low - plain.low).abs() < 1e-9 && (estimate.high - plain.high).abs() < 1e-9
        );
        assert!((estimate.effective.promoters - 6.0).abs() < 1e-12);
    }

    #[test]
    fn tiny_and_huge_weights_give_the_same_answer_as_moderate_ones() {
        let scores = [10u8, 9, 7, 3, 0, 6];
        let with = |scale: f64| {
            let responses: Vec<(u8, f64)> = scores
                .iter()
                .enumerate()
                .map(|(i, &s)| (s, scale * (1.0 + i as f64)))
                .collect();
            weighted_nps(&responses, Method::Wald, Level::default())
                .unwrap()
                .unwrap()
        };
        let moderate = with(1.0);
        for scale in [1e-300, 1e300] {
            let other = with(scale);
            assert!(
                (other.nps - moderate.nps).abs() < 1e-9
                    && (other.n_eff - moderate.n_eff).abs() < 1e-9
            );
        }
    }

    #[test]
    fn bad_weights_and_scores_are_refused() {
        assert_eq!(
            weighted_nps(&[(9, 0.0)], Method::Wald, Level::default()),
            Err(StatsError::InvalidWeight)
        );
        assert_eq!(
            weighted_nps(&[(9, f64::NAN)], Method::Wald, Level::default()),
            Err(StatsError::InvalidWeight)
        );
        assert_eq!(
            weighted_nps(&[(12, 1.0)], Method::Wald, Level::default()),
            Err(StatsError::InvalidScore(12))
        );
        assert_eq!(weighted_nps(&[], Method::Wald, Level::default()), Ok(None));
        assert!(matches!(
            weighted_nps(&[(9, 1.0)], Method::Bayes, Level::default()),
            Err(StatsError::UnsupportedWeighting(_))
        ));
    }
}
