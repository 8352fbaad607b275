//! The detectors: pure functions from a survey's answers to suspect clusters.
//!
//! Each detector proposes groups of answers that arrived in larger numbers than the survey's own
//! traffic explains (a binomial tail against the subject's share elsewhere), then keeps a group
//! only when a second, independent sign agrees: its scores differ from the rest of the subject's
//! (a z-test on the NPS), or its completion times are machine-uniform. Two signs, not one, is what lets a
//! care home's thirty honest phones behind one address pass while a script does not:
//! - **burst**: a subject's arrivals in a time window against its share of all arrivals outside;
//! - **network**: one network's answers for a subject against that subject's share of all answers;
//! - **near-duplicate reasons**: a family of reasons edited from one template, concentrated on one
//!   subject beyond that subject's share of reasons in the same score band (one sign suffices:
//!   honest people do not write the same long sentence for the same brand).

use std::collections::{BTreeSet, HashMap};

use serde::Serialize;

use crate::reasons;
use crate::significance::{at_least, categories, shift, Categories};

/// One stored answer, as the detectors see it.
#[derive(Clone, Debug, Default)]
pub struct Answer {
    /// Seconds since any fixed epoch; only differences matter.
    pub at_s: i64,
    /// Index of the subject within the survey.
    pub subject: usize,
    pub score: u8,
    /// Keyed hash of the IPv4 /24 or IPv6 /64 it came from; `None` when unknown.
    pub network: Option<u64>,
    /// The respondent's first answer in the survey (no earlier cookie).
    pub fresh_identity: bool,
    /// Milliseconds from showing the form to sending it (forms only).
    pub completion_ms: Option<i64>,
    pub reason: Option<String>,
    /// Sent with a staff-issued credential (a kiosk key, an invitation): accountable by other
    /// means, never held by a detector.
    pub vouched: bool,
}

/// Which detector found a cluster.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Signal {
    Burst,
    Network,
    NearDuplicateReasons,
}

impl Signal {
    pub const ALL: [Signal; 3] = [Signal::Burst, Signal::Network, Signal::NearDuplicateReasons];

    pub fn as_str(self) -> &'static str {
        match self {
            Signal::Burst => "burst",
            Signal::Network => "network",
            Signal::NearDuplicateReasons => "near-duplicate-reasons",
        }
    }

    pub fn parse(text: &str) -> Option<Signal> {
        Signal::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

/// A group of answers a detector holds for review, with its evidence.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SuspectCluster {
    pub signal: Signal,
    pub subject: usize,
    /// First and last arrival among the members.
    pub from_s: i64,
    pub to_s: i64,
    /// Indices into the answers given to [`detect`], ascending.
    pub members: Vec<usize>,
    /// Distinct known networks among the members.
    pub networks: usize,
    /// Members over the number the rest of the traffic leads one to expect.
    pub excess: f64,
    /// Chance of this many answers or more, were the group like the rest of the traffic.
    pub p_value: f64,
    /// Chance of an NPS this far from the rest of the subject's, were they alike (z-test).
    pub shift_p: f64,
    /// The group's NPS minus the rest of the subject's, in points.
    pub nps_gap: f64,
    /// Completion times too alike to be people's.
    pub uniform_completion: bool,
    /// Members that were a respondent's first answer.
    pub fresh_share: f64,
}

