//! Simulated traffic: honest respondents as the demo survey has them, and the attackers of
//! issue 17, as streams of [`Answer`]s in simulated time. The offline evaluation feeds these to
//! the detectors; the HTTP attack driver sends the same profiles to a running server.

use crate::detect::Answer;

/// A deterministic random source (SplitMix64): the same seed gives the same stream everywhere.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.unit() * n as f64) as usize % n.max(1)
    }

    /// Standard normal (Box–Muller).
    pub fn normal(&mut self) -> f64 {
        let u = self.unit().max(1e-12);
        let v = self.unit();
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * v).cos()
    }

    /// A Poisson-process gap with this mean.
    pub fn exponential(&mut self, mean: f64) -> f64 {
        -mean * (1.0 - self.unit()).max(1e-12).ln()
    }
}

/// One subject of a sector, as the demo seeds it.
#[derive(Clone, Debug)]
pub struct SubjectModel {
    /// Relative share of respondents who used it.
    pub popularity: f64,
    /// Added to the sector's mean score.
    pub shift: f64,
}

/// A sector's honest respondents: the demo's score distributions and reasons.
#[derive(Clone, Debug)]
pub struct SectorModel {
    pub mean: f64,
    pub spread: f64,
    pub subjects: Vec<SubjectModel>,
    pub respondents: u32,
    pub days: u32,
    /// Reasons people give, per band: promoters, passives, detractors.
    pub reasons: [Vec<String>; 3],
}

const DAY_S: i64 = 86_400;
/// Networks shared by many phones at once: carriers' NAT gateways.
const CARRIER_NETWORKS: u64 = 40;
const CARRIER_BASE: u64 = 1;
/// Offices, care homes, clinics' waiting-room Wi-Fi.
const SHARED_PLACES: u64 = 60;
const SHARED_BASE: u64 = 100;
const HOME_BASE: u64 = 1_000_000;
const ATTACKER_BASE: u64 = 9_000_000;

/// People answer by day: the share of a day's answers in each hour (China time).
const HOURLY: [f64; 24] = [
    0.3, 0.15, 0.1, 0.1, 0.1, 0.2, 0.5, 1.0, 1.6, 2.0, 2.2, 2.2, 2.0, 1.8, 1.8, 1.9, 2.0, 2.1, 2.3,
    2.6, 2.8, 2.5, 1.6, 0.8,
];

fn hour_of_day(rng: &mut Rng) -> i64 {
    let total: f64 = HOURLY.iter().sum();
    let mut target = rng.unit() * total;
    for (hour, weight) in HOURLY.iter().enumerate() {
        target -= weight;
        if target < 0.0 {
            return hour as i64;
        }
    }
    23
}

/// A time in the survey's `days`, shaped like people's days.
fn daytime(rng: &mut Rng, days: u32) -> i64 {
    let day = rng.below(days as usize) as i64;
    day * DAY_S + hour_of_day(rng) * 3600 + rng.below(3600) as i64
}

/// The demo's score draw: a rounded normal around the subject's mean, with the extra extremes
/// real NPS data shows.
pub fn honest_score(rng: &mut Rng, mean: f64, spread: f64) -> u8 {
    let extreme = rng.unit();
    if extreme < 0.05 {
        return 10;
    }
    if extreme < 0.08 {
        return 0;
    }
    (mean + spread * rng.normal()).round().clamp(0.0, 10.0) as u8
}

fn band(score: u8) -> usize {
    match score {
        9..=10 => 0,
        7..=8 => 1,
        _ => 2,
    }
}

/// Seconds people take from seeing the form to sending it: log-normal, median half a minute.
pub fn human_completion_ms(rng: &mut Rng) -> i64 {
    (30_000.0 * (0.6 * rng.normal()).exp()).clamp(6_000.0, 900_000.0) as i64
}

fn pick_weighted(rng: &mut Rng, weights: &[f64], count: usize) -> Vec<usize> {
    let mut remaining: Vec<(usize, f64)> = weights.iter().copied().enumerate().collect();
    let mut picked = Vec::with_capacity(count);
    while picked.len() < count && !remaining.is_empty() {
        let total: f64 = remaining.iter().map(|(_, w)| w).sum();
        let mut target = rng.unit() * total;
        let position = remaining
            .iter()
            .position(|(_, w)| {
                target -= w;
                target < 0.0
            })
            .unwrap_or(remaining.len() - 1);
        picked.push(remaining.remove(position).0);
    }
    picked
}

