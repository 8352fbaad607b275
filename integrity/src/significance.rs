//! The two questions every detector asks: "more answers than expected?" (a binomial tail) and
//! "scores unlike the rest?" (a z-test on the NPS of the group against the rest).

use statrs::distribution::{Binomial, DiscreteCDF};
use statrs::function::erf::erfc;

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

/// Whether a group's NPS differs from the rest's: a two-sided z-test on the mean of +1
/// (promoter), 0 (passive), −1 (detractor), with the variance of both together (what it would be
/// were they alike). Returns z (positive: the group scores higher) and its p-value. Stuffing
/// moves the NPS, up for one's own brand or down for a rival's; a group merely short of passives
/// by chance does not count as a shift.
pub fn shift(group: Categories, rest: Categories) -> (f64, f64) {
    let (n_group, n_rest) = (group.iter().sum::<u64>(), rest.iter().sum::<u64>());
    if n_group == 0 || n_rest == 0 {
        return (0.0, 1.0);
    }
    let mean = |c: Categories, n: u64| (c[0] as f64 - c[2] as f64) / n as f64;
    let n = (n_group + n_rest) as f64;
    let pooled_mean = (group[0] + rest[0]) as f64 / n - (group[2] + rest[2]) as f64 / n;
    let pooled_square = (group[0] + rest[0] + group[2] + rest[2]) as f64 / n;
    let variance = (pooled_square - pooled_mean * pooled_mean).max(1e-9);
    let se = (variance * (1.0 / n_group as f64 + 1.0 / n_rest as f64)).sqrt();
    let z = (mean(group, n_group) - mean(rest, n_rest)) / se;
    (z, erfc(z.abs() / std::f64::consts::SQRT_2).clamp(0.0, 1.0))
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
        let (z, p) = shift([10, 10, 10], [100, 100, 100]);
        assert!(z.abs() < 1e-9 && (p - 1.0).abs() < 1e-9);
        // Computed by hand in Python: pooled mean 1/6, variance 0.63889, z = 5.1075392,
        // p = erfc(z/√2) = 3.263814e-7.
        let (z, p) = shift([20, 0, 0], [30, 40, 30]);
        assert!((z - 5.107_539_2).abs() < 1e-6, "z = {z}");
        assert!((p / 3.263_814e-7 - 1.0).abs() < 1e-5, "p = {p}");
        let (z, _) = shift([0, 0, 20], [30, 40, 30]);
        assert!(z < -5.0, "a group of detractors scores lower");
    }

    #[test]
    fn a_group_short_of_passives_only_is_no_shift() {
        // Same NPS (+10) on both sides, different passives: no evidence of stuffing.
        let (_, p) = shift([10, 0, 9], [40, 40, 30]);
        assert!(p > 0.5, "p = {p}");
    }
}
