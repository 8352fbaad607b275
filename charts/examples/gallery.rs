//! Writes one of each chart, SVG and PNG, light and dark, in Chinese and English, to a
//! directory (default /tmp/charts-examples), to look at:
//! `cargo run -p koubei-charts --example gallery -- /tmp/charts-examples`.

use std::path::Path;

use koubei_charts::{
    distribution_svg, ranking_svg, svg_to_png, trend_svg, DistributionLabels, DistributionRow,
    Ranked, RankingLabels, RankingRow, Size, Theme, TrendLabels, TrendPoint, TrendSeries,
};

/// (name, promoters, passives, detractors, tier); tier 0 = insufficient sample.
const SUBJECTS: [(&str, u64, u64, u64, usize); 12] = [
    ("康乐养老服务中心", 231, 98, 61, 1),
    ("福田区颐年院", 188, 90, 58, 1),
    ("椿萱茂（深圳）", 150, 80, 57, 1),
    ("A&B <Dental> Care", 140, 95, 75, 2),
    ("南山区社会福利中心", 120, 88, 76, 2),
    ("幸福里长者之家", 98, 70, 72, 2),
    ("Golden Years Senior Living Co., Ltd.", 80, 60, 85, 3),
    ("龙岗颐康园", 60, 66, 98, 3),
    ("宝安区敬老院", 40, 50, 120, 4),
    ("慈恩护理院", 5, 3, 4, 0),
    ("Sunrise Care", 3, 2, 2, 0),
    ("罗湖区长青老年公寓", 6, 4, 1, 0),
];

fn estimate(p: u64, a: u64, d: u64) -> (f64, f64, f64) {
    let n = (p + a + d) as f64;
    let (pp, pd) = (p as f64 / n, d as f64 / n);
    let nps = 100.0 * (pp - pd);
    let var = pp + pd - (pp - pd).powi(2);
    let half = 196.0 * (var / n).sqrt();
    (nps, (nps - half).max(-100.0), (nps + half).min(100.0))
}

fn ranking_rows() -> Vec<RankingRow> {
    SUBJECTS
        .iter()
        .map(|&(name, p, a, d, tier)| {
            let (nps, ci_low, ci_high) = estimate(p, a, d);
            RankingRow {
                name: name.to_string(),
                n: p + a + d,
                result: (tier > 0).then_some(Ranked {
                    nps,
                    ci_low,
                    ci_high,
                    tier,
                }),
            }
        })
        .collect()
}

