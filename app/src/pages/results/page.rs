use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::charts::Chart;
use super::downloads::Downloads;
use super::ledger::QualityLedger;
use super::loaded::LoadedPage;
use super::methodology::Methodology;
use super::ranking::{HeldBack, RankingTable, Totals};
use super::ranking_bars::RankingBars;
use super::replies::Replies;
use super::snapshots::{Correction, NewerSnapshot, SnapshotList};
use super::themes::WhatPeopleSay;
use super::weighting::Weighting;
use crate::api::load_results_page;
use crate::components::ShareCard;
use crate::format::percent;
use crate::i18n::{use_locale, use_results_messages};
use domain::results::RanksBy;
use domain::results_page::PublishedResults;

/// The snapshot the address names (`:slug`, and `:snapshot` when there is one), loading: the
/// results page's and the printable report's data.
pub(super) fn snapshot_from_address() -> Resource<Result<Option<PublishedResults>, ServerFnError>> {
    let params = use_params_map();
    let key = move || {
        let params = params.read();
        (
            params.get("slug").unwrap_or_default(),
            params.get("snapshot"),
        )
    };
    Resource::new(key, |(slug, snapshot)| load_results_page(slug, snapshot))
}

/// `/r/{slug}` (the latest snapshot) and `/r/{slug}/{snapshot}`: a published survey's results
/// with everything needed to read, check and cite them. 404 for anything not published.
#[component]
pub fn ResultsPage() -> impl IntoView {
    let data = snapshot_from_address();
    view! {
        <LoadedPage data found=|results| view! { <Results results/> }/>
    }
}

#[component]
fn Results(results: PublishedResults) -> impl IntoView {
    let r = use_results_messages();
    let locale = use_locale();
    let PublishedResults {
        slug,
        number,
        published_on,
        method_version,
        data_hash,
        changelog,
        latest,
        results,
        ledger,
        snapshots,
    } = results;
    let title = locale
        .pick(&results.title_zh, &results.title_en)
        .to_string();
    let sector = locale
        .pick(&results.sector_name_zh, &results.sector_name_en)
        .to_string();
    let level = percent(results.level);
    let chart = |name: &'static str| format!("/charts/{slug}/{name}?snapshot={number}");
    view! {
        <Title text=title.clone()/>
        <ShareCard
            title=title.clone()
            description=(r.results_share)(&sector, results.ranked().count(), results.totals.n)
            image=Some(format!("/charts/{slug}/ranking.png?snapshot={number}&width=1200&theme=light"))
        />
        <main class="page results" id="main" data-testid="results">
            <p class="eyebrow">
                <a href=format!("/sectors/{}", results.sector) data-testid="sector-link">{sector}</a>
            </p>
            <h1>{title}</h1>
            <p class="lead" data-testid="published">{(r.published)(&published_on, number)}</p>
            {(number < latest).then(|| view! { <NewerSnapshot slug=slug.clone() latest/> })}
            {(!changelog.is_empty()).then(|| view! { <Correction changelog/> })}
            <section aria-labelledby="ranking-heading">
                <h2 id="ranking-heading">{r.ranking}</h2>
                {(results.ranks_by() == RanksBy::Weighted).then(|| view! {
                    <p class="muted" data-testid="ranked-by-weighted">{r.ranked_by_weighted}</p>
                })}
                <Chart src=chart("ranking.svg") alt=(r.ranking_alt)(&level) wide_only=true/>
                <RankingBars results=results.clone()/>
                <RankingTable results=results.clone() reply_links=true/>
            </section>
            <Replies results=results.clone()/>
            <WhatPeopleSay results=results.clone()/>
            <HeldBack results=results.clone()/>
            <section aria-labelledby="distribution-heading">
                <h2 id="distribution-heading">{r.distribution}</h2>
                <Chart src=chart("distribution.svg") alt=r.distribution_alt.to_string()/>
            </section>
            <Totals results=results.clone()/>
            <Weighting results=results.clone()/>
            <Downloads slug=slug.clone() number/>
            <QualityLedger ledger=ledger.clone()/>
            <Methodology results ledger method_version data_hash/>
            <SnapshotList slug snapshots current=number/>
        </main>
    }
}
