//! How sure are we of the order? Rank probabilities from the posteriors, tiers of subjects the
//! data cannot separate, and simultaneous rank confidence sets.

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Gamma};
use serde::{Deserialize, Serialize};

use crate::{pairwise_effective, BayesPrior, Counts, EffectiveCounts, Level, Method, StatsError};

/// Monte Carlo rank distribution of each subject (rank 1 = highest NPS).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RankSummary {
    /// `probabilities[k][r]`: probability that subject k holds rank r + 1.
    pub probabilities: Vec<Vec<f64>>,
    /// Probability of rank 1, per subject.
    pub first: Vec<f64>,
    /// Equal-tailed rank interval at the requested level, 1-based and inclusive.
    pub interval: Vec<(usize, usize)>,
    pub expected_rank: Vec<f64>,
}

/// Draws each subject's shares from its Dirichlet posterior `draws` times, ranks the NPS of
/// every draw, and tallies. Seeded: the same inputs give the same summary.
pub fn rank_probabilities(
    subjects: &[Counts],
    draws: u32,
    seed: u64,
    prior: BayesPrior,
    level: Level,
) -> Result<RankSummary, StatsError> {
    if draws == 0 {
        return Err(StatsError::NoDraws);
    }
    let k = subjects.len();
    let gammas = subjects
        .iter()
        .map(|&counts| {
            let (p, a, d) = prior.posterior(counts)?;
            let gamma = |shape: f64| Gamma::new(shape, 1.0).map_err(|_| StatsError::InvalidPrior);
            Ok((gamma(p)?, gamma(a)?, gamma(d)?))
        })
        .collect::<Result<Vec<_>, StatsError>>()?;
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut tally = vec![vec![0u32; k]; k];
    let mut nps = vec![0.0f64; k];
    let mut order: Vec<usize> = (0..k).collect();
    for _ in 0..draws {
        for (value, (gp, ga, gd)) in nps.iter_mut().zip(&gammas) {
            let (p, a, d) = (
                gp.sample(&mut rng),
                ga.sample(&mut rng),
                gd.sample(&mut rng),
            );
            *value = (p - d) / (p + a + d);
        }
        order.sort_unstable_by(|&x, &y| nps[y].total_cmp(&nps[x]));
        for (rank, &subject) in order.iter().enumerate() {
            tally[subject][rank] += 1;
        }
    }
    let probabilities: Vec<Vec<f64>> = tally
        .iter()
        .map(|row| row.iter().map(|&c| c as f64 / draws as f64).collect())
        .collect();
    let tail = (1.0 - level.value()) / 2.0;
    let interval = probabilities
        .iter()
        .map(|row| (rank_quantile(row, tail), rank_quantile(row, 1.0 - tail)))
        .collect();
    let expected_rank = probabilities
        .iter()
        .map(|row| {
            row.iter()
                .enumerate()
                .map(|(r, p)| (r + 1) as f64 * p)
                .sum()
        })
        .collect();
    Ok(RankSummary {
        first: probabilities
            .iter()
            .map(|row| row.first().copied().unwrap_or(0.0))
            .collect(),
        probabilities,
        interval,
        expected_rank,
    })
}

/// Smallest rank r (1-based) whose cumulative probability reaches q.
fn rank_quantile(probabilities: &[f64], q: f64) -> usize {
    let mut cumulative = 0.0;
    for (rank, p) in probabilities.iter().enumerate() {
        cumulative += p;
        if cumulative >= q - 1e-12 {
            return rank + 1;
        }
    }
    probabilities.len()
}

/// Tiers: ordered groups of subjects the data cannot tell apart. Procedure: sort subjects by
/// observed NPS, best first; compare every pair with the adjusted-Wald test and adjust the
/// p-values with Holm's method over all pairs; walk down the sorted list — a subject joins the
/// current tier when it is not significantly different (Holm p ≥ 1 − level) from the tier's
/// first subject, otherwise it opens the next tier. Returns each subject's tier, 1 = best;
/// `None` for subjects without responses, which no data can place.
pub fn tiers(subjects: &[Counts], level: Level) -> Result<Vec<Option<usize>>, StatsError> {
    let effective: Vec<EffectiveCounts> = subjects.iter().map(|&c| c.into()).collect();
    tiers_effective(&effective, level)
}

/// Tiers by the same procedure over effective counts (weighted results).
pub fn tiers_effective(
    subjects: &[EffectiveCounts],
    level: Level,
) -> Result<Vec<Option<usize>>, StatsError> {
    let alpha = 1.0 - level.value();
    let pairs = pairwise_effective(subjects, Method::AdjustedWald)?;
    let mut holm = vec![vec![1.0f64; subjects.len()]; subjects.len()];
    for pair in &pairs {
        holm[pair.first][pair.second] = pair.p_holm;
        holm[pair.second][pair.first] = pair.p_holm;
    }
    let mut order: Vec<usize> = (0..subjects.len())
        .filter(|&i| subjects[i].n() > 0.0)
        .collect();
    let nps = |i: usize| subjects[i].nps().unwrap_or(f64::NEG_INFINITY);
    order.sort_by(|&a, &b| nps(b).total_cmp(&nps(a)).then(a.cmp(&b)));
    let mut tier_of = vec![None; subjects.len()];
    let mut tier = 0;
    let mut leader: Option<usize> = None;
    for &subject in &order {
        match leader {
            Some(first) if holm[first][subject] >= alpha => {}
            _ => {
                tier += 1;
                leader = Some(subject);
            }
        }
        tier_of[subject] = Some(tier);
    }
    Ok(tier_of)
}

