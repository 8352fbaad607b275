//! The ranking as a phone reads it: one entry per ranked brand — its name on a line of its
//! own, tier, NPS, interval and n in text of the page's size — and the interval drawn as a bar
//! on one −100…100 scale shared by every brand. Shown instead of the chart image on narrow
//! screens (the image keeps its place on desktops and in print). The bars are inline SVG with
//! geometry in attributes: the page's policy allows no inline styles.

use leptos::prelude::*;

use crate::format::{interval, percent, points};
use crate::i18n::{use_locale, use_messages, use_results_messages};
use domain::results::{SubjectResult, SurveyResults};

/// x of an NPS on the bar's 0…200 view box (−100 → 0, 100 → 200), kept inside it, to a tenth.
fn x_of(nps: f64) -> f64 {
    ((nps.clamp(-100.0, 100.0) + 100.0) * 10.0).round() / 10.0
}

/// The bar of one brand: the zero line, the interval and the NPS mark.
fn bar(subject: &SubjectResult) -> impl IntoView {
    let interval = subject.ci_low.zip(subject.ci_high).map(|(low, high)| {
        let (x, width) = (x_of(low), (x_of(high) - x_of(low)).max(0.5));
        view! { <rect class="ranking-bar__interval" x=x.to_string() y="5" width=width.to_string() height="6"/> }
    });
    let mark = subject.nps.map(|nps| {
        view! { <rect class="ranking-bar__mark" x=(x_of(nps) - 1.0).to_string() y="1" width="2" height="14"/> }
    });
    view! {
        <svg class="ranking-bar" viewBox="0 0 200 16" preserveAspectRatio="none" aria-hidden="true" focusable="false">
            <rect class="ranking-bar__zero" x="99.75" y="0" width="0.5" height="16"/>
            {interval}
            {mark}
        </svg>
    }
}

#[component]
pub fn RankingBars(results: SurveyResults) -> impl IntoView {
    let t = use_messages();
    let r = use_results_messages();
    let locale = use_locale();
    let level = percent(results.level);
    let interval_label = (t.ranking_interval)(&level);
    let entries: Vec<_> = results
        .ranked()
        .map(|s| {
            let name = locale.pick(&s.name_zh, &s.name_en).to_string();
            let tier = s.tier.map(r.tier_number).unwrap_or_default();
            let nps = s.nps.map(points).unwrap_or_else(|| "—".to_string());
            view! {
                <li class="ranking-bars__entry" data-testid="ranking-bar" data-subject=s.subject.clone()>
                    <p class="ranking-bars__name">{name}</p>
                    <p class="ranking-bars__figures">
                        <span class="ranking-bars__tier">{tier}</span>
                        <span>{t.ranking_nps}" "<strong>{nps}</strong></span>
                        <span>{interval_label.clone()}" "{interval(s.ci_low, s.ci_high)}</span>
                        <span>{(t.result_n)(s.n)}</span>
                    </p>
                    {bar(s)}
                </li>
            }
        })
        .collect();
    view! {
        <div class="ranking-bars" data-testid="ranking-bars">
            <p class="muted">{(r.bars_caption)(&level)}</p>
            <div class="ranking-bars__scale" aria-hidden="true">
                <span>"−100"</span>
                <span>"0"</span>
                <span>"100"</span>
            </div>
            <ol class="ranking-bars__list">{entries}</ol>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::x_of;

    #[test]
    fn the_scale_runs_from_minus_100_to_100_and_clamps_outside_it() {
        assert_eq!(x_of(-100.0), 0.0);
        assert_eq!(x_of(0.0), 100.0);
        assert_eq!(x_of(37.64), 137.6);
        assert_eq!(x_of(100.0), 200.0);
        assert_eq!(x_of(130.0), 200.0);
        assert_eq!(x_of(-130.0), 0.0);
    }
}
