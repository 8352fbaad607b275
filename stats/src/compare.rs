//! Is one subject's NPS different from another's? Two independent samples, normal approximation.

use serde::{Deserialize, Serialize};

use crate::interval::shares_and_variance;
use crate::numeric::normal_upper_tail;
use crate::{Counts, EffectiveCounts, Method, StatsError};

/// Difference of two NPS (first − second), on the −200..200 scale, with its test.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    pub diff: f64,
    pub se: f64,
    pub z: f64,
    /// Two-sided p-value of "no difference".
    pub p_value: f64,
}

/// One pair of subjects (by index) with its raw and Holm-adjusted p-value.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct PairComparison {
    pub first: usize,
    pub second: usize,
    pub comparison: Comparison,
    pub p_holm: f64,
}

/// Compares two subjects with `wald` or `adjusted-wald` (the adjusted counts for each subject);
/// `Ok(None)` when either has no responses.
pub fn difference(
    first: Counts,
    second: Counts,
    method: Method,
) -> Result<Option<Comparison>, StatsError> {
    difference_effective(first.into(), second.into(), method)
}

/// The same for effective counts (weighted results: n_eff times the weighted shares).
pub fn difference_effective(
    first: EffectiveCounts,
    second: EffectiveCounts,
    method: Method,
) -> Result<Option<Comparison>, StatsError> {
    if first.n() <= 0.0 || second.n() <= 0.0 {
        return Ok(None);
    }
    let moments = |counts: EffectiveCounts| -> Result<(f64, f64), StatsError> {
        let (promoters, detractors, n) = match method {
            Method::Wald => (counts.promoters, counts.detractors, counts.n()),
            Method::AdjustedWald => counts.adjusted(),
            other => return Err(StatsError::UnsupportedComparison(other.to_string())),
        };
        let (theta, _, variance) = shares_and_variance(promoters, detractors, n);
        Ok((theta, variance / n))
    };
    let (theta1, var1) = moments(first)?;
    let (theta2, var2) = moments(second)?;
    let diff = theta1 - theta2;
    let se = (var1 + var2).sqrt();
    // With no spread at all (unanimous samples) the test is decided by whether they differ.
    let z = if se > 0.0 {
        diff / se
    } else if diff == 0.0 {
        0.0
    } else {
        f64::INFINITY.copysign(diff)
    };
    let p_value = (2.0 * normal_upper_tail(z.abs())).min(1.0);
    Ok(Some(Comparison {
        diff: 100.0 * diff,
        se: 100.0 * se,
        z,
        p_value,
    }))
}

/// Holm's step-down adjustment: controls the family-wise error rate over all the p-values.
pub fn holm(p_values: &[f64]) -> Vec<f64> {
    let m = p_values.len();
    let mut order: Vec<usize> = (0..m).collect();
    order.sort_by(|&a, &b| p_values[a].total_cmp(&p_values[b]));
    let mut adjusted = vec![0.0; m];
    let mut running_max: f64 = 0.0;
    for (rank, &index) in order.iter().enumerate() {
        let candidate = ((m - rank) as f64 * p_values[index]).min(1.0);
        running_max = running_max.max(candidate);
        adjusted[index] = running_max;
    }
    adjusted
}

/// Every pair (i < j) of subjects compared, with Holm-adjusted p-values over all pairs.
/// Subjects without responses are left out of the pairs.
pub fn pairwise(subjects: &[Counts], method: Method) -> Result<Vec<PairComparison>, StatsError> {
    let effective: Vec<EffectiveCounts> = subjects.iter().map(|&c| c.into()).collect();
    pairwise_effective(&effective, method)
}

/// The same for effective counts.
pub fn pairwise_effective(
    subjects: &[EffectiveCounts],
    method: Method,
) -> Result<Vec<PairComparison>, StatsError> {
    let mut pairs = Vec::new();
    for first in 0..subjects.len() {
        for second in first + 1..subjects.len() {
            if let Some(comparison) =
                difference_effective(subjects[first], subjects[second], method)?
            {
                pairs.push((first, second, comparison));
            }
        }
    }
    let raw: Vec<f64> = pairs.iter().map(|(_, _, c)| c.p_value).collect();
    Ok(pairs
        .into_iter()
        .zip(holm(&raw))
        .map(|((first, second, comparison), p_holm)| PairComparison {
            first,
            second,
            comparison,
            p_holm,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holm_matches_a_hand_computed_example() {
        // Sorted 0.01, 0.02, 0.03, 0.5 → ×4, ×3, ×2, ×1 = 0.04, 0.06, 0.06, 0.5 (monotone).
        let adjusted = holm(&[0.03, 0.5, 0.01, 0.02]);
        let expected = [0.06, 0.5, 0.04, 0.06];
        for (got, want) in adjusted.iter().zip(expected) {
            assert!((got - want).abs() < 1e-15, "{adjusted:?}");
        }
        assert_eq!(holm(&[0.4, 0.9]), vec![0.8, 0.9]);
        assert!(holm(&[]).is_empty());
    }

    #[test]
    fn comparing_a_subject_with_itself_finds_nothing() {
        let counts = Counts::new(30, 20, 10);
        let same = difference(counts, counts, Method::Wald).unwrap().unwrap();
        assert_eq!((same.diff, same.z, same.p_value), (0.0, 0.0, 1.0));
    }

    #[test]
    fn unanimous_samples_that_differ_are_decided() {
        let c = difference(Counts::new(5, 0, 0), Counts::new(0, 0, 5), Method::Wald)
            .unwrap()
            .unwrap();
        assert_eq!((c.diff, c.se, c.p_value), (200.0, 0.0, 0.0));
    }

    #[test]
    fn other_methods_and_empty_subjects() {
        let counts = Counts::new(1, 1, 1);
        assert!(difference(counts, counts, Method::Bayes).is_err());
        assert_eq!(
            difference(counts, Counts::default(), Method::Wald),
            Ok(None)
        );
    }
}