/// The ranks a subject can hold, jointly for all subjects at the given level.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RankSet {
    pub best: usize,
    pub worst: usize,
}

/// Simultaneous rank confidence sets in the style of Klein, Wright & Wieczorek (2020):
/// Bonferroni-adjusted two-sided adjusted-Wald intervals for all K(K − 1)/2 differences; a
/// subject's best rank is 1 + the number of subjects surely above it, its worst is K − the
/// number surely below it. All sets hold together with probability ≥ level (asymptotically).
pub fn rank_confidence_sets(subjects: &[Counts], level: Level) -> Result<Vec<RankSet>, StatsError> {
    let effective: Vec<EffectiveCounts> = subjects.iter().map(|&c| c.into()).collect();
    rank_confidence_sets_effective(&effective, level)
}

/// Rank sets by the same procedure over effective counts (weighted results).
pub fn rank_confidence_sets_effective(
    subjects: &[EffectiveCounts],
    level: Level,
) -> Result<Vec<RankSet>, StatsError> {
    let k = subjects.len();
    let comparisons = (k * k.saturating_sub(1) / 2).max(1) as f64;
    let z = level.bonferroni_z(comparisons);
    let mut above = vec![0usize; k];
    let mut below = vec![0usize; k];
    for first in 0..k {
        for second in first + 1..k {
            let Some(c) = crate::difference_effective(
                subjects[first],
                subjects[second],
                Method::AdjustedWald,
            )?
            else {
                continue;
            };
            if c.diff - z * c.se > 0.0 {
                above[second] += 1;
                below[first] += 1;
            } else if c.diff + z * c.se < 0.0 {
                above[first] += 1;
                below[second] += 1;
            }
        }
    }
    Ok((0..k)
        .map(|i| RankSet {
            best: 1 + above[i],
            worst: k - below[i],
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sector() -> Vec<Counts> {
        vec![
            Counts::new(300, 100, 100), // NPS 40, large
            Counts::new(100, 100, 300), // −40
            Counts::new(290, 110, 100), // 38: indistinguishable from the first
            Counts::new(5, 3, 2),       // 30 but tiny
        ]
    }

    #[test]
    fn rank_probabilities_are_distributions_and_reproducible() {
        let summary =
            rank_probabilities(&sector(), 4000, 11, BayesPrior::default(), Level::default())
                .unwrap();
        for row in &summary.probabilities {
            assert!((row.iter().sum::<f64>() - 1.0).abs() < 1e-9);
        }
        for rank in 0..4 {
            let column: f64 = summary.probabilities.iter().map(|row| row[rank]).sum();
            assert!((column - 1.0).abs() < 1e-9);
        }
        assert_eq!(summary.interval[1], (4, 4), "the clear loser is last");
        assert!(summary.first[0] > 0.3 && summary.first[2] > 0.1);
        let again =
            rank_probabilities(&sector(), 4000, 11, BayesPrior::default(), Level::default())
                .unwrap();
        assert_eq!(summary, again);
    }

    #[test]
    fn tiers_group_what_the_data_cannot_separate() {
        let mut subjects = sector();
        subjects.push(Counts::default());
        let tiers = tiers(&subjects, Level::default()).unwrap();
        assert_eq!(tiers[0], tiers[2], "40 vs 38 on 500 each: one tier");
        assert_eq!(tiers[0], Some(1));
        assert_eq!(tiers[1], Some(2), "−40 is its own, lower tier");
        // The tiny subject is not distinguishable from the leaders either.
        assert_eq!(tiers[3], Some(1));
        assert_eq!(tiers[4], None, "no responses, no tier");
    }

    #[test]
    fn rank_sets_stay_defined_for_many_subjects() {
        let many: Vec<Counts> = (0..2_000u64)
            .map(|i| Counts::new(100 + i % 7, 50, 40))
            .collect();
        let sets = rank_confidence_sets(&many, Level::new(0.999).unwrap()).unwrap();
        assert!(sets
            .iter()
            .all(|s| s.best <= s.worst && s.worst <= many.len()));
    }

    #[test]
    fn rank_sets_contain_the_observed_rank_and_separate_clear_cases() {
        let sets = rank_confidence_sets(&sector(), Level::default()).unwrap();
        assert_eq!(sets[1], RankSet { best: 4, worst: 4 });
        assert_eq!(sets[0].best, 1);
        assert!(sets[0].worst >= 2, "cannot be sure it beats the runner-up");
        // Ten answers cannot place the small subject among the top three, but do beat −40.
        assert_eq!(sets[3], RankSet { best: 1, worst: 3 });
    }
}