/// Where an honest phone is: mostly on a carrier's shared NAT, some at home, some on a shared
/// Wi-Fi.
fn honest_network(rng: &mut Rng, person: u64) -> u64 {
    match rng.unit() {
        u if u < 0.55 => CARRIER_BASE + rng.below(CARRIER_NETWORKS as usize) as u64,
        u if u < 0.90 => HOME_BASE + person,
        _ => SHARED_BASE + rng.below(SHARED_PLACES as usize) as u64,
    }
}

/// The answers of one honest person at `at_s` from `network`, to `subjects` (or one to three
/// picked by popularity).
fn person(
    model: &SectorModel,
    rng: &mut Rng,
    at_s: i64,
    network: u64,
    subjects: Option<Vec<usize>>,
) -> Vec<Answer> {
    let popularity: Vec<f64> = model.subjects.iter().map(|s| s.popularity).collect();
    let subjects = subjects.unwrap_or_else(|| {
        let how_many = match rng.unit() {
            u if u < 0.5 => 1,
            u if u < 0.85 => 2,
            _ => 3,
        };
        pick_weighted(rng, &popularity, how_many)
    });
    let completion = human_completion_ms(rng) * subjects.len() as i64;
    subjects
        .into_iter()
        .map(|subject| {
            let score = honest_score(
                rng,
                model.mean + model.subjects[subject].shift,
                model.spread,
            );
            let pool = &model.reasons[band(score)];
            let reason = (rng.unit() < 0.45 && !pool.is_empty())
                .then(|| pool[rng.below(pool.len())].clone());
            Answer {
                at_s,
                subject,
                score,
                network: Some(network),
                fresh_identity: true,
                completion_ms: Some(completion),
                reason,
                vouched: false,
            }
        })
        .collect()
}

/// The honest stream of a whole survey, in arrival order.
pub fn honest(model: &SectorModel, seed: u64) -> Vec<Answer> {
    let mut rng = Rng::new(seed);
    let mut answers = Vec::new();
    for respondent in 0..u64::from(model.respondents) {
        let at = daytime(&mut rng, model.days);
        let network = honest_network(&mut rng, respondent);
        answers.extend(person(model, &mut rng, at, network, None));
    }
    answers.sort_by_key(|a| a.at_s);
    answers
}

/// Thirty (or `phones`) honest phones behind one address within one hour: a care home's or an
/// office's Wi-Fi. With `subject`, all of them rate that one subject (their own care home).
pub fn shared_address(
    model: &SectorModel,
    phones: u32,
    subject: Option<usize>,
    seed: u64,
) -> Vec<Answer> {
    let mut rng = Rng::new(seed ^ 0x5348_4152_4544);
    let start = daytime(&mut rng, model.days);
    let network = ATTACKER_BASE - 1; // a network nobody else uses
    (0..phones)
        .flat_map(|_| {
            let at = start + rng.below(3600) as i64;
            person(model, &mut rng, at, network, subject.map(|s| vec![s]))
        })
        .collect()
}

/// How an attacker sends its answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Profile {
    /// One machine, one user agent, as fast as the form allows.
    Naive,
    /// One machine, a new user agent and no cookie for every answer.
    Rotating,
    /// Many networks (proxies), all within two hours.
    Distributed,
    /// Realistic dwell times over the whole survey, scores of 8–10, templated comments with
    /// small edits, from mobile proxies on the carriers' own networks.
    HumanPaced,
}

impl Profile {
    pub const ALL: [Profile; 4] = [
        Profile::Naive,
        Profile::Rotating,
        Profile::Distributed,
        Profile::HumanPaced,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Profile::Naive => "naive",
            Profile::Rotating => "rotating",
            Profile::Distributed => "distributed",
            Profile::HumanPaced => "human-paced",
        }
    }

    pub fn parse(text: &str) -> Option<Profile> {
        Profile::ALL.into_iter().find(|p| p.as_str() == text)
    }
}