/// Thresholds. The defaults are the ones measured in BENCHMARKS.md ("Integrity").
#[derive(Clone, Debug)]
pub struct Settings {
    /// A burst or network group smaller than this is never held.
    pub min_answers: usize,
    /// A family of near-duplicate reasons on one subject smaller than this is never held:
    /// four people do not write the same long sentence about one brand by chance.
    pub min_family: usize,
    /// Volume test for a network's answers to one subject.
    pub network_alpha: f64,
    /// Volume test for a time window (many windows are tried, hence stricter).
    pub burst_alpha: f64,
    /// Volume test for a family of near-duplicate reasons on one subject.
    pub reasons_alpha: f64,
    /// The second sign: scores unlike the rest, this unlikely by chance …
    pub shift_alpha: f64,
    /// … and this far apart, in NPS points: stuffing that matters moves a group's NPS a lot,
    /// while thirty honest people can differ from the rest by chance by 40 points or so.
    pub min_nps_gap: f64,
    /// Width of the time bins bursts are counted in.
    pub bin_s: i64,
    /// Window lengths tried, in bins.
    pub window_bins: Vec<usize>,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            min_answers: 6,
            min_family: 4,
            network_alpha: 1e-3,
            burst_alpha: 1e-6,
            reasons_alpha: 1e-4,
            shift_alpha: 2e-3,
            min_nps_gap: 50.0,
            bin_s: 600,
            window_bins: vec![1, 3, 6, 18, 36, 72, 144],
        }
    }
}

/// Finds the suspect clusters among `answers`, strongest first. An answer may appear in clusters
/// of several signals; the caller holds it with the first.
pub fn detect(answers: &[Answer], settings: &Settings) -> Vec<SuspectCluster> {
    let view = View::new(answers);
    let mut clusters = Vec::new();
    clusters.extend(network_clusters(&view, settings));
    clusters.extend(burst_clusters(&view, settings));
    clusters.extend(reason_clusters(&view, settings));
    clusters.sort_by(|a, b| {
        a.p_value
            .total_cmp(&b.p_value)
            .then(a.signal.cmp(&b.signal))
            .then(a.members.cmp(&b.members))
    });
    clusters
}

/// The answers with what every detector needs counted once.
struct View<'a> {
    answers: &'a [Answer],
    /// Answers the detectors may hold (not vouched), by index.
    open: Vec<usize>,
    subjects: usize,
    per_subject: Vec<u64>,
    categories_per_subject: Vec<Categories>,
}

