//! Does a share differ between two groups? The pooled two-proportion z-test (its square is
//! Pearson's χ² of the 2×2 table without continuity correction, which is how the reference
//! values are checked).

use serde::{Deserialize, Serialize};

use crate::numeric::normal_upper_tail;

/// First share minus second, with the pooled z statistic and its two-sided p-value.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct ShareDifference {
    pub first: f64,
    pub second: f64,
    pub z: f64,
    pub p_value: f64,
}

/// `x1` of `n1` against `x2` of `n2`; `None` when a group is empty or the pooled share is 0 or 1
/// (nothing to tell apart).
pub fn share_difference(x1: u64, n1: u64, x2: u64, n2: u64) -> Option<ShareDifference> {
    if n1 == 0 || n2 == 0 || x1 > n1 || x2 > n2 {
        return None;
    }
    let (n1f, n2f) = (n1 as f64, n2 as f64);
    let (p1, p2) = (x1 as f64 / n1f, x2 as f64 / n2f);
    let pooled = (x1 + x2) as f64 / (n1f + n2f);
    let variance = pooled * (1.0 - pooled) * (1.0 / n1f + 1.0 / n2f);
    if variance <= 0.0 {
        return None;
    }
    let z = (p1 - p2) / variance.sqrt();
    Some(ShareDifference {
        first: p1,
        second: p2,
        z,
        p_value: (2.0 * normal_upper_tail(z.abs())).min(1.0),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (x1, n1, x2, n2, χ², p) from scipy.stats.chi2_contingency(correction=False), written by
    /// `stats/reference/share_difference_reference.py`.
    const REFERENCE: [(u64, u64, u64, u64, f64, f64); 4] = [
        (12, 40, 30, 200, 5.194805194805195, 0.022654494080089353),
        (5, 10, 5, 10, 0.0, 1.0),
        (30, 60, 10, 140, 48.214285714285715, 3.820944588115017e-12),
        (1, 25, 40, 300, 1.8235428833161567, 0.1768921357764749),
    ];

    #[test]
    fn z_squared_and_p_match_scipys_chi_squared_test() {
        for (x1, n1, x2, n2, chi2, p) in REFERENCE {
            let d = share_difference(x1, n1, x2, n2).expect("defined");
            assert!(
                (d.z * d.z - chi2).abs() < 1e-9,
                "{x1}/{n1} vs {x2}/{n2}: z²={}",
                d.z * d.z
            );
            assert!((d.p_value - p).abs() <= 1e-7 * p, "p={} vs {p}", d.p_value);
        }
    }

    #[test]
    fn empty_groups_and_constant_shares_are_undefined() {
        assert_eq!(share_difference(0, 0, 1, 5), None);
        assert_eq!(share_difference(0, 5, 0, 5), None);
        assert_eq!(share_difference(6, 5, 0, 5), None);
    }
}
