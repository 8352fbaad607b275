//! The words on the charts, in the requested language.

use app::format::percent;
use app::i18n::Locale;
use domain::results::SurveyResults;
use koubei_charts::{DistributionLabels, RankingLabels, TrendLabels};
use koubei_core::results::snapshots::Snapshot;
use koubei_core::results::trend::SectorTrend;

fn published(locale: Locale, snapshot: &Snapshot) -> String {
    let date = koubei_core::db::timestamp::council_date(&snapshot.published_at).unwrap_or_default();
    match locale {
        Locale::ZhCn => format!("快照 {} · 发布于 {date}", snapshot.number),
        Locale::En => format!("snapshot {} · published {date}", snapshot.number),
    }
}

pub fn ranking_labels(
    locale: Locale,
    results: &SurveyResults,
    snapshot: &Snapshot,
) -> RankingLabels {
    let level = percent(results.level);
    RankingLabels {
        title: locale
            .pick(&results.title_zh, &results.title_en)
            .to_string(),
        subtitle: match locale {
            Locale::ZhCn => format!(
                "{level}% 置信区间（{}）· 最低样本量 {} · {}",
                results.method,
                results.min_n,
                published(locale, snapshot)
            ),
            Locale::En => format!(
                "{level}% intervals ({}) · minimum n {} · {}",
                results.method,
                results.min_n,
                published(locale, snapshot)
            ),
        },
        axis: locale
            .pick("净推荐值（NPS）", "Net Promoter Score (NPS)")
            .to_string(),
        tier: locale.pick("第{n}梯队", "Tier {n}").to_string(),
        insufficient: locale
            .pick("样本不足，未排名", "Insufficient sample — not ranked")
            .to_string(),
    }
}

pub fn distribution_labels(
    locale: Locale,
    results: &SurveyResults,
    snapshot: &Snapshot,
) -> DistributionLabels {
    DistributionLabels {
        title: locale
            .pick(&results.title_zh, &results.title_en)
            .to_string(),
        subtitle: published(locale, snapshot),
        detractors: locale.pick("贬损者（0–6）", "Detractors (0–6)").to_string(),
        passives: locale.pick("被动者（7–8）", "Passives (7–8)").to_string(),
        promoters: locale
            .pick("推荐者（9–10）", "Promoters (9–10)")
            .to_string(),
    }
}

pub fn trend_labels(locale: Locale, trend: &SectorTrend) -> TrendLabels {
    let sector = locale.pick(&trend.sector_name_zh, &trend.sector_name_en);
    TrendLabels {
        title: match locale {
            Locale::ZhCn => format!("{sector}口碑趋势"),
            Locale::En => format!("{sector}: word of mouth over time"),
        },
        subtitle: locale
            .pick("各期净推荐值及置信区间；圆圈表示与上一期相比变化显著", "NPS per wave with intervals; a ring marks a significant change from the wave before")
            .to_string(),
        axis: locale.pick("净推荐值（NPS）", "Net Promoter Score (NPS)").to_string(),
        significant: locale.pick("显著变化", "significant change").to_string(),
    }
}