impl<'a> View<'a> {
    fn new(answers: &'a [Answer]) -> View<'a> {
        let subjects = answers.iter().map(|a| a.subject + 1).max().unwrap_or(0);
        let mut per_subject = vec![0u64; subjects];
        let mut categories_per_subject = vec![[0u64; 3]; subjects];
        for answer in answers {
            per_subject[answer.subject] += 1;
            let c = categories([answer.score]);
            for (total, add) in categories_per_subject[answer.subject].iter_mut().zip(c) {
                *total += add;
            }
        }
        View {
            open: (0..answers.len())
                .filter(|&i| !answers[i].vouched)
                .collect(),
            answers,
            subjects,
            per_subject,
            categories_per_subject,
        }
    }

    fn total(&self) -> u64 {
        self.answers.len() as u64
    }

    /// The subject's scores outside `members` (which must all be the subject's).
    fn rest_of_subject(&self, subject: usize, members: &[usize]) -> Categories {
        let group = categories(members.iter().map(|&i| self.answers[i].score));
        let all = self.categories_per_subject[subject];
        [all[0] - group[0], all[1] - group[1], all[2] - group[2]]
    }

    /// The evidence of a group, before deciding whether it is held.
    fn cluster(
        &self,
        signal: Signal,
        subject: usize,
        members: Vec<usize>,
        expected: f64,
        p_value: f64,
    ) -> SuspectCluster {
        let group = categories(members.iter().map(|&i| self.answers[i].score));
        let rest = self.rest_of_subject(subject, &members);
        let (_, shift_p) = shift(group, rest);
        let nps = |c: Categories| {
            let n = c.iter().sum::<u64>().max(1) as f64;
            100.0 * (c[0] as f64 - c[2] as f64) / n
        };
        let times = members.iter().map(|&i| self.answers[i].at_s);
        let networks: BTreeSet<u64> = members
            .iter()
            .filter_map(|&i| self.answers[i].network)
            .collect();
        let fresh = members
            .iter()
            .filter(|&&i| self.answers[i].fresh_identity)
            .count();
        SuspectCluster {
            signal,
            subject,
            from_s: times.clone().min().unwrap_or(0),
            to_s: times.max().unwrap_or(0),
            networks: networks.len(),
            excess: (members.len() as f64 - expected).max(0.0),
            p_value,
            shift_p,
            nps_gap: nps(group) - nps(rest),
            uniform_completion: uniform_completion(
                members
                    .iter()
                    .filter_map(|&i| self.answers[i].completion_ms),
            ),
            fresh_share: fresh as f64 / members.len().max(1) as f64,
            members,
        }
    }
}

/// Completion times of six or more answers that vary less than people's ever do: the spread
/// of their logarithms under 0.15 (people's is around 0.6, and six of them come that close
/// about once in a hundred thousand groups).
fn uniform_completion(times: impl Iterator<Item = i64>) -> bool {
    let logs: Vec<f64> = times.map(|ms| (ms.max(1) as f64).ln()).collect();
    if logs.len() < 6 {
        return false;
    }
    let mean = logs.iter().sum::<f64>() / logs.len() as f64;
    let variance = logs.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (logs.len() - 1) as f64;
    variance.sqrt() < 0.15
}

fn second_sign(cluster: &SuspectCluster, settings: &Settings) -> bool {
    let shifted =
        cluster.shift_p < settings.shift_alpha && cluster.nps_gap.abs() >= settings.min_nps_gap;
    shifted || cluster.uniform_completion
}

/// One network's answers to one subject, far beyond the subject's share of all answers.
fn network_clusters(view: &View, settings: &Settings) -> Vec<SuspectCluster> {
    let mut by_network: HashMap<u64, Vec<usize>> = HashMap::new();
    for &i in &view.open {
        if let Some(network) = view.answers[i].network {
            by_network.entry(network).or_default().push(i);
        }
    }
    let mut clusters = Vec::new();
    for members in by_network.values() {
        let mut per_subject: Vec<Vec<usize>> = vec![Vec::new(); view.subjects];
        for &i in members {
            per_subject[view.answers[i].subject].push(i);
        }
        for (subject, group) in per_subject.into_iter().enumerate() {
            if group.len() < settings.min_answers {
                continue;
            }
            let share = view.per_subject[subject] as f64 / view.total() as f64;
            let n = members.len() as u64;
            let p = at_least(group.len() as u64, n, share);
            if p >= settings.network_alpha {
                continue;
            }
            let cluster = view.cluster(Signal::Network, subject, group, n as f64 * share, p);
            if second_sign(&cluster, settings) {
                clusters.push(cluster);
            }
        }
    }
    clusters
}

/// A subject's arrivals in a window against its share of arrivals outside the window. The most
/// surprising windows are taken first, and no two kept windows of a subject overlap.
fn burst_clusters(view: &View, settings: &Settings) -> Vec<SuspectCluster> {
    let answers = view.answers;
    let Some(start) = answers.iter().map(|a| a.at_s).min() else {
        return Vec::new();
    };
    let bin_of = |a: &Answer| ((a.at_s - start) / settings.bin_s.max(1)) as usize;
    let bins = answers.iter().map(bin_of).max().unwrap_or(0) + 1;
    // Prefix sums: arrivals of all subjects, and of each subject, before each bin.
    let mut all = vec![0u64; bins + 1];
    let mut per_subject = vec![vec![0u64; bins + 1]; view.subjects];
    for answer in answers {
        let b = bin_of(answer);
        all[b + 1] += 1;
        per_subject[answer.subject][b + 1] += 1;
    }
    for b in 0..bins {
        all[b + 1] += all[b];
        for counts in per_subject.iter_mut() {
            counts[b + 1] += counts[b];
        }
    }
    let total = view.total();
    let mut clusters = Vec::new();
    for (subject, counts) in per_subject.iter().enumerate() {
        let subject_total = view.per_subject[subject];
        // (p-value, first bin, end bin, expected)
        let mut windows: Vec<(f64, usize, usize, f64)> = Vec::new();
        for &length in &settings.window_bins {
            if length > bins {
                continue;
            }
            for first in 0..=bins - length {
                let end = first + length;
                let k = counts[end] - counts[first];
                if (k as usize) < settings.min_answers {
                    continue;
                }
                let n = all[end] - all[first];
                let (outside, outside_k) = (total - n, subject_total - k);
                if outside < 50 {
                    continue; // no history to compare with yet
                }
                let share = (outside_k as f64 + 0.5) / (outside as f64 + 1.0);
                let expected = n as f64 * share;
                if (k as f64) < 2.0 * expected + 3.0 {
                    continue;
                }
                let p = at_least(k, n, share);
                if p < settings.burst_alpha {
                    windows.push((p, first, end, expected));
                }
            }
        }
        windows.sort_by(|a, b| a.0.total_cmp(&b.0));
        // The most surprising window whose answers also show a second sign; a window that shows
        // none does not block a longer one around it that does.
        let mut taken: Vec<(usize, usize)> = Vec::new();
        for (p, first, end, expected) in windows {
            if taken.iter().any(|&(f, e)| first < e && f < end) {
                continue;
            }
            let members: Vec<usize> = view
                .open
                .iter()
                .copied()
                .filter(|&i| {
                    let b = bin_of(&answers[i]);
                    answers[i].subject == subject && b >= first && b < end
                })
                .collect();
            if members.len() < settings.min_answers {
                continue;
            }
            let cluster = view.cluster(Signal::Burst, subject, members, expected, p);
            if second_sign(&cluster, settings) {
                taken.push((first, end));
                clusters.push(cluster);
            }
        }
    }
    clusters
}

/// A family of near-duplicate reasons whose members crowd onto one subject.
fn reason_clusters(view: &View, settings: &Settings) -> Vec<SuspectCluster> {
    let answers = view.answers;
    let texts: Vec<Option<&str>> = view
        .open
        .iter()
        .map(|&i| answers[i].reason.as_deref())
        .collect();
    // Each subject's share of the answers with a reason, per score band (promoters write
    // alike about whoever they praise, so a family is compared within its band).
    let band = |score: u8| match score {
        9..=10 => 0,
        7..=8 => 1,
        _ => 2,
    };
    let mut with_reason = vec![vec![0u64; view.subjects]; 3];
    for &i in &view.open {
        if answers[i].reason.is_some() {
            with_reason[band(answers[i].score)][answers[i].subject] += 1;
        }
    }
    let mut clusters = Vec::new();
    for family in reasons::families(&texts) {
        let family: Vec<usize> = family.into_iter().map(|f| view.open[f]).collect();
        let mut per_band = [0usize; 3];
        for &i in &family {
            per_band[band(answers[i].score)] += 1;
        }
        let dominant = (0..3).max_by_key(|&b| per_band[b]).unwrap_or(0);
        let band_total: u64 = with_reason[dominant].iter().sum();
        let mut per_subject: HashMap<usize, Vec<usize>> = HashMap::new();
        for &i in &family {
            per_subject.entry(answers[i].subject).or_default().push(i);
        }
        for (subject, group) in per_subject {
            if group.len() < settings.min_family {
                continue;
            }
            let share = (with_reason[dominant][subject] as f64 + 0.5) / (band_total as f64 + 1.0);
            let n = family.len() as u64;
            let p = at_least(group.len() as u64, n, share);
            if p < settings.reasons_alpha {
                clusters.push(view.cluster(
                    Signal::NearDuplicateReasons,
                    subject,
                    group,
                    n as f64 * share,
                    p,
                ));
            }
        }
    }
    clusters
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A steady honest stream: `per_hour` answers an hour for `hours`, subjects in turn, each
    /// subject's scores cycling through an honest mix, each from its own network, a third with
    /// one of a few common reasons.
    fn honest(hours: i64, per_hour: i64, subjects: usize) -> Vec<Answer> {
        let mix = [10, 9, 8, 7, 6, 3, 10, 8, 9, 5];
        let reasons = [
            "医生很专业，服务态度也不错",
            "价格有点贵，但是效果还可以",
            "排队时间太长，前台态度一般",
            "环境干净，预约方便",
        ];
        (0..hours * per_hour)
            .map(|i| Answer {
                at_s: i * 3600 / per_hour,
                subject: i as usize % subjects,
                score: mix[(i as usize / subjects) % mix.len()],
                reason: (i % 3 == 0).then(|| reasons[(i as usize / 3) % reasons.len()].to_string()),
                network: Some(1_000 + i as u64),
                fresh_identity: true,
                completion_ms: Some(20_000 + (i % 7) * 4_000),
                ..Answer::default()
            })
            .collect()
    }

    #[test]
    fn honest_steady_traffic_raises_nothing() {
        assert!(detect(&honest(72, 20, 5), &Settings::default()).is_empty());
    }

    #[test]
    fn a_burst_of_tens_from_one_network_is_one_network_cluster() {
        let mut answers = honest(72, 20, 5);
        let first = answers.len();
        for k in 0..30 {
            answers.push(Answer {
                at_s: 40 * 3600 + k * 2,
                subject: 2,
                score: 10,
                network: Some(7),
                fresh_identity: true,
                completion_ms: Some(5_000),
                ..Answer::default()
            });
        }
        let clusters = detect(&answers, &Settings::default());
        let network = clusters
            .iter()
            .find(|c| c.signal == Signal::Network)
            .expect("a network cluster");
        assert_eq!(network.members, (first..first + 30).collect::<Vec<_>>());
        assert!(network.uniform_completion && network.shift_p < 1e-6);
        assert!(clusters.iter().any(|c| c.signal == Signal::Burst));
    }

    #[test]
    fn many_honest_phones_behind_one_address_are_not_held() {
        let mut answers = honest(72, 20, 5);
        let mix = [10, 9, 8, 7, 6, 3, 10, 8, 9, 5];
        for k in 0..30 {
            answers.push(Answer {
                at_s: 40 * 3600 + k * 120,
                subject: 2,
                score: mix[k as usize % mix.len()],
                network: Some(7),
                fresh_identity: true,
                completion_ms: Some(15_000 + k * 1_500),
                ..Answer::default()
            });
        }
        let clusters = detect(&answers, &Settings::default());
        assert!(clusters.is_empty(), "{clusters:?}");
    }

    #[test]
    fn a_template_with_small_edits_on_one_subject_is_a_reasons_cluster() {
        let mut answers = honest(72, 20, 5);
        let edits = ["", "非常", "真的", "特别", "很"];
        let first = answers.len();
        for k in 0..12 {
            answers.push(Answer {
                at_s: k * 5 * 3600,
                subject: 1,
                score: 8 + (k % 3) as u8,
                network: Some(50_000 + k as u64),
                reason: Some(format!(
                    "医生{}专业，环境干净整洁，价格合理，下次还来",
                    edits[k as usize % edits.len()]
                )),
                ..Answer::default()
            });
        }
        let clusters = detect(&answers, &Settings::default());
        let reasons = clusters
            .iter()
            .find(|c| c.signal == Signal::NearDuplicateReasons)
            .expect("a reasons cluster");
        assert_eq!(reasons.members, (first..first + 12).collect::<Vec<_>>());
    }

    #[test]
    fn vouched_answers_are_never_held() {
        let mut answers = honest(72, 20, 5);
        for k in 0..30 {
            answers.push(Answer {
                at_s: 40 * 3600 + k * 2,
                subject: 2,
                score: 10,
                network: Some(7),
                vouched: true,
                ..Answer::default()
            });
        }
        let clusters = detect(&answers, &Settings::default());
        assert!(clusters
            .iter()
            .all(|c| c.members.iter().all(|&i| !answers[i].vouched)));
    }
}
