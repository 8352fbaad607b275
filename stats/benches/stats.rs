//! `cargo bench -p koubei-stats`: one interval per method, the 10,000-resample bootstrap, rank
//! probabilities for 50 subjects × 10,000 draws, and raking 100,000 answers over two questions
//! (5 age bands, 12 districts). Results go to BENCHMARKS.md.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use koubei_stats::{
    interval, rake, rank_probabilities, BayesPrior, Counts, IntervalOptions, Level, Method,
    RakingOptions,
};

fn intervals(c: &mut Criterion) {
    let counts = Counts::new(412, 301, 187);
    let options = IntervalOptions::default();
    for method in Method::ALL {
        c.bench_function(&format!("interval/{method} (n=900)"), |b| {
            b.iter(|| interval(black_box(counts), method, Level::default(), &options))
        });
    }
    let large = Counts::new(4_000_000, 3_000_000, 3_000_000);
    c.bench_function("interval/bootstrap 10k resamples (n=10M)", |b| {
        b.iter(|| {
            interval(
                black_box(large),
                Method::Bootstrap,
                Level::default(),
                &options,
            )
        })
    });
}

fn ranks(c: &mut Criterion) {
    let subjects: Vec<Counts> = (0..50u64)
        .map(|i| Counts::new(200 + 3 * i, 150, 250 - 2 * i))
        .collect();
    let mut group = c.benchmark_group("ranking");
    group.sample_size(10);
    group.bench_function("rank probabilities 50 subjects × 10k draws", |b| {
        b.iter(|| {
            rank_probabilities(
                black_box(&subjects),
                10_000,
                1,
                BayesPrior::default(),
                Level::default(),
            )
        })
    });
    group.finish();
}

/// A young, central sample raked to census-like shares: what publishing a weighted survey of
/// 100,000 counted answers costs.
fn raking(c: &mut Criterion) {
    // Districts drawn (by a multiplicative hash) from shares near the city's, as the demo's are;
    // one answer in 17 skips the district. `stats/bench/numpy_raking.py` builds the same units.
    let sample = [
        0.16, 0.09, 0.20, 0.02, 0.18, 0.13, 0.11, 0.02, 0.04, 0.01, 0.005, 0.035,
    ];
    let cumulative: Vec<f64> = sample
        .iter()
        .scan(0.0, |sum, share| {
            *sum += share;
            Some(*sum)
        })
        .collect();
    let units: Vec<Vec<Option<usize>>> = (0..100_000u64)
        .map(|i| {
            let age = [0, 1, 1, 1, 2, 2, 2, 3, 3, 4][(i % 10) as usize];
            let u = (((i * 2_654_435_761) % (1 << 32)) >> 8) as f64 / f64::from(1u32 << 24);
            let district = cumulative.iter().position(|c| u < *c).unwrap_or(11);
            vec![Some(age), (i % 17 != 0).then_some(district)]
        })
        .collect();
    let targets = vec![
        vec![0.04, 0.24, 0.34, 0.22, 0.16],
        vec![
            0.084, 0.062, 0.097, 0.011, 0.242, 0.215, 0.137, 0.030, 0.060, 0.009, 0.003, 0.050,
        ],
    ];
    let mut group = c.benchmark_group("raking");
    group.sample_size(10);
    group.bench_function("rake 100k answers, 2 questions, cap 5", |b| {
        b.iter(|| rake(black_box(&units), &targets, RakingOptions::default()))
    });
    group.finish();
}

criterion_group!(benches, intervals, ranks, raking);
criterion_main!(benches);
