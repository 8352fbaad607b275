//! The two questions every detector asks: "more answers than expected?" (a binomial tail) and
//! "scores unlike the rest?" (a likelihood-ratio test on promoters, passives and detractors).

use statrs::distribution::{Binomial, ChiSquared, ContinuousCDF, DiscreteCDF};

/// P(X ≥ k) for X ~ Binomial(n, p): how surprising `k` of `n` is when each is `p` likely.
pub fn at_least(k: u64, n: u64, p: f64) -> f64 {
    if k == 0 {
        return 1.0;
    }
    if k > n {
        return 0.0;
    }
    let p = p.clamp(1e-9, 1.0 - 1e-9);
    match Binomial::new(p, n) {
        Ok(binomial) => binomial.sf(k - 1).clamp(0.0, 1.0),
        Err(_) => 1.0,
    }
}

/// Promoters, passives, detractors.
pub type Categories = [u64; 3];

pub fn categories(scores: impl IntoIterator<Item = u8>) -> Categories {
    let mut counts = [0; 3];
    for score in scores {
        counts[match score {
            9..=10 => 0,
            7..=8 => 1,
            _ => 2,
        }] += 1;
    }
    counts
}

/// The G-test of homogeneity between two category counts (2 degrees of freedom): its
/// statistic and p-value. A small p-value: the group's scores do not look like the rest's.
pub fn shift(group: Categories, rest: Categories) -> (f64, f64) {
    let total_group: u64 = group.iter().sum();
    let total_rest: u64 = rest.iter().sum();
    let total = total_group + total_rest;
    if total_group == 0 || total_rest == 0 {
        return (0.0, 1.0);
    }
    let mut g = 0.0;
    for (row, row_total) in [(group, total_group), (rest, total_rest)] {
        for category in 0..3 {
            let observed = row[category] as f64;
            if observed == 0.0 {
                continue;
            }
            let column = (group[category] + rest[category]) as f64;
            let expected = row_total as f64 * column / total as f64;
            g += 2.0 * observed * (observed / expected).ln();
        }
    }
    let g = g.max(0.0);
    let p = ChiSquared::new(2.0).map_or(1.0, |chi| 1.0 - chi.cdf(g));
    (g, p.clamp(0.0, 1.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_binomial_tail_matches_hand_computed_values() {
        // P(X ≥ 3 | n = 3, p = 0.5) = 1/8; P(X ≥ 1 | n = 2, p = 0.5) = 3/4.
        assert!((at_least(3, 3, 0.5) - 0.125).abs() < 1e-12);
        assert!((at_least(1, 2, 0.5) - 0.75).abs() < 1e-12);
        assert_eq!(at_least(0, 5, 0.1), 1.0);
        assert_eq!(at_least(6, 5, 0.1), 0.0);
    }

    #[test]
    fn identical_mixes_show_no_shift_and_one_sided_mixes_do() {
        let (g, p) = shift([10, 10, 10], [100, 100, 100]);
        assert!(g.abs() < 1e-9 && (p - 1.0).abs() < 1e-9);
        // Computed by hand in Python: G = 2·Σ O·ln(O/E) = 40.833523…, and with 2 degrees of
        // freedom the chi-square tail is exp(−G/2) = 1.35867e-9.
        let (g, p) = shift([20, 0, 0], [30, 40, 30]);
        assert!((g - 40.833_523).abs() < 1e-5, "G = {g}");
        assert!((p / 1.358_667e-9 - 1.0).abs() < 1e-4, "p = {p}");
    }
}
