//! The offline evaluation: honest traffic with and without an attack, run through the detectors
//! the way the server runs them (every simulated `step_s` over everything received so far; an
//! answer once held stays held), over days of simulated time in a moment.

use std::collections::BTreeSet;

use stats::{tiers, Counts, Level};

use crate::detect::{detect, Answer, Settings};
use crate::traffic::{attack, honest, shared_address, Profile, SectorModel};

/// Subjects with fewer counted answers are not ranked (the demo surveys' minimum n).
const MIN_N: u64 = 30;

/// What became of one stream.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    pub injected: usize,
    pub injected_held: usize,
    pub honest: usize,
    pub honest_held: usize,
    /// The watched subject's NPS: honest answers only, everything received, everything counted.
    pub nps_honest: f64,
    pub nps_received: f64,
    pub nps_counted: f64,
    /// The watched subject's tier (1 is the top), the same three ways.
    pub tier_honest: Option<usize>,
    pub tier_received: Option<usize>,
    pub tier_counted: Option<usize>,
}

/// Runs the detectors over `honest` plus `injected` as they arrive, and scores the result for
/// `watched`.
pub fn run(
    honest: &[Answer],
    injected: &[Answer],
    watched: usize,
    settings: &Settings,
    step_s: i64,
) -> Outcome {
    let mut stream: Vec<(Answer, bool)> = honest
        .iter()
        .map(|a| (a.clone(), false))
        .chain(injected.iter().map(|a| (a.clone(), true)))
        .collect();
    stream.sort_by_key(|(a, _)| a.at_s);
    let answers: Vec<Answer> = stream.iter().map(|(a, _)| a.clone()).collect();
    let is_injected: Vec<bool> = stream.iter().map(|(_, i)| *i).collect();

    let mut held = BTreeSet::new();
    let (Some(first), Some(last)) = (answers.first(), answers.last()) else {
        return score(&answers, &is_injected, &held, watched);
    };
    let mut pass_at = first.at_s + step_s;
    let mut received = 0;
    loop {
        while received < answers.len() && answers[received].at_s <= pass_at {
            received += 1;
        }
        for cluster in detect(&answers[..received], settings) {
            held.extend(cluster.members);
        }
        if pass_at >= last.at_s {
            break;
        }
        pass_at += step_s;
    }
    score(&answers, &is_injected, &held, watched)
}

fn score(answers: &[Answer], injected: &[bool], held: &BTreeSet<usize>, watched: usize) -> Outcome {
    let subjects = answers
        .iter()
        .map(|a| a.subject + 1)
        .max()
        .unwrap_or(0)
        .max(watched + 1);
    let histogram = |keep: &dyn Fn(usize) -> bool| {
        let mut counts = vec![[0u64; 11]; subjects];
        for (i, answer) in answers.iter().enumerate() {
            if keep(i) {
                counts[answer.subject][usize::from(answer.score.min(10))] += 1;
            }
        }
        counts
    };
    let honest_only = histogram(&|i| !injected[i]);
    let received = histogram(&|_| true);
    let counted = histogram(&|i| !held.contains(&i));
    let (nps_honest, tier_honest) = standing(&honest_only, watched);
    let (nps_received, tier_received) = standing(&received, watched);
    let (nps_counted, tier_counted) = standing(&counted, watched);
    Outcome {
        injected: injected.iter().filter(|&&i| i).count(),
        injected_held: held.iter().filter(|&&i| injected[i]).count(),
        honest: injected.iter().filter(|&&i| !i).count(),
        honest_held: held.iter().filter(|&&i| !injected[i]).count(),
        nps_honest,
        nps_received,
        nps_counted,
        tier_honest,
        tier_received,
        tier_counted,
    }
}

/// A subject's NPS and tier among the subjects with at least the minimum n.
fn standing(histograms: &[[u64; 11]], subject: usize) -> (f64, Option<usize>) {
    let counts: Vec<Counts> = histograms
        .iter()
        .map(|h| {
            let counts = Counts::from_histogram(h);
            if counts.n() >= MIN_N {
                counts
            } else {
                Counts::new(0, 0, 0)
            }
        })
        .collect();
    let nps = Counts::from_histogram(&histograms[subject])
        .nps()
        .unwrap_or(f64::NAN);
    let level = Level::new(0.95).ok();
    let tier = level
        .and_then(|level| tiers(&counts, level).ok())
        .and_then(|tiers| tiers.get(subject).copied().flatten())
        .map(|t| t + 1);
    (nps, tier)
}

/// One line of the evaluation table: a scenario over several seeds.
#[derive(Clone, Debug)]
pub struct Row {
    pub scenario: String,
    pub outcomes: Vec<Outcome>,
}

