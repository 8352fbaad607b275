//! Percentile bootstrap. Resampling n responses with replacement is the same as drawing the
//! three counts from a multinomial, done here as two binomial draws — so the cost depends on the
//! number of resamples, not on n.

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Binomial, Distribution};

use crate::{Counts, Level, StatsError};

pub fn bootstrap(
    counts: Counts,
    level: Level,
    resamples: u32,
    seed: u64,
) -> Result<(f64, f64), StatsError> {
    if resamples == 0 {
        return Err(StatsError::NoDraws);
    }
    let n = counts.n();
    let p = counts.promoters as f64 / n as f64;
    let d = counts.detractors as f64 / n as f64;
    // Detractor share among those who are not promoters.
    let d_given_not_p = if p < 1.0 {
        (d / (1.0 - p)).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let promoters = binomial(n, p);
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut estimates: Vec<f64> = (0..resamples)
        .map(|_| {
            let drawn_promoters = promoters.sample(&mut rng);
            let rest = n - drawn_promoters;
            let drawn_detractors = if rest == 0 {
                0
            } else {
                binomial(rest, d_given_not_p).sample(&mut rng)
            };
            (drawn_promoters as f64 - drawn_detractors as f64) / n as f64
        })
        .collect();
    estimates.sort_by(f64::total_cmp);
    let tail = (1.0 - level.value()) / 2.0;
    Ok((quantile(&estimates, tail), quantile(&estimates, 1.0 - tail)))
}

fn binomial(n: u64, p: f64) -> Binomial {
    Binomial::new(n, p.clamp(0.0, 1.0)).unwrap_or_else(|_| unreachable!("p is clamped to [0, 1]"))
}

/// Sample quantile of sorted data with linear interpolation (Hyndman & Fan type 7, numpy's default).
pub fn quantile(sorted: &[f64], q: f64) -> f64 {
    let position = q * (sorted.len() - 1) as f64;
    let below = position.floor() as usize;
    let above = (below + 1).min(sorted.len() - 1);
    let fraction = position - below as f64;
    sorted[below] + fraction * (sorted[above] - sorted[below])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_interval_and_another_seed_differs_a_little() {
        // Large n, so resampled NPS values are nearly continuous and seeds show.
        let counts = Counts::new(412_000, 301_000, 287_000);
        let level = Level::default();
        let first = bootstrap(counts, level, 10_000, 7).unwrap();
        assert_eq!(first, bootstrap(counts, level, 10_000, 7).unwrap());
        let other = bootstrap(counts, level, 10_000, 8).unwrap();
        assert_ne!(first, other);
        assert!((first.0 - other.0).abs() < 0.01 && (first.1 - other.1).abs() < 0.01);
    }

    #[test]
    fn quantiles_interpolate_like_numpy() {
        let data = [1.0, 2.0, 3.0, 4.0];
        assert_eq!(quantile(&data, 0.0), 1.0);
        assert_eq!(quantile(&data, 1.0), 4.0);
        assert!((quantile(&data, 0.5) - 2.5).abs() < 1e-15);
        assert!((quantile(&data, 0.25) - 1.75).abs() < 1e-15);
    }

    #[test]
    fn unanimous_samples_resample_to_themselves() {
        let (low, high) = bootstrap(Counts::new(10, 0, 0), Level::default(), 100, 1).unwrap();
        assert_eq!((low, high), (1.0, 1.0));
    }
}
