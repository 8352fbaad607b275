//! Synthetic responses from a fixed seed: the same demo data on every machine and every run.

use super::catalog::{Reasons, SectorSeed};

/// Small, fast, well-mixed generator (SplitMix64). Written out here rather than taken from a
/// crate so the demo data can never change under a dependency upgrade.
pub struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> SplitMix64 {
        SplitMix64(seed)
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

    /// Uniform in 0..n (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.unit() * n as f64) as usize % n.max(1)
    }

    /// Standard normal (Box–Muller).
    pub fn normal(&mut self) -> f64 {
        let u1 = self.unit().max(f64::MIN_POSITIVE);
        let u2 = self.unit();
        (-2.0 * u1.ln()).sqrt() * (std::f64::consts::TAU * u2).cos()
    }
}

/// One synthetic answer, before it is given ids and timestamps.
#[derive(Clone, Debug, PartialEq)]
pub struct DemoResponse {
    pub subject: usize,
    pub respondent: u32,
    pub score: i64,
    pub lang: &'static str,
    pub reason: Option<&'static str>,
    /// How long before the seeding time the answer was given.
    pub seconds_ago: i64,
    /// The respondent's profile answers (`None`: skipped the question), copied onto each of
    /// their answers as a real submission does.
    pub age_band: Option<&'static str>,
    pub district: Option<usize>,
}

/// The age bands as an online sample gives them: few over 60 (census shares are in the
/// catalog's `AGE_TARGETS`), so weighting visibly moves the results.
const SAMPLE_AGE_SHARES: [f64; 5] = [0.03, 0.42, 0.33, 0.15, 0.07];
/// Districts as the sample gives them: the city centre answers online more.
const SAMPLE_DISTRICT_SHARES: [f64; 12] = [
    0.16, 0.09, 0.20, 0.02, 0.18, 0.13, 0.11, 0.02, 0.04, 0.01, 0.005, 0.035,
];
/// Shares of respondents who skip each profile question.
const SKIPS_AGE: f64 = 0.04;
const SKIPS_DISTRICT: f64 = 0.06;

/// The answers of a sector's respondents. Each respondent rates one to three subjects, picked
/// by popularity, and gives a score drawn around the subject's own mean.
pub fn generate(sector: &SectorSeed) -> Vec<DemoResponse> {
    generate_wave(sector, sector.slug, sector.respondents)
}

/// One wave's responses: `wave` seeds the draw, so each wave has its own (repeatable) data.
pub fn generate_wave(sector: &SectorSeed, wave: &str, respondents: u32) -> Vec<DemoResponse> {
    let mut rng = SplitMix64::new(seed_for(wave));
    let popularity: Vec<f64> = sector.subjects.iter().map(|s| s.popularity).collect();
    let mut responses = Vec::new();
    for respondent in 0..respondents {
        let lang = if rng.unit() < 0.85 { "zh-CN" } else { "en" };
        let how_many = match rng.unit() {
            u if u < 0.5 => 1,
            u if u < 0.85 => 2,
            _ => 3,
        };
        let seconds_ago = (rng.unit() * 30.0 * 86_400.0) as i64;
        for subject in pick_weighted(&mut rng, &popularity, how_many) {
            let score = draw_score(
                &mut rng,
                sector.mean + sector.subjects[subject].shift,
                sector.spread,
            );
            let reason = (rng.unit() < 0.45)
                .then(|| pick_reason(&mut rng, &sector.reasons, score, lang, subject));
            responses.push(DemoResponse {
                subject,
                respondent,
                score,
                lang,
                reason,
                seconds_ago: seconds_ago + respondent as i64 % 60,
                age_band: None,
                district: None,
            });
        }
    }
    add_profiles(&mut responses, wave);
    responses
}

/// Draws each respondent's profile from its own stream (so the scores stay as they were) and
/// ties age to taste: older respondents score the even-numbered subjects higher and the odd
/// ones lower than younger ones do, so weighting toward the old moves subjects apart.
fn add_profiles(responses: &mut [DemoResponse], wave: &str) {
    let mut rng = SplitMix64::new(seed_for(wave) ^ 0x5052_4F46_494C_4521); // "PROFILE!"
    let mut start = 0;
    while start < responses.len() {
        let respondent = responses[start].respondent;
        let end = responses[start..]
            .iter()
            .position(|r| r.respondent != respondent)
            .map_or(responses.len(), |p| start + p);
        let taste: f64 = responses[start..end]
            .iter()
            .map(|r| {
                let liking = (r.score as f64 - 7.0) / 3.0;
                if r.subject % 2 == 0 {
                    liking
                } else {
                    -liking
                }
            })
            .sum::<f64>()
            / (end - start) as f64;
        // Taste moves weight from the young bands to the old ones (and back when negative).
        let tilt = (0.6 * taste).clamp(-0.6, 0.6);
        let shares: Vec<f64> = SAMPLE_AGE_SHARES
            .iter()
            .enumerate()
            .map(|(band, share)| share * (1.0 + tilt * (band as f64 - 2.0)).max(0.05))
            .collect();
        let age_band = (rng.unit() >= SKIPS_AGE).then(|| {
            domain::answers::AgeBand::ALL[pick_weighted(&mut rng, &shares, 1)[0]].as_str()
        });
        let district = (rng.unit() >= SKIPS_DISTRICT)
            .then(|| pick_weighted(&mut rng, &SAMPLE_DISTRICT_SHARES, 1)[0]);
        for response in &mut responses[start..end] {
            response.age_band = age_band;
            response.district = district;
        }
        start = end;
    }
}

