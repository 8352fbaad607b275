//! The demo's theme lexicons (one per sector, what a council would start from) and the quotes
//! staff "picked" for the published wave, so the console and the public page show themes and
//! quotes right after `make run`.

use koubei_core::db::DatabaseError;
use koubei_core::themes::lexicon::{self, Theme};
use koubei_core::themes::quotes::{check_pick, list, StoredQuote};
use koubei_core::themes::reading::read_survey;
use sqlx::AnyConnection;

/// (key, 中文名, English name, words).
type ThemeSeed = (
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
);

const PRICE: ThemeSeed = (
    "price",
    "价格收费",
    "Price and fees",
    &[
        "价格",
        "价钱",
        "收费",
        "费用",
        "贵",
        "便宜",
        "性价比",
        "加钱",
        "报价",
        "划算",
        "实惠",
        "涨价",
        "price",
        "prices",
        "pricey",
        "expensive",
        "cheap",
        "fee",
        "fees",
        "bill",
        "quote",
        "value",
    ],
);
const ATTITUDE: ThemeSeed = (
    "attitude",
    "服务态度",
    "Staff attitude",
    &[
        "态度",
        "热情",
        "耐心",
        "冷漠",
        "不耐烦",
        "客气",
        "友好",
        "细心",
        "friendly",
        "rude",
        "patient",
        "kind",
        "attitude",
    ],
);
const WAITING: ThemeSeed = (
    "waiting",
    "排队等候",
    "Waiting",
    &[
        "排队", "等", "等待", "预约", "准时", "效率", "慢", "queue", "queues", "wait", "waiting",
        "on time", "quick", "slow",
    ],
);
const UPSELLING: ThemeSeed = (
    "upselling",
    "推销",
    "Upselling",
    &["推销", "加项", "upselling", "upsell"],
);

const ELDERLY_CARE: &[ThemeSeed] = &[
    (
        "care",
        "护理质量",
        "Quality of care",
        &[
            "护理",
            "护理员",
            "护工",
            "护士",
            "照顾",
            "压疮",
            "照护",
            "carers",
            "care",
            "neglectful",
        ],
    ),
    (
        "food",
        "饮食",
        "Food",
        &["饭菜", "伙食", "可口", "饭", "菜", "营养", "food", "meals"],
    ),
    (
        "activities",
        "文娱活动",
        "Activities",
        &["活动", "娱乐", "activities"],
    ),
    (
        "medical",
        "医疗响应",
        "Medical response",
        &["医护", "响应", "看病", "medical", "doctor"],
    ),
    PRICE,
    (
        "complaints",
        "投诉处理",
        "Complaints",
        &["投诉", "回复", "反馈", "complaints", "answered"],
    ),
    ("beds", "床位", "Beds", &["床位", "排队", "beds"]),
    (
        "staffing",
        "人员稳定",
        "Staff turnover",
        &["流动", "换人", "changing", "turnover"],
    ),
    ATTITUDE,
];

const DENTAL: &[ThemeSeed] = &[
    (
        "skill",
        "医疗技术",
        "Clinical skill",
        &[
            "技术",
            "拔牙",
            "补",
            "补牙",
            "种植",
            "效果",
            "疼",
            "掉",
            "painless",
            "treatment",
            "filling",
            "work",
        ],
    ),
    PRICE,
    UPSELLING,
    WAITING,
    ATTITUDE,
    (
        "location",
        "位置交通",
        "Location",
        &["远", "近", "交通", "停车", "far", "parking"],
    ),
];

const MEALS: &[ThemeSeed] = &[
    (
        "taste",
        "口味",
        "Taste",
        &[
            "味道",
            "口味",
            "咸",
            "好吃",
            "可口",
            "tastes",
            "taste",
            "salty",
            "home-made",
        ],
    ),
    (
        "ingredients",
        "配料",
        "Ingredients",
        &["配料", "配料表", "添加剂", "ingredients", "additives"],
    ),
    (
        "portion",
        "分量",
        "Portion",
        &["分量", "肉", "meat", "portion"],
    ),
    (
        "packaging",
        "包装",
        "Packaging",
        &["包装", "环保", "packaging"],
    ),
    (
        "delivery",
        "配送",
        "Delivery",
        &[
            "解冻", "收到", "配送", "送到", "arrived", "thawed", "delivery",
        ],
    ),
    (
        "convenience",
        "方便",
        "Convenience",
        &["加热", "方便", "应急", "heats", "pinch"],
    ),
    PRICE,
];

const VIDEO: &[ThemeSeed] = &[
    (
        "catalogue",
        "片库内容",
        "Catalogue",
        &["片库", "更新", "内容", "catalogue", "content"],
    ),
    ("ads", "广告", "Ads", &["广告", "贴片", "ads", "pre-roll"]),
    (
        "membership",
        "会员权益",
        "Membership",
        &["会员", "套娃", "超前点播", "tiers", "membership"],
    ),
    (
        "renewal",
        "自动续费",
        "Auto-renewal",
        &["自动续费", "续费", "取消", "扣费", "auto-renewal", "cancel"],
    ),
    (
        "quality",
        "画质流畅",
        "Picture and playback",
        &["画质", "卡顿", "清晰", "picture", "buffering"],
    ),
    PRICE,
];

const CHECKUPS: &[ThemeSeed] = &[
    (
        "report",
        "体检报告",
        "Report",
        &["报告", "解读", "错误", "report", "mistakes"],
    ),
    (
        "process",
        "流程效率",
        "Process",
        &["流程", "效率", "空腹", "organised", "process"],
    ),
    WAITING,
    UPSELLING,
    (
        "packages",
        "套餐说明",
        "Packages",
        &["套餐", "项目", "说明", "package", "tests"],
    ),
    ATTITUDE,
];

