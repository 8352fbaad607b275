use leptos::prelude::*;

use super::replies::reply_anchor;
use crate::format::{interval, percent, points, share};
use crate::i18n::{use_locale, use_messages, use_results_messages};
use crate::pages::ReplyWords;
use domain::results::{SubjectResult, SurveyResults};

/// "2", "1–3", or "—" for an unranked subject.
fn rank_range(low: Option<usize>, high: Option<usize>) -> String {
    match (low, high) {
        (Some(low), Some(high)) if low == high => low.to_string(),
        (Some(low), Some(high)) => format!("{low}–{high}"),
        _ => "—".to_string(),
    }
}

/// The ranked subjects as a real table (for screen readers and copying), scrolling sideways
/// inside its own box on narrow screens.
#[component]
pub fn RankingTable(
    results: SurveyResults,
    /// Link a brand's name to its reply further down the page (where `Replies` is shown).
    #[prop(optional)]
    reply_links: bool,
) -> impl IntoView {
    let t = use_messages();
    let r = use_results_messages();
    let locale = use_locale();
    let interval_label = (t.ranking_interval)(&percent(results.level));
    let r_reply = ReplyWords::for_locale(locale).see_reply;
    let rows = results
        .ranked()
        .map(|s: &SubjectResult| {
            view! {
                <tr data-testid="ranked-row" data-subject=s.subject.clone()>
                    <td class="num" data-label=r.col_rank>{rank_range(s.rank_low, s.rank_high)}</td>
                    <th scope="row">
                        {locale.pick(&s.name_zh, &s.name_en).to_string()}
                        {(reply_links && s.reply.is_some()).then(|| view! {
                            " "<a class="reply-link" href=format!("#{}", reply_anchor(&s.subject)) data-testid="reply-link">{r_reply}</a>
                        })}
                    </th>
                    <td class="num" data-label=t.ranking_tier>{s.tier.map(|tier| tier.to_string()).unwrap_or_default()}</td>
                    <td class="num" data-label=t.ranking_nps>{s.nps.map(points).unwrap_or_else(|| "—".to_string())}</td>
                    <td class="num" data-label=interval_label.clone()>{interval(s.ci_low, s.ci_high)}</td>
                    <td class="num" data-label=t.ranking_n>{s.n}</td>
                    <td class="num" data-label=r.col_promoters>{share(s.promoters, s.n)}</td>
                    <td class="num" data-label=r.col_passives>{share(s.passives, s.n)}</td>
                    <td class="num" data-label=r.col_detractors>{share(s.detractors, s.n)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        // Focusable and named, so keyboard users can scroll it too.
        <div class="table-scroll" role="region" tabindex="0" aria-labelledby="ranking-caption">
            <table class="data-table stack-on-phone" data-testid="ranking-table">
                <caption id="ranking-caption">{r.table_caption}</caption>
                <thead>
                    <tr>
                        <th scope="col" class="num">{r.col_rank}</th>
                        <th scope="col">{t.ranking_subject}</th>
                        <th scope="col" class="num">{t.ranking_tier}</th>
                        <th scope="col" class="num">{t.ranking_nps}</th>
                        <th scope="col" class="num">{(t.ranking_interval)(&percent(results.level))}</th>
                        <th scope="col" class="num">{t.ranking_n}</th>
                        <th scope="col" class="num">{r.col_promoters}</th>
                        <th scope="col" class="num">{r.col_passives}</th>
                        <th scope="col" class="num">{r.col_detractors}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <p class="muted">{t.ranking_note}</p>
    }
}

/// Subjects under the minimum n: shown with their n, never ranked.
#[component]
pub fn HeldBack(results: SurveyResults) -> impl IntoView {
    let t = use_messages();
    let r = use_results_messages();
    let locale = use_locale();
    let items: Vec<_> = results
        .held_back()
        .map(|s| {
            view! {
                <li data-testid="held-back-subject" data-subject=s.subject.clone()>
                    {format!("{} · {}", locale.pick(&s.name_zh, &s.name_en), (t.result_n)(s.n))}
                </li>
            }
        })
        .collect();
    (!items.is_empty()).then(|| {
        view! {
            <section aria-labelledby="held-back-heading" data-testid="held-back">
                <h2 id="held-back-heading">{r.held_back}</h2>
                <p>{(r.held_back_intro)(results.min_n)}</p>
                <ul class="compact-list">{items}</ul>
            </section>
        }
    })
}

/// The sector as a whole: every counted response, all subjects together.
#[component]
pub fn Totals(results: SurveyResults) -> impl IntoView {
    let t = use_messages();
    let r = use_results_messages();
    let totals = results.totals;
    view! {
        <section aria-labelledby="totals-heading" data-testid="totals">
            <h2 id="totals-heading">{r.totals}</h2>
            <dl class="facts">
                <dt>{t.ranking_nps}</dt>
                <dd>{totals.nps.map(points).unwrap_or_else(|| "—".to_string())}</dd>
                <dt>{(t.ranking_interval)(&percent(results.level))}</dt>
                <dd>{interval(totals.ci_low, totals.ci_high)}</dd>
                <dt>{t.ranking_n}</dt>
                <dd>{totals.n}</dd>
                <dt>{r.col_promoters}</dt>
                <dd>{share(totals.promoters, totals.n)}</dd>
                <dt>{r.col_passives}</dt>
                <dd>{share(totals.passives, totals.n)}</dd>
                <dt>{r.col_detractors}</dt>
                <dd>{share(totals.detractors, totals.n)}</dd>
            </dl>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::rank_range;
    use crate::format::interval;

    #[test]
    fn rank_ranges_collapse_single_ranks() {
        assert_eq!(rank_range(Some(2), Some(2)), "2");
        assert_eq!(rank_range(Some(1), Some(3)), "1–3");
        assert_eq!(rank_range(None, None), "—");
    }

    #[test]
    fn intervals_are_points_in_brackets() {
        assert_eq!(interval(Some(-3.24), Some(40.0)), "[-3.2, 40.0]");
        assert_eq!(interval(None, None), "—");
    }
}
