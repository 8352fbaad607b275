use leptos::prelude::*;

use crate::format::percent;
use crate::i18n::{use_messages, use_results_messages};
use domain::results::SurveyResults;

/// How the results were made, in plain words: NPS, the interval and its level, tiers, the
/// minimum n, flags and exclusions, the method and its version, and the snapshot's data hash.
#[component]
pub fn Methodology(
    results: SurveyResults,
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
    view! {
        <section class="methodology" aria-labelledby="method-heading" data-testid="methodology">
            <h2 id="method-heading">{r.method_heading}</h2>
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