/// A per-sector seed: fixed, but different for each sector.
fn seed_for(slug: &str) -> u64 {
    // FNV-1a of the slug, mixed with the project's fixed demo seed.
    let hash = slug.bytes().fold(0xCBF2_9CE4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01B3)
    });
    hash ^ 0x4B4F_5542_4549_2026 // "KOUBEI" 2026
}

/// Up to `count` distinct indices, each drawn with probability proportional to its weight.
fn pick_weighted(rng: &mut SplitMix64, weights: &[f64], count: usize) -> Vec<usize> {
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

/// A 0–10 score: a rounded normal around the mean, with the extra extremes real NPS data shows.
fn draw_score(rng: &mut SplitMix64, mean: f64, spread: f64) -> i64 {
    let extreme = rng.unit();
    if extreme < 0.05 {
        return 10;
    }
    if extreme < 0.08 {
        return 0;
    }
    (mean + spread * rng.normal()).round().clamp(0.0, 10.0) as i64
}

/// A reason from the pool of the score's group. Each subject hears one reason of every pool
/// more often (its `favourite`, by index), so subjects differ in what people say of them; the
/// draw is still one number, so the scores after it stay as they were.
fn pick_reason(
    rng: &mut SplitMix64,
    reasons: &Reasons,
    score: i64,
    lang: &str,
    favourite: usize,
) -> &'static str {
    let (zh, en) = match score {
        9..=10 => reasons.promoter,
        7..=8 => reasons.passive,
        _ => reasons.detractor,
    };
    let pool = if lang == "en" { en } else { zh };
    let drawn = rng.below(pool.len() + 1);
    pool[if drawn == pool.len() {
        favourite % pool.len()
    } else {
        drawn
    }]
}

#[cfg(test)]
mod tests {
    use super::super::catalog::SECTORS;
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_data() {
        let first = generate(&SECTORS[0]);
        let second = generate(&SECTORS[0]);
        assert_eq!(first, second);
    }

    #[test]
    fn each_sector_has_a_few_thousand_valid_responses() {
        for sector in SECTORS {
            let responses = generate(sector);
            assert!(
                (2_000..=6_000).contains(&responses.len()),
                "{}: {} responses",
                sector.slug,
                responses.len()
            );
            assert!(responses.iter().all(|r| (0..=10).contains(&r.score)));
            assert!(responses
                .iter()
                .all(|r| r.reason.is_none_or(|t| t.chars().count() <= 1000)));
        }
    }

    #[test]
    fn a_respondent_rates_each_subject_at_most_once() {
        for sector in SECTORS {
            let mut seen = std::collections::HashSet::new();
            for response in generate(sector) {
                assert!(seen.insert((response.respondent, response.subject)));
            }
        }
    }

    #[test]
    fn sectors_differ_in_their_score_distributions() {
        let mean = |responses: &[DemoResponse]| {
            responses.iter().map(|r| r.score as f64).sum::<f64>() / responses.len() as f64
        };
        let means: Vec<f64> = SECTORS.iter().map(|s| mean(&generate(s))).collect();
        let spread = means.iter().cloned().fold(f64::MIN, f64::max)
            - means.iter().cloned().fold(f64::MAX, f64::min);
        assert!(spread > 0.8, "sector means too alike: {means:?}");
    }

    #[test]
    fn every_sector_has_one_subject_too_small_to_rank_and_the_rest_well_sampled() {
        for sector in SECTORS {
            let responses = generate(sector);
            let mut counts = vec![0usize; sector.subjects.len()];
            for response in &responses {
                counts[response.subject] += 1;
            }
            let small = counts.iter().filter(|&&n| n < 50).count();
            let ample = counts.iter().filter(|&&n| n >= 100).count();
            assert_eq!(small, 1, "{}: {counts:?}", sector.slug);
            assert_eq!(ample, counts.len() - 1, "{}: {counts:?}", sector.slug);
        }
    }

    #[test]
    fn the_sample_is_young_and_older_respondents_like_even_subjects() {
        let responses = generate(&SECTORS[0]);
        let share = |band: &str| {
            responses
                .iter()
                .filter(|r| r.age_band == Some(band))
                .count() as f64
                / responses.len() as f64
        };
        assert!(share("60-plus") < 0.12 && share("18-29") > 0.3);
        let mean = |old: bool, even: bool| {
            let scores: Vec<f64> = responses
                .iter()
                .filter(|r| r.age_band.is_some_and(|b| (b == "60-plus") == old))
                .filter(|r| (r.subject % 2 == 0) == even)
                .map(|r| r.score as f64)
                .collect();
            scores.iter().sum::<f64>() / scores.len() as f64
        };
        assert!(mean(true, true) - mean(false, true) > mean(true, false) - mean(false, false));
        assert!(responses.iter().any(|r| r.age_band.is_none()));
        assert!(responses.iter().any(|r| r.district.is_none()));
    }

    #[test]
    fn weighted_picks_are_distinct() {
        let mut rng = SplitMix64::new(7);
        for _ in 0..1000 {
            let mut picked = pick_weighted(&mut rng, &[1.0, 0.5, 0.1], 3);
            picked.sort_unstable();
            assert_eq!(picked, vec![0, 1, 2]);
        }
    }
}
