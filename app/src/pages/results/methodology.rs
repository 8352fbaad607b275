use leptos::prelude::*;

use crate::format::percent;
use crate::i18n::{use_messages, use_results_messages};
use domain::ledger::Ledger;
use domain::results::SurveyResults;

/// How the results were made, in plain words: NPS, the interval and its level, tiers, the
/// minimum n, flags and exclusions, the method and its version, and the snapshot's data hash.
#[component]
pub fn Methodology(
    results: SurveyResults,
    /// The integrity report frozen beside the results: the sample's figures.
    ledger: Ledger,
    method_version: String,
    data_hash: String,
) -> impl IntoView {
    let t = use_messages();
    let r = use_results_messages();
    let method_name = stats::Method::parse(&results.method)
        .map(|method| t.method_name(method))
        .unwrap_or(results.method.as_str())
        .to_string();
    let level = percent(results.level);
    let total = &ledger.total;
    let rejection_rate = if total.received > 0 {
        format!(
            "{:.1}",
            100.0 * total.excluded_total as f64 / total.received as f64
        )
    } else {
        "0.0".to_string()
    };
    let sample = (r.method_sample)(
        total.received,
        total.excluded_total,
        total.held,
        total.counted,
        &rejection_rate,
    );
    let listed = |items: Vec<String>| items.join(r.list_separator);
    let excluded_by = listed(
        total
            .excluded
            .iter()
            .filter(|(_, n)| *n > 0)
            .map(|(reason, n)| format!("{} {n}", (r.reason)(*reason)))
            .chain(
                (total.excluded_in_clusters > 0)
                    .then(|| format!("{} {}", r.excluded_in_clusters, total.excluded_in_clusters)),
            )
            .collect(),
    );
    let channels = listed(
        total
            .channels
            .iter()
            .filter(|(_, n)| *n > 0)
            .map(|(channel, n)| format!("{} {n}", (r.channel)(*channel)))
            .collect(),
    );
    view! {
        <section class="methodology" aria-labelledby="method-heading" data-testid="methodology">
            <h2 id="method-heading">{r.method_heading}</h2>
            {results.fieldwork.as_ref().map(|f| view! {
                <p data-testid="method-fieldwork">{(r.method_fieldwork)(&f.first_day, &f.last_day)}</p>
            })}
            <p data-testid="method-sample">
                {sample}
                {(!excluded_by.is_empty()).then(|| view! { " "{(r.method_excluded_by)(&excluded_by)} })}
                {(!channels.is_empty()).then(|| view! { " "{(r.method_channels)(&channels)} })}
            </p>
            <p>{r.method_nps}</p>
            <p>{(r.method_interval)(&level, &method_name)}</p>
            <p>{r.method_tiers}</p>
            <p>{(r.method_min_n)(results.min_n)}</p>
            {results.weighting.as_ref().map(|w| view! {
                <p data-testid="method-weighting">
                    {(r.method_weighting)(w.ranks_by == domain::results::RanksBy::Weighted)}
                </p>
            })}
            <p>{r.method_quality}</p>
            <p>{(r.method_version)(&method_name, &method_version)}</p>
            <p>
                {r.method_hash}
                <br/>
                <code class="hash" data-testid="data-hash">{data_hash}</code>
            </p>
            <p>{r.method_hash_proves}</p>
        </section>
    }
}