fn write(dir: &Path, name: &str, svg: &str) -> Result<(), Box<dyn std::error::Error>> {
    std::fs::write(dir.join(format!("{name}.svg")), svg)?;
    std::fs::write(dir.join(format!("{name}.png")), svg_to_png(svg)?)?;
    Ok(())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "/tmp/charts-examples".to_string());
    let dir = Path::new(&dir);
    std::fs::create_dir_all(dir)?;

    let zh = RankingLabels {
        title: "2026年深圳市养老机构口碑排名".into(),
        subtitle: "净推荐值及95%置信区间 · 调整Wald法 · 同一梯队内差异不显著".into(),
        axis: "净推荐值（NPS，−100 至 100）".into(),
        tier: "第{n}梯队".into(),
        insufficient: "样本不足，未排名".into(),
    };
    let en = RankingLabels {
        title: "Elderly care in Shenzhen, 2026: word-of-mouth ranking".into(),
        subtitle: "NPS with 95% interval · adjusted Wald · no significant difference within a tier"
            .into(),
        axis: "Net Promoter Score (−100 to 100)".into(),
        tier: "Tier {n}".into(),
        insufficient: "Too few responses to rank".into(),
    };
    let rows = ranking_rows();
    let size = Size::auto_height(900);
    write(
        dir,
        "ranking-zh-light",
        &ranking_svg(&rows, &zh, size, Theme::Light)?,
    )?;
    write(
        dir,
        "ranking-zh-dark",
        &ranking_svg(&rows, &zh, size, Theme::Dark)?,
    )?;
    write(
        dir,
        "ranking-en-light",
        &ranking_svg(&rows, &en, size, Theme::Light)?,
    )?;
    write(
        dir,
        "ranking-zh-narrow",
        &ranking_svg(&rows, &zh, Size::auto_height(360), Theme::Light)?,
    )?;

    let many: Vec<RankingRow> = (0..50u64)
        .map(|i| {
            let nps = 62.0 - 2.5 * i as f64;
            let half = 14.0 - 0.1 * i as f64;
            RankingRow {
                name: format!("深圳市第{}社区养老服务站", i + 1),
                n: 120 + 9 * i,
                result: (i % 12 != 11).then_some(Ranked {
                    nps,
                    ci_low: nps - half,
                    ci_high: nps + half,
                    tier: 1 + i as usize / 7,
                }),
            }
        })
        .collect();
    write(
        dir,
        "ranking-zh-50",
        &ranking_svg(&many, &zh, size, Theme::Light)?,
    )?;

    let distribution: Vec<DistributionRow> = SUBJECTS
        .iter()
        .map(|&(name, p, a, d, _)| DistributionRow {
            name: name.to_string(),
            detractors: d,
            passives: a,
            promoters: p,
        })
        .collect();
    let labels = DistributionLabels {
        title: "推荐者、被动者与贬损者占比".into(),
        subtitle: "2026年深圳市养老机构 · 每行合计100%".into(),
        detractors: "贬损者（0–6分）".into(),
        passives: "被动者（7–8分）".into(),
        promoters: "推荐者（9–10分）".into(),
    };
    write(
        dir,
        "distribution-zh-light",
        &distribution_svg(&distribution, &labels, size, Theme::Light)?,
    )?;
    write(
        dir,
        "distribution-zh-dark",
        &distribution_svg(&distribution, &labels, size, Theme::Dark)?,
    )?;

    let waves: Vec<String> = ["2023", "2024", "2025", "2026"].map(String::from).to_vec();
    let point = |nps: f64, half: f64, significant: bool| {
        Some(TrendPoint {
            nps,
            ci_low: nps - half,
            ci_high: nps + half,
            significant_change: significant,
        })
    };
    let series = vec![
        TrendSeries {
            name: "康乐养老服务中心".into(),
            points: vec![
                point(22.0, 9.0, false),
                point(28.0, 8.0, false),
                point(35.0, 7.0, false),
                point(43.0, 6.5, true),
            ],
        },
        TrendSeries {
            name: "福田区颐年院".into(),
            points: vec![
                point(30.0, 10.0, false),
                point(31.0, 9.0, false),
                None,
                point(38.0, 8.0, false),
            ],
        },
        TrendSeries {
            name: "A&B <Dental> Care".into(),
            points: vec![
                None,
                point(5.0, 12.0, false),
                point(20.0, 9.0, true),
                point(21.0, 8.0, false),
            ],
        },
        TrendSeries {
            name: "宝安区敬老院".into(),
            points: vec![
                point(-2.0, 11.0, false),
                point(-10.0, 10.0, false),
                point(-25.0, 8.0, true),
                point(-38.0, 8.0, false),
            ],
        },
        TrendSeries {
            name: "龙岗颐康园".into(),
            points: vec![
                point(-5.0, 14.0, false),
                point(-8.0, 12.0, false),
                point(-12.0, 11.0, false),
                point(-17.0, 9.0, false),
            ],
        },
    ];
    let labels = TrendLabels {
        title: "养老机构净推荐值趋势".into(),
        subtitle: "深圳市 · 2023–2026年各期调查 · 阴影为95%置信区间".into(),
        axis: "净推荐值（NPS）".into(),
        significant: "较上期变化显著".into(),
    };
    write(
        dir,
        "trend-zh-light",
        &trend_svg(&waves, &series, &labels, size, Theme::Light)?,
    )?;
    write(
        dir,
        "trend-zh-dark",
        &trend_svg(&waves, &series, &labels, size, Theme::Dark)?,
    )?;
    println!("wrote the gallery to {}", dir.display());
    Ok(())
}
