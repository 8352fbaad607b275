use leptos::prelude::*;

use crate::format::{interval, percent, points};
use crate::i18n::{use_locale, use_messages, use_results_messages};
use domain::answers::AgeBand;
use domain::results::{RanksBy, SubjectResult, SurveyResults, WeightingMargin, WeightingReport};

/// A share (0–1) as a percentage with one decimal.
fn share_percent(share: f64) -> String {
    format!("{:.1}", share * 100.0)
}

/// A weighted survey's two figures side by side per subject, the margins the weights reached,
/// and the weight limit: nothing when the survey is not weighted. Its view is type-erased
/// (`AnyView`): inside the report's sections its nested type would pass the compiler's depth
/// limit in the browser build.
#[component]
pub fn Weighting(
    results: SurveyResults,
    /// Show the margins unfolded (the printable report, where nothing can be tapped open).
    #[prop(optional)]
    open: bool,
) -> impl IntoView {
    let report = results.weighting.clone()?;
    let t = use_messages();
    let r = use_results_messages();
    let locale = use_locale();
    let level = percent(results.level);
    let row = |name: String, s: &SubjectResult| {
        let both = s.weighting?;
        Some(view! {
            <tr data-testid="weighting-row" data-subject=s.subject.clone()>
                <th scope="row">{name}</th>
                <td class="num" data-label=r.col_unweighted>{points(both.unweighted.nps)}</td>
                <td class="num" data-label=r.col_weighted data-testid="weighted-nps">{points(both.weighted.nps)}</td>
                <td class="num" data-label=(r.col_weighted_interval)(&level)>
                    {interval(Some(both.weighted.ci_low), Some(both.weighted.ci_high))}
                </td>
                <td class="num" data-label=r.col_n_eff>{format!("{:.0}", both.n_eff)}</td>
            </tr>
        })
    };
    let rows: Vec<_> = results
        .subjects
        .iter()
        .filter_map(|s| row(locale.pick(&s.name_zh, &s.name_en).to_string(), s))
        .collect();
    let totals = results.totals.weighting.map(|both| {
        view! {
            <tr data-testid="weighting-total">
                <th scope="row">{r.total}</th>
                <td class="num" data-label=r.col_unweighted>{points(both.unweighted.nps)}</td>
                <td class="num" data-label=r.col_weighted>{points(both.weighted.nps)}</td>
                <td class="num" data-label=(r.col_weighted_interval)(&level)>
                    {interval(Some(both.weighted.ci_low), Some(both.weighted.ci_high))}
                </td>
                <td class="num" data-label=r.col_n_eff>{format!("{:.0}", both.n_eff)}</td>
            </tr>
        }
    });
    let ranks_by = report.ranks_by;
    let margins = report
        .margins
        .iter()
        .map(|margin| view! { <MarginTable margin=margin.clone()/> })
        .collect_view();
    Some(view! {
        <section aria-labelledby="weighting-heading" data-testid="weighting"
            data-ranks-by=ranks_by.as_str()>
            <h2 id="weighting-heading">{r.weighting_heading}</h2>
            <p>{(r.weighting_intro)(ranks_by == RanksBy::Weighted)}</p>
            <div class="table-scroll" role="region" tabindex="0" aria-labelledby="weighting-caption">
                <table class="data-table stack-on-phone" data-testid="weighting-table">
                    <caption id="weighting-caption">{r.weighting_caption}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t.ranking_subject}</th>
                            <th scope="col" class="num">{r.col_unweighted}</th>
                            <th scope="col" class="num">{r.col_weighted}</th>
                            <th scope="col" class="num">{(r.col_weighted_interval)(&level)}</th>
                            <th scope="col" class="num">{r.col_n_eff}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}{totals}</tbody>
                </table>
            </div>
            <p class="muted">{r.n_eff_explained}</p>
            <details class="weighting-margins" data-testid="weighting-margins" open=open>
                <summary>{r.margins_summary}</summary>
                {margins}
                <WeightLimit report/>
            </details>
        </section>
    }
    .into_any())
}

/// One profile question: each answer's population share, sample share and weighted share.
#[component]
fn MarginTable(margin: WeightingMargin) -> impl IntoView {
    let t = use_messages();
    let r = use_results_messages();
    let locale = use_locale();
    let question = (r.weighting_question)(&margin.question);
    let caption_id = format!("margin-{}", margin.question);
    let labelled_by = caption_id.clone();
    let name = move |answer: &str, zh: &str, en: &str| match AgeBand::parse(answer) {
        Some(band) if margin.question == "age_band" => t.age_band(band).to_string(),
        _ => locale.pick(zh, en).to_string(),
    };
    // Shares among those who answered the question: the non-answers keep their own share,
    // said once below the table.
    let answered = (1.0 - margin.not_answered).max(f64::MIN_POSITIVE);
    let rows = margin
        .cells
        .iter()
        .map(|cell| {
            view! {
                <tr data-testid="margin-row" data-answer=cell.answer.clone()>
                    <th scope="row">{name(&cell.answer, &cell.name_zh, &cell.name_en)}</th>
                    <td class="num" data-label=r.col_target>{share_percent(cell.target)}</td>
                    <td class="num" data-label=r.col_sample>{share_percent(cell.sample / answered)}</td>
                    <td class="num" data-label=r.col_weighted_share>{share_percent(cell.weighted / answered)}</td>
                </tr>
            }
        })
        .collect_view();
    let skipped = (margin.not_answered > 0.0).then(
        || view! { <p class="muted">{(r.not_answered)(&share_percent(margin.not_answered))}</p> },
    );
    view! {
        <div class="table-scroll" role="region" tabindex="0" aria-labelledby=labelled_by>
            <table class="data-table stack-on-phone" data-testid="margin-table">
                <caption id=caption_id>{question}</caption>
                <thead>
                    <tr>
                        <th scope="col">{r.col_answer}</th>
                        <th scope="col" class="num">{r.col_target}</th>
                        <th scope="col" class="num">{r.col_sample}</th>
                        <th scope="col" class="num">{r.col_weighted_share}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        {skipped}
    }
}

#[component]
fn WeightLimit(report: WeightingReport) -> impl IntoView {
    let r = use_results_messages();
    let cap = points(report.cap).trim_end_matches(".0").to_string();
    view! {
        <p class="muted" data-testid="weight-limit">
            {(r.weighting_cap)(&cap, report.trimmed, report.answers)}
            {(!report.converged).then(|| view! { " " {r.weighting_short} })}
        </p>
    }
}
