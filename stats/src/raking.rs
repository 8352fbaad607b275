//! Raking (iterative proportional fitting): weights that make the sample's profile match target
//! margins (census shares of age bands, districts …) one question at a time, with trimming so
//! no answer weighs more than `cap` times, or less than 1/`cap` of, the mean.
//!
//! The procedure, exactly (stats/reference/raking_reference.py repeats it with numpy):
//! 1. Every unit starts at weight 1.
//! 2. Per question, units without an answer form their own cell whose target is their share of
//!    the sample (so a missing answer moves nobody); answers with a target but no unit drop out
//!    and the remaining targets are rescaled to fill the rest.
//! 3. A sweep rakes each question in order: every unit in cell c is multiplied by
//!    target_c · Σw / Σw_c. Then weights are divided by their mean and clipped to
//!    [1/cap, cap].
//! 4. Sweeps repeat until every cell's weighted share is within `tolerance` of its target, or
//!    `max_sweeps` have run (then `converged` is false: the cap and the targets disagree, and
//!    the achieved shares say by how much).

use serde::{Deserialize, Serialize};

use crate::StatsError;

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct RakingOptions {
    /// The largest weight as a multiple of the mean (the smallest is its inverse); ≥ 1.
    pub cap: f64,
    pub tolerance: f64,
    pub max_sweeps: u32,
}

impl Default for RakingOptions {
    fn default() -> RakingOptions {
        RakingOptions {
            cap: 5.0,
            tolerance: 1e-10,
            max_sweeps: 500,
        }
    }
}

/// The weights and how they were reached.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Raked {
    /// One per unit, mean 1.
    pub weights: Vec<f64>,
    pub sweeps: u32,
    pub converged: bool,
    /// Units whose weight sits at the cap or its inverse.
    pub trimmed: usize,
    /// Per question, the weighted share of each answer (index as in the targets) and, last, of
    /// the units that did not answer.
    pub achieved: Vec<Vec<f64>>,
}

/// Rakes `units` (per unit, per question: the answer's index, or `None` when not answered) to
/// `targets` (per question, a positive share per answer; rescaled to add up to 1).
pub fn rake(
    units: &[Vec<Option<usize>>],
    targets: &[Vec<f64>],
    options: RakingOptions,
) -> Result<Raked, StatsError> {
    if !(options.cap.is_finite() && options.cap >= 1.0) || options.max_sweeps == 0 {
        return Err(StatsError::InvalidTarget);
    }
    for shares in targets {
        if shares.is_empty() || shares.iter().any(|s| !(s.is_finite() && *s > 0.0)) {
            return Err(StatsError::InvalidTarget);
        }
    }
    if units.iter().any(|unit| {
        unit.len() != targets.len()
            || unit
                .iter()
                .zip(targets)
                .any(|(answer, shares)| answer.is_some_and(|a| a >= shares.len()))
    }) {
        return Err(StatsError::InvalidTarget);
    }
    let cells: Vec<Vec<usize>> = (0..targets.len())
        .map(|q| {
            units
                .iter()
                .map(|unit| unit[q].unwrap_or(targets[q].len()))
                .collect()
        })
        .collect();
    let goals: Vec<Vec<f64>> = cells
        .iter()
        .zip(targets)
        .map(|(cell_of, shares)| cell_targets(cell_of, shares))
        .collect();
    let mut weights = vec![1.0; units.len()];
    let mut sweeps = 0;
    let mut converged = units.is_empty();
    while !converged && sweeps < options.max_sweeps {
        sweeps += 1;
        for (cell_of, goal) in cells.iter().zip(&goals) {
            let sums = cell_sums(cell_of, &weights, goal.len());
            let total: f64 = sums.iter().sum();
            let factors: Vec<f64> = goal
                .iter()
                .zip(&sums)
                .map(|(g, s)| if *s > 0.0 { g * total / s } else { 1.0 })
                .collect();
            for (weight, &cell) in weights.iter_mut().zip(cell_of) {
                *weight *= factors[cell];
            }
        }
        let mean = weights.iter().sum::<f64>() / weights.len() as f64;
        for weight in &mut weights {
            *weight = (*weight / mean).clamp(1.0 / options.cap, options.cap);
        }
        converged = cells.iter().zip(&goals).all(|(cell_of, goal)| {
            shares_of(cell_of, &weights, goal.len())
                .iter()
                .zip(goal)
                .all(|(got, want)| (got - want).abs() <= options.tolerance)
        });
    }
    let (low, high) = (1.0 / options.cap, options.cap);
    let trimmed = weights
        .iter()
        .filter(|&&w| (w - low).abs() < 1e-12 || (w - high).abs() < 1e-12)
        .count();
    if !weights.is_empty() {
        let mean = weights.iter().sum::<f64>() / weights.len() as f64;
        for weight in &mut weights {
            *weight /= mean;
        }
    }
    let achieved = cells
        .iter()
        .zip(&goals)
        .map(|(cell_of, goal)| shares_of(cell_of, &weights, goal.len()))
        .collect();
    Ok(Raked {
        weights,
        sweeps,
        converged,
        trimmed,
        achieved,
    })
}

