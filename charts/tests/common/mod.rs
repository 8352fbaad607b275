//! Sample data and ways to read a chart back.

#![allow(
    dead_code,
    reason = "each test file uses its own part; #[expect] would fail in the others"
)]

use koubei_charts::{DistributionRow, Ranked, RankingLabels, RankingRow};
use resvg::usvg::roxmltree::Document;

pub fn ranked(name: &str, n: u64, nps: f64, tier: usize) -> RankingRow {
    RankingRow {
        name: name.to_string(),
        n,
        result: Some(Ranked {
            nps,
            ci_low: (nps - 9.0).max(-100.0),
            ci_high: (nps + 9.0).min(100.0),
            tier,
        }),
    }
}

pub fn unranked(name: &str, n: u64) -> RankingRow {
    RankingRow {
        name: name.to_string(),
        n,
        result: None,
    }
}

/// A small sector in Chinese and English, with a name that needs escaping and two subjects
/// below the minimum n.
pub fn sector() -> Vec<RankingRow> {
    vec![
        ranked("康乐养老服务中心", 390, 43.6, 1),
        ranked("福田区颐年院", 336, 38.7, 1),
        ranked("A&B <Dental> \"Care\"", 310, 21.0, 2),
        ranked("Golden Years", 225, -2.2, 3),
        ranked("宝安区敬老院", 210, -38.1, 4),
        unranked("慈恩护理院", 12),
        unranked("Sunrise & Sons", 7),
    ]
}

pub fn fifty() -> Vec<RankingRow> {
    (0..50)
        .map(|i| {
            ranked(
                &format!("品牌{i:02} Brand"),
                200 + i,
                60.0 - 2.4 * i as f64,
                1 + i as usize / 8,
            )
        })
        .collect()
}

pub fn distribution() -> Vec<DistributionRow> {
    sector()
        .iter()
        .enumerate()
        .map(|(i, row)| DistributionRow {
            name: row.name.clone(),
            detractors: 20 + 7 * i as u64,
            passives: 30,
            promoters: 80 - 9 * i as u64,
        })
        .collect()
}

pub fn labels_zh() -> RankingLabels {
    RankingLabels {
        title: "2026年深圳市养老机构口碑排名".into(),
        subtitle: "净推荐值及95%置信区间".into(),
        axis: "净推荐值（NPS）".into(),
        tier: "第{n}梯队".into(),
        insufficient: "样本不足，未排名".into(),
    }
}

pub fn labels_en() -> RankingLabels {
    RankingLabels {
        title: "Elderly care, 2026".into(),
        subtitle: "NPS with 95% interval".into(),
        axis: "Net Promoter Score".into(),
        tier: "Tier {n}".into(),
        insufficient: "Too few responses to rank".into(),
    }
}

/// The text of every `<text>` element, decoded and trimmed; panics if the SVG is not
/// well-formed XML.
pub fn texts(svg: &str) -> Vec<String> {
    let document = Document::parse(svg).unwrap_or_else(|e| panic!("not well-formed: {e}\n{svg}"));
    document
        .descendants()
        .filter(|node| node.has_tag_name("text"))
        .map(|node| node.text().unwrap_or_default().trim().to_string())
        .collect()
}

/// How many elements named `tag` the SVG has.
pub fn count(svg: &str, tag: &str) -> usize {
    let document = Document::parse(svg).unwrap_or_else(|e| panic!("not well-formed: {e}"));
    document
        .descendants()
        .filter(|node| node.has_tag_name(tag))
        .count()
}

/// The fill of the first shape: the background.
pub fn background(svg: &str) -> String {
    let document = Document::parse(svg).unwrap_or_else(|e| panic!("not well-formed: {e}"));
    document
        .descendants()
        .find(|node| node.has_tag_name("rect"))
        .and_then(|node| node.attribute("fill"))
        .unwrap_or_default()
        .to_string()
}
