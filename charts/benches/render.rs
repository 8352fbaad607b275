//! `cargo bench -p koubei-charts`: a 50-subject ranking as SVG and as PNG, and a 50-subject
//! distribution as SVG. The PNG includes shaping the Chinese text with the system fonts (loaded
//! once, before timing).

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use koubei_charts::{
    distribution_svg, preload_fonts, ranking_svg, svg_to_png, DistributionLabels, DistributionRow,
    Ranked, RankingLabels, RankingRow, Size, Theme,
};

fn rows() -> Vec<RankingRow> {
    (0..50u64)
        .map(|i| {
            let nps = 60.0 - 2.4 * i as f64;
            RankingRow {
                name: format!("深圳市第{i}养老服务中心"),
                n: 150 + 7 * i,
                result: (i % 10 != 9).then_some(Ranked {
                    nps,
                    ci_low: nps - 9.5,
                    ci_high: nps + 9.5,
                    tier: 1 + i as usize / 6,
                }),
            }
        })
        .collect()
}

fn labels() -> RankingLabels {
    RankingLabels {
        title: "2026年深圳市养老机构口碑排名".into(),
        subtitle: "净推荐值及95%置信区间 · 调整Wald法".into(),
        axis: "净推荐值（NPS）".into(),
        tier: "第{n}梯队".into(),
        insufficient: "样本不足，未排名".into(),
    }
}

fn ranking(c: &mut Criterion) {
    let rows = rows();
    let labels = labels();
    let size = Size::auto_height(900);
    c.bench_function("ranking svg, 50 subjects", |b| {
        b.iter(|| ranking_svg(black_box(&rows), &labels, size, Theme::Light))
    });
    let faces = preload_fonts();
    assert!(faces > 0, "no fonts found");
    let svg = ranking_svg(&rows, &labels, size, Theme::Light).expect("a chart");
    let mut group = c.benchmark_group("png");
    group.sample_size(20);
    group.bench_function("ranking svg → png, 50 subjects (900 px wide)", |b| {
        b.iter(|| svg_to_png(black_box(&svg)))
    });
    group.bench_function("ranking svg + png, 50 subjects (900 px wide)", |b| {
        b.iter(|| {
            ranking_svg(black_box(&rows), &labels, size, Theme::Light)
                .and_then(|svg| svg_to_png(&svg))
        })
    });
    group.finish();
}

fn distribution(c: &mut Criterion) {
    let rows: Vec<DistributionRow> = (0..50u64)
        .map(|i| DistributionRow {
            name: format!("深圳市第{i}养老服务中心"),
            detractors: 40 + i,
            passives: 60,
            promoters: 120 - i,
        })
        .collect();
    let labels = DistributionLabels {
        title: "推荐者、被动者与贬损者占比".into(),
        subtitle: "2026".into(),
        detractors: "贬损者".into(),
        passives: "被动者".into(),
        promoters: "推荐者".into(),
    };
    c.bench_function("distribution svg, 50 subjects", |b| {
        b.iter(|| {
            distribution_svg(
                black_box(&rows),
                &labels,
                Size::auto_height(900),
                Theme::Light,
            )
        })
    });
}

criterion_group!(benches, ranking, distribution);
criterion_main!(benches);
