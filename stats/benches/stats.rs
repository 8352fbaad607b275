//! `cargo bench -p koubei-stats`: one interval per method, the 10,000-resample bootstrap, and
//! rank probabilities for 50 subjects × 10,000 draws. Results go to BENCHMARKS.md.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use koubei_stats::{
    interval, rank_probabilities, BayesPrior, Counts, IntervalOptions, Level, Method,
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

criterion_group!(benches, intervals, ranks);
criterion_main!(benches);