/// The demo lexicon of a sector, by slug (empty for a sector the demo does not know).
pub fn demo_lexicon(sector: &str) -> Vec<Theme> {
    let seeds: &[ThemeSeed] = match sector {
        "elderly-care" => ELDERLY_CARE,
        "dental-clinics" => DENTAL,
        "pre-made-meals" => MEALS,
        "online-video" => VIDEO,
        "health-checkups" => CHECKUPS,
        _ => &[],
    };
    seeds
        .iter()
        .map(|(key, zh, en, words)| Theme {
            key: key.to_string(),
            name_zh: zh.to_string(),
            name_en: en.to_string(),
            words: words.iter().map(|w| w.to_string()).collect(),
        })
        .collect()
}

pub async fn insert_lexicon(
    conn: &mut AnyConnection,
    sector_id: &str,
    sector: &str,
) -> Result<(), DatabaseError> {
    Ok(lexicon::insert(conn, sector_id, &demo_lexicon(sector)).await?)
}

/// Quotes for a wave about to be published: for each subject its two most mentioned themes
/// that may be quoted, one reason each (the newest, of a text not quoted yet for it), checked
/// by the same rules as a pick in the console.
pub async fn pick_demo_quotes(
    conn: &mut AnyConnection,
    survey_id: &str,
    sector_id: &str,
    picked_at: &str,
) -> Result<(), DatabaseError> {
    let reading = read_survey(&mut *conn, survey_id, sector_id).await?;
    let summaries = reading.summaries(&[]);
    let mut picked: Vec<StoredQuote> = list(&mut *conn, survey_id).await?;
    for (subject, summary) in reading.subjects.iter().zip(&summaries) {
        let mut texts: Vec<&str> = Vec::new();
        for theme in summary.themes.iter().take(2) {
            let Some(index) = reading.theme_index(&theme.theme) else {
                continue;
            };
            let reason =
                subject.reasons.iter().rev().find(|r| {
                    r.mentions(index) && !texts.contains(&r.reading.redacted.text.as_str())
                });
            let Some(reason) = reason else { continue };
            if check_pick(&reading, &picked, &reason.response_id, &theme.theme).is_err() {
                continue;
            }
            sqlx::query(
                "INSERT INTO quotes (response_id, survey_id, theme_key, picked_by, picked_at)
                 VALUES ($1, $2, $3, 'cli', $4)",
            )
            .bind(&reason.response_id)
            .bind(survey_id)
            .bind(&theme.theme)
            .bind(picked_at)
            .execute(&mut *conn)
            .await?;
            texts.push(&reason.reading.redacted.text);
            picked.push(StoredQuote {
                response_id: reason.response_id.clone(),
                theme: theme.theme.clone(),
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use text::{Reader, ThemeWords};

    fn reader(sector: &str) -> (Reader, Vec<String>) {
        let lexicon = demo_lexicon(sector);
        let words: Vec<ThemeWords> = lexicon
            .iter()
            .map(|t| ThemeWords {
                key: t.key.clone(),
                words: t.words.clone(),
            })
            .collect();
        let keys = lexicon.iter().map(|t| t.key.clone()).collect();
        (Reader::new(&words, []), keys)
    }

    fn themes_of(sector: &str, reason: &str) -> Vec<String> {
        let (reader, keys) = reader(sector);
        reader
            .read(reason)
            .themes
            .iter()
            .map(|i| keys[*i].clone())
            .collect()
    }

    /// Demo reasons read by a person and the themes a reader would name; the tagger must agree.
    #[test]
    fn hand_checked_demo_reasons_get_their_themes() {
        let cases: [(&str, &str, &[&str]); 12] = [
            (
                "elderly-care",
                "护理员很有耐心，老人住得安心。",
                &["care", "attitude"],
            ),
            ("elderly-care", "总体还行，就是价格偏高。", &["price"]),
            ("elderly-care", "收费项目不透明，经常加钱。", &["price"]),
            ("elderly-care", "投诉后没有人回复。", &["complaints"]),
            (
                "dental-clinics",
                "技术可以，就是推销项目有点多。",
                &["skill", "upselling"],
            ),
            ("dental-clinics", "预约准时，不用排队。", &["waiting"]),
            (
                "dental-clinics",
                "The bill did not match the quote.",
                &["price"],
            ),
            (
                "pre-made-meals",
                "分量足，性价比高。",
                &["portion", "price"],
            ),
            ("pre-made-meals", "收到时已经解冻了。", &["delivery"]),
            ("online-video", "自动续费很难取消。", &["renewal"]),
            (
                "online-video",
                "Huge catalogue and no pre-roll ads.",
                &["catalogue", "ads"],
            ),
            ("health-checkups", "现场不停推销加项。", &["upselling"]),
        ];
        for (sector, reason, expected) in cases {
            let mut got = themes_of(sector, reason);
            got.sort();
            let mut want: Vec<String> = expected.iter().map(|s| s.to_string()).collect();
            want.sort();
            assert_eq!(got, want, "{reason}");
        }
    }

    #[test]
    fn every_demo_reason_mentions_some_theme() {
        for sector in super::super::catalog::SECTORS {
            let (reader, _) = reader(sector.slug);
            let r = &sector.reasons;
            for pool in [r.promoter, r.passive, r.detractor] {
                for reason in pool.0.iter().chain(pool.1.iter()) {
                    assert!(
                        !reader.read(reason).themes.is_empty(),
                        "{}: {reason}",
                        sector.slug
                    );
                }
            }
        }
    }
}