/// Comments a paid writer starts from for a dental brand.
const TEMPLATES: [&str; 3] = [
    "医生技术很好，环境干净整洁，收费透明合理，强烈推荐给大家",
    "服务态度特别好，护士很耐心，预约也方便，以后还会再来",
    "整体体验非常满意，医生讲解清楚，价格公道，值得推荐",
];
const FILLERS: [&str; 6] = ["真的", "非常", "特别", "很", "超级", ""];

/// A template with the small edits that dodge an exact-match filter: a filler word swapped in,
/// a clause dropped, punctuation and spacing changed.
pub fn edited_comment(rng: &mut Rng) -> String {
    let template = TEMPLATES[rng.below(TEMPLATES.len())];
    let mut clauses: Vec<String> = template.split('，').map(str::to_string).collect();
    if clauses.len() > 3 && rng.unit() < 0.4 {
        clauses.remove(rng.below(clauses.len()));
    }
    let filler = FILLERS[rng.below(FILLERS.len())];
    if let Some(first) = clauses.first_mut() {
        for adverb in ["很", "特别", "非常"] {
            if let Some(at) = first.find(adverb) {
                first.replace_range(at..at + adverb.len(), filler);
                break;
            }
        }
    }
    let separator = ["，", "，", " ", "、", "。"][rng.below(5)];
    let ending = ["", "！", "!!", "～", "。"][rng.below(5)];
    format!("{}{ending}", clauses.join(separator))
}

/// An attacker's `count` answers for `subject` of a survey lasting `days`, as `profile` sends
/// them. Answers through forms carry the completion time the form token measures.
pub fn attack(profile: Profile, subject: usize, count: usize, days: u32, seed: u64) -> Vec<Answer> {
    let mut rng = Rng::new(seed ^ 0x4154_5441_434B);
    let start = (i64::from(days) / 2) * DAY_S + 10 * 3600 + rng.below(8 * 3600) as i64;
    let mut answers: Vec<Answer> = (0..count)
        .map(|k| {
            let k = k as i64;
            let mut answer = Answer {
                subject,
                score: 10,
                fresh_identity: true,
                ..Answer::default()
            };
            match profile {
                Profile::Naive => {
                    answer.at_s = start + k * 2;
                    answer.network = Some(ATTACKER_BASE + 1);
                    answer.completion_ms = Some(5_000);
                }
                Profile::Rotating => {
                    answer.at_s = start + k * 3;
                    answer.network = Some(ATTACKER_BASE + 2);
                    answer.completion_ms = Some(5_000 + rng.below(300) as i64);
                }
                Profile::Distributed => {
                    answer.at_s = start + rng.below(2 * 3600) as i64;
                    answer.network = Some(ATTACKER_BASE + 1_000 + rng.below(500) as u64);
                    answer.completion_ms = Some(5_000 + rng.below(15_000) as i64);
                    answer.score = if rng.unit() < 0.8 { 10 } else { 9 };
                }
                Profile::HumanPaced => {
                    answer.at_s = daytime(&mut rng, days);
                    answer.network =
                        Some(CARRIER_BASE + rng.below(CARRIER_NETWORKS as usize) as u64);
                    answer.completion_ms = Some(human_completion_ms(&mut rng));
                    answer.score = match rng.unit() {
                        u if u < 0.2 => 8,
                        u if u < 0.5 => 9,
                        _ => 10,
                    };
                    answer.reason = (rng.unit() < 0.9).then(|| edited_comment(&mut rng));
                }
            }
            answer
        })
        .collect();
    answers.sort_by_key(|a| a.at_s);
    answers
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edited_comments_differ_but_stay_near_their_template() {
        let mut rng = Rng::new(7);
        let comments: Vec<String> = (0..20).map(|_| edited_comment(&mut rng)).collect();
        let distinct: std::collections::BTreeSet<&String> = comments.iter().collect();
        assert!(distinct.len() > 10, "{comments:?}");
    }

    #[test]
    fn the_same_seed_gives_the_same_attack() {
        let a = attack(Profile::HumanPaced, 1, 50, 30, 3);
        let b = attack(Profile::HumanPaced, 1, 50, 30, 3);
        assert_eq!(a.len(), 50);
        assert!(a
            .iter()
            .zip(&b)
            .all(|(x, y)| x.at_s == y.at_s && x.reason == y.reason));
    }
}
