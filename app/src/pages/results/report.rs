//! `/r/{slug}/{snapshot}/report`: the whole publication laid out for A4 paper — a cover, the
//! ranking chart and table, the distribution, the sector's trend, the totals, the quality
//! ledger, the methodology and the data hash — which a browser prints to a clean PDF (print CSS
//! in `style/main.css`: page breaks, no navigation). Same data and parts as the results page.

use leptos::prelude::*;
use leptos_meta::Title;

use super::ledger::QualityLedger;
use super::loaded::LoadedPage;
use super::methodology::Methodology;
use super::ranking::{HeldBack, RankingTable, Totals};
use super::replies::Replies;
use super::snapshots::Correction;
use super::themes::WhatPeopleSay;
use super::weighting::Weighting;
use crate::format::percent;
use crate::i18n::{use_locale, use_results_messages};
use domain::results_page::PublishedResults;
use domain::Locale;

struct ReportWords {
    kind: &'static str,
    how_to_print: &'static str,
    answers: fn(u64) -> String,
    data_hash: &'static str,
    back: &'static str,
}

fn words(locale: Locale) -> &'static ReportWords {
    match locale {
        Locale::ZhCn => &ReportWords {
            kind: "口碑调查结果报告",
            how_to_print: "这是可打印的报告：用浏览器的“打印”可保存为 PDF（A4）。",
            answers: |n| format!("计入回答 {n} 份"),
            data_hash: "数据指纹（SHA-256）",
            back: "返回结果页",
        },
        Locale::En => &ReportWords {
            kind: "Word-of-mouth survey results report",
            how_to_print:
                "This is the printable report: your browser's Print saves it as a PDF (A4).",
            answers: |n| format!("{n} answers counted"),
            data_hash: "Data fingerprint (SHA-256)",
            back: "Back to the results page",
        },
    }
}

#[component]
pub fn ReportPage() -> impl IntoView {
    let data = super::page::snapshot_from_address();
    view! {
        <LoadedPage data found=|results| view! { <Report results/> }/>
    }
}

/// A chart as an eagerly loaded light image: a lazy one may be missing from the printout.
fn figure(src: String, alt: String) -> impl IntoView {
    let join = if src.contains('?') { '&' } else { '?' };
    view! {
        <figure class="chart">
            <img src=format!("{src}{join}theme=light") alt=alt decoding="sync"/>
        </figure>
    }
}

#[component]
fn Report(results: PublishedResults) -> impl IntoView {
    let r = use_results_messages();
    let locale = use_locale();
    let w = words(locale);
    let PublishedResults {
        slug,
        number,
        published_on,
        method_version,
        data_hash,
        changelog,
        results,
        ledger,
        ..
    } = results;
    let title = locale
        .pick(&results.title_zh, &results.title_en)
        .to_string();
    let sector = locale
        .pick(&results.sector_name_zh, &results.sector_name_en)
        .to_string();
    let level = percent(results.level);
    let chart = |name: &str| format!("/charts/{slug}/{name}?snapshot={number}");
    let cover = view! {
        <section class="report-cover" data-testid="report-cover">
            <p class="eyebrow">{w.kind}</p>
            <h1>{title.clone()}</h1>
            <p class="lead">{sector.clone()}</p>
            <p>{(r.published)(&published_on, number)}</p>
            <p>{(w.answers)(results.totals.n)}</p>
            <p class="muted hash">{w.data_hash}": "{data_hash.clone()}</p>
            {(!changelog.is_empty()).then(|| view! { <Correction changelog/> })}
        </section>
    }
    .into_any();
    let ranking = view! {
        <section class="report-section" aria-labelledby="ranking-heading">
            <h2 id="ranking-heading">{r.ranking}</h2>
            {(results.ranks_by() == domain::results::RanksBy::Weighted).then(|| view! {
                <p class="muted">{r.ranked_by_weighted}</p>
            })}
            {figure(chart("ranking.svg"), (r.ranking_alt)(&level))}
            <RankingTable results=results.clone() reply_links=true/>
        </section>
        <Replies results=results.clone()/>
        <WhatPeopleSay results=results.clone()/>
        <HeldBack results=results.clone()/>
    }
    .into_any();
    let shape = view! {
        <section class="report-section" aria-labelledby="distribution-heading">
            <h2 id="distribution-heading">{r.distribution}</h2>
            {figure(chart("distribution.svg"), r.distribution_alt.to_string())}
        </section>
        <section class="report-section" aria-labelledby="trend-heading">
            <h2 id="trend-heading">{r.trend}</h2>
            {figure(format!("/charts/sector/{}/trend.svg", results.sector), r.trend_alt.to_string())}
        </section>
        <Totals results=results.clone()/>
        <Weighting results=results.clone() open=true/>
    }
    .into_any();
    let quality = view! {
        <QualityLedger ledger=ledger.clone()/>
        <Methodology results ledger method_version data_hash/>
    }
    .into_any();
    view! {
        <Title text=format!("{title} · {}", w.kind)/>
        <main class="page results report" id="main" data-testid="report">
            <p class="notice no-print">
                {w.how_to_print}" "<a href=format!("/r/{slug}/{number}")>{w.back}</a>
            </p>
            {cover}
            {ranking}
            {shape}
            {quality}
        </main>
    }
    .into_any()
}
