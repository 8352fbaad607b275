//! The words on the charts, in the requested language.

use app::format::percent;
use app::i18n::{Catalog, Locale};
use domain::results::SurveyResults;
use koubei_charts::{DistributionLabels, RankingLabels, TrendLabels};
use koubei_core::results::snapshots::Snapshot;
use koubei_core::results::trend::SectorTrend;

use super::messages::messages;

fn published(locale: Locale, snapshot: &Snapshot) -> String {
    let date = koubei_core::db::timestamp::council_date(&snapshot.published_at).unwrap_or_default();
    (messages(locale).published)(snapshot.number, &date)
}

/// The interval method in words, as the results page names it (its id if unknown).
fn method_name(locale: Locale, method: &str) -> String {
    stats::Method::parse(method)
        .map(|m| locale.messages().method_name(m).to_string())
        .unwrap_or_else(|_| method.to_string())
}

pub fn ranking_labels(
    locale: Locale,
    results: &SurveyResults,
    snapshot: &Snapshot,
) -> RankingLabels {
    let words = messages(locale);
    RankingLabels {
        title: locale
            .pick(&results.title_zh, &results.title_en)
            .to_string(),
        subtitle: (words.ranking_subtitle)(
            &percent(results.level),
            &method_name(locale, &results.method),
            i64::try_from(results.min_n).unwrap_or(i64::MAX),
            &published(locale, snapshot),
        ),
        axis: words.axis.to_string(),
        tier: words.tier.to_string(),
        insufficient: words.insufficient.to_string(),
    }
}

pub fn distribution_labels(
    locale: Locale,
    results: &SurveyResults,
    snapshot: &Snapshot,
) -> DistributionLabels {
    let words = messages(locale);
    DistributionLabels {
        title: locale
            .pick(&results.title_zh, &results.title_en)
            .to_string(),
        subtitle: published(locale, snapshot),
        detractors: words.detractors.to_string(),
        passives: words.passives.to_string(),
        promoters: words.promoters.to_string(),
    }
}

pub fn trend_labels(locale: Locale, trend: &SectorTrend) -> TrendLabels {
    let words = messages(locale);
    let sector = locale.pick(&trend.sector_name_zh, &trend.sector_name_en);
    TrendLabels {
        title: (words.trend_title)(sector),
        subtitle: words.trend_subtitle.to_string(),
        axis: words.axis.to_string(),
        significant: words.significant.to_string(),
    }
}
