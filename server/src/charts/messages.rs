//! The charts' words and the chart routes' refusals, in both languages (server only).

use app::i18n::Locale;

pub struct ChartMessages {
    /// "Snapshot N · published DATE".
    pub published: fn(i64, &str) -> String,
    /// Level %, method name, minimum n, then the `published` line.
    pub ranking_subtitle: fn(&str, &str, i64, &str) -> String,
    pub axis: &'static str,
    /// `{n}` stands for the tier's number (koubei-charts fills it in).
    pub tier: &'static str,
    pub insufficient: &'static str,
    pub detractors: &'static str,
    pub passives: &'static str,
    pub promoters: &'static str,
    pub trend_title: fn(&str) -> String,
    pub trend_subtitle: &'static str,
    pub significant: &'static str,
    pub no_such_results: &'static str,
    pub no_such_chart: &'static str,
    pub width_range: fn(u32, u32) -> String,
    pub height_range: fn(u32, u32) -> String,
    pub theme_values: &'static str,
    pub lang_values: &'static str,
    pub snapshot_number: &'static str,
}

static ZH_CN: ChartMessages = ChartMessages {
    published: |n, date| format!("快照 {n} · 发布于 {date}"),
    ranking_subtitle: |level, method, min_n, published| {
        format!("{level}% 置信区间 · {method} · 最低样本量 {min_n} · {published}")
    },
    axis: "净推荐值（NPS）",
    tier: "第{n}梯队",
    insufficient: "样本不足，未排名",
    detractors: "贬损者（0–6）",
    passives: "被动者（7–8）",
    promoters: "推荐者（9–10）",
    trend_title: |sector| format!("{sector}口碑趋势"),
    trend_subtitle: "各期净推荐值及置信区间；圆圈表示与上一期相比变化显著",
    significant: "显著变化",
    no_such_results: "没有这项已发布的结果。",
    no_such_chart: "没有这种图表。",
    width_range: |low, high| format!("宽度须在 {low}–{high} px"),
    height_range: |low, high| format!("高度须在 {low}–{high} px"),
    theme_values: "theme 取 light 或 dark。",
    lang_values: "lang 取 zh-CN 或 en。",
    snapshot_number: "快照编号须为正整数。",
};

static EN: ChartMessages = ChartMessages {
    published: |n, date| format!("snapshot {n} · published {date}"),
    ranking_subtitle: |level, method, min_n, published| {
        format!("{level}% intervals · {method} · minimum n {min_n} · {published}")
    },
    axis: "Net Promoter Score (NPS)",
    tier: "Tier {n}",
    insufficient: "Insufficient sample — not ranked",
    detractors: "Detractors (0–6)",
    passives: "Passives (7–8)",
    promoters: "Promoters (9–10)",
    trend_title: |sector| format!("{sector}: word of mouth over time"),
    trend_subtitle:
        "NPS per wave with intervals; a ring marks a significant change from the wave before",
    significant: "significant change",
    no_such_results: "No such published results.",
    no_such_chart: "No such chart.",
    width_range: |low, high| format!("width must be {low}–{high} px"),
    height_range: |low, high| format!("height must be {low}–{high} px"),
    theme_values: "theme is light or dark.",
    lang_values: "lang is zh-CN or en.",
    snapshot_number: "snapshot is a positive whole number.",
};

pub fn messages(locale: Locale) -> &'static ChartMessages {
    match locale {
        Locale::ZhCn => &ZH_CN,
        Locale::En => &EN,
    }
}