impl Row {
    /// Injected answers held, the worst seed and over all seeds (percent).
    pub fn injected_held(&self) -> (f64, f64) {
        let shares: Vec<f64> = self
            .outcomes
            .iter()
            .filter(|o| o.injected > 0)
            .map(|o| 100.0 * o.injected_held as f64 / o.injected as f64)
            .collect();
        let total: usize = self.outcomes.iter().map(|o| o.injected).sum();
        let held: usize = self.outcomes.iter().map(|o| o.injected_held).sum();
        (
            shares.iter().copied().fold(f64::NAN, f64::min),
            100.0 * held as f64 / total.max(1) as f64,
        )
    }

    /// Honest answers held, the worst seed (percent).
    pub fn honest_held(&self) -> f64 {
        self.outcomes
            .iter()
            .map(|o| 100.0 * o.honest_held as f64 / o.honest.max(1) as f64)
            .fold(0.0, f64::max)
    }

    /// The watched subject's NPS moved by the attack: most, received and counted (points).
    pub fn nps_moved(&self) -> (f64, f64) {
        let most = |f: &dyn Fn(&Outcome) -> f64| {
            self.outcomes
                .iter()
                .map(|o| (f(o) - o.nps_honest).abs())
                .fold(0.0, f64::max)
        };
        (most(&|o| o.nps_received), most(&|o| o.nps_counted))
    }

    /// Seeds whose watched tier changed: received, counted.
    pub fn tiers_changed(&self) -> (usize, usize) {
        (
            self.outcomes
                .iter()
                .filter(|o| o.tier_received != o.tier_honest)
                .count(),
            self.outcomes
                .iter()
                .filter(|o| o.tier_counted != o.tier_honest)
                .count(),
        )
    }
}

/// The scenarios of issue 17 on one sector, each over `seeds`: honest traffic alone, each attack
/// profile adding `extra` (a share of the attacked subject's honest answers) for the subject in
/// the middle of the honest ranking, and thirty honest phones behind one address.
pub fn evaluate(model: &SectorModel, seeds: &[u64], extra: f64, settings: &Settings) -> Vec<Row> {
    let step_s = 1800;
    let mut rows: Vec<Row> = Vec::new();
    let mut push =
        |scenario: &str, outcome: Outcome| match rows.iter_mut().find(|r| r.scenario == scenario) {
            Some(row) => row.outcomes.push(outcome),
            None => rows.push(Row {
                scenario: scenario.to_string(),
                outcomes: vec![outcome],
            }),
        };
    for &seed in seeds {
        let base = honest(model, seed);
        let target = middle_subject(model, &base);
        push(
            "honest traffic only",
            run(&base, &[], target, settings, step_s),
        );
        let target_answers = base.iter().filter(|a| a.subject == target).count();
        let count = ((target_answers as f64) * extra).round() as usize;
        for profile in Profile::ALL {
            let injected = attack(profile, target, count, model.days, seed);
            push(
                profile.as_str(),
                run(&base, &injected, target, settings, step_s),
            );
        }
        let phones = shared_address(model, 30, None, seed);
        push(
            "30 phones, one address, any subject",
            run(&base, &phones, target, settings, step_s),
        );
        let phones = shared_address(model, 30, Some(target), seed);
        push(
            "30 phones, one address, one subject",
            run(&base, &phones, target, settings, step_s),
        );
    }
    rows
}

/// The subject ranked in the middle by honest NPS among those with the minimum n.
fn middle_subject(model: &SectorModel, answers: &[Answer]) -> usize {
    let mut ranked: Vec<(f64, usize)> = (0..model.subjects.len())
        .filter_map(|s| {
            let mut h = [0u64; 11];
            for a in answers.iter().filter(|a| a.subject == s) {
                h[usize::from(a.score.min(10))] += 1;
            }
            let counts = Counts::from_histogram(&h);
            (counts.n() >= MIN_N).then(|| (counts.nps().unwrap_or(0.0), s))
        })
        .collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
    ranked.get(ranked.len() / 2).map_or(0, |&(_, s)| s)
}

/// The table for BENCHMARKS.md.
pub fn markdown(rows: &[Row]) -> String {
    let mut out = String::from(
        "| scenario | seeds | injected held (worst seed / all) | honest held (worst seed) | NPS moved, received → counted (points, worst) | tier changed, received → counted (seeds) |\n\
         |---|---:|---:|---:|---:|---:|\n",
    );
    for row in rows {
        let (worst, all) = row.injected_held();
        let injected = if all.is_nan() || row.outcomes.iter().all(|o| o.injected == 0) {
            "–".to_string()
        } else {
            format!("{worst:.1} % / {all:.1} %")
        };
        let (received, counted) = row.nps_moved();
        let (tier_received, tier_counted) = row.tiers_changed();
        out.push_str(&format!(
            "| {} | {} | {injected} | {:.2} % ({} answers) | {received:.1} → {counted:.1} | {tier_received} → {tier_counted} |\n",
            row.scenario,
            row.outcomes.len(),
            row.honest_held(),
            row.outcomes.iter().map(|o| o.honest_held).max().unwrap_or(0),
        ));
    }
    out
}