/// Each cell's goal share: the non-answers keep their own share of the sample, answers nobody
/// gave drop out, and the given targets are rescaled over what is left.
fn cell_targets(cell_of: &[usize], shares: &[f64]) -> Vec<f64> {
    let counts = cell_sums(cell_of, &vec![1.0; cell_of.len()], shares.len() + 1);
    let n = cell_of.len().max(1) as f64;
    let missing = counts[shares.len()] / n;
    let present: f64 = shares
        .iter()
        .zip(&counts)
        .filter(|(_, c)| **c > 0.0)
        .map(|(s, _)| s)
        .sum();
    let mut goal: Vec<f64> = shares
        .iter()
        .zip(&counts)
        .map(|(s, c)| {
            if *c > 0.0 {
                (1.0 - missing) * s / present
            } else {
                0.0
            }
        })
        .collect();
    goal.push(missing);
    goal
}

fn cell_sums(cell_of: &[usize], weights: &[f64], cells: usize) -> Vec<f64> {
    let mut sums = vec![0.0; cells];
    for (&cell, weight) in cell_of.iter().zip(weights) {
        sums[cell] += weight;
    }
    sums
}

fn shares_of(cell_of: &[usize], weights: &[f64], cells: usize) -> Vec<f64> {
    let sums = cell_sums(cell_of, weights, cells);
    let total: f64 = sums.iter().sum();
    sums.iter()
        .map(|s| if total > 0.0 { s / total } else { 0.0 })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one_question(answers: &[usize]) -> Vec<Vec<Option<usize>>> {
        answers.iter().map(|&a| vec![Some(a)]).collect()
    }

    #[test]
    fn one_question_is_post_stratification() {
        // 3 young, 1 old; the population is half and half.
        let raked = rake(
            &one_question(&[0, 0, 0, 1]),
            &[vec![0.5, 0.5]],
            RakingOptions::default(),
        )
        .unwrap();
        assert!(raked.converged);
        let expected = [2.0 / 3.0, 2.0 / 3.0, 2.0 / 3.0, 2.0];
        for (got, want) in raked.weights.iter().zip(expected) {
            assert!((got - want).abs() < 1e-12, "{:?}", raked.weights);
        }
        assert!((raked.achieved[0][1] - 0.5).abs() < 1e-12);
    }

    #[test]
    fn the_cap_holds_and_says_when_targets_cannot_be_met() {
        let raked = rake(
            &one_question(&[0, 0, 0, 0, 0, 0, 0, 0, 0, 1]),
            &[vec![0.1, 0.9]],
            RakingOptions {
                cap: 3.0,
                ..RakingOptions::default()
            },
        )
        .unwrap();
        assert!(!raked.converged);
        let mean = raked.weights.iter().sum::<f64>() / 10.0;
        assert!((mean - 1.0).abs() < 1e-12);
        assert!(
            raked.achieved[0][1] < 0.9,
            "the cap kept the target out of reach"
        );
        assert!(raked.trimmed >= 1);
    }

    #[test]
    fn missing_answers_keep_their_share_and_empty_answers_drop_out() {
        let units = vec![vec![Some(0)], vec![Some(0)], vec![Some(1)], vec![None]];
        // Answer 2 has a target but nobody gave it: 0.2 + 0.2 are rescaled over answers 0 and 1.
        let raked = rake(&units, &[vec![0.2, 0.2, 0.6]], RakingOptions::default()).unwrap();
        assert!(raked.converged);
        let shares = &raked.achieved[0];
        assert!((shares[3] - 0.25).abs() < 1e-12, "non-answers keep 1 in 4");
        assert!((shares[0] - 0.375).abs() < 1e-12 && (shares[1] - 0.375).abs() < 1e-12);
        assert_eq!(shares[2], 0.0);
    }

    #[test]
    fn bad_targets_are_refused() {
        let units = one_question(&[0, 1]);
        for targets in [
            vec![vec![0.5, 0.0]],
            vec![vec![f64::NAN, 0.5]],
            vec![vec![]],
        ] {
            assert_eq!(
                rake(&units, &targets, RakingOptions::default()),
                Err(StatsError::InvalidTarget)
            );
        }
        assert_eq!(
            rake(
                &one_question(&[2]),
                &[vec![0.5, 0.5]],
                RakingOptions::default()
            ),
            Err(StatsError::InvalidTarget),
            "an answer without a target"
        );
        assert!(rake(&[], &[vec![1.0]], RakingOptions::default())
            .unwrap()
            .weights
            .is_empty());
    }
}
