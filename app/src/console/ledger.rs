//! The quality ledger table: received, flagged, excluded and counted, per subject.

use leptos::prelude::*;

use crate::console::ConsoleCatalog;
use crate::i18n::Catalog;
use crate::i18n::Locale;
use koubei_core::moderation::ledger::{Ledger, LedgerCounts};

fn cells(counts: &LedgerCounts, subject: &str) -> impl IntoView {
    let flagged: Vec<_> = counts
        .flagged
        .iter()
        .map(|(_, n)| view! { <td class="num">{*n}</td> })
        .collect();
    view! {
        <td class="num">{counts.received}</td>
        {flagged}
        <td class="num" data-testid=format!("ledger-excluded-{subject}")>{counts.excluded_total}</td>
        <td class="num" data-testid=format!("ledger-held-{subject}")>{counts.held}</td>
        <td class="num" data-testid=format!("ledger-counted-{subject}")>{counts.counted}</td>
        <td class="num" data-testid=format!("ledger-verified-{subject}")>{counts.verified}</td>
        <td class="num" data-testid=format!("ledger-assisted-{subject}")>{counts.assisted}</td>
    }
}

#[component]
pub fn LedgerTable(locale: Locale, ledger: Ledger) -> impl IntoView {
    let t = locale.console();
    // The published report's words, so staff read what the public will.
    let r = locale.results();
    let detected = ledger
        .total
        .detected
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(signal, n)| format!("{} {n}", (r.detector)(signal)))
        .collect::<Vec<_>>()
        .join(" · ");
    let flag_headers: Vec<_> = domain::Flag::ALL
        .into_iter()
        .map(|f| view! { <th scope="col" class="num">{(t.flag_label)(f)}</th> })
        .collect();
    let reasons: Vec<_> = ledger
        .total
        .excluded
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(reason, n)| view! { <li>{(t.reason_label)(*reason)}": "{*n}</li> })
        .chain((ledger.total.excluded_in_clusters > 0).then(|| {
            view! { <li>{t.excluded_in_clusters}": "{ledger.total.excluded_in_clusters}</li> }
        }))
        .collect();
    let channel_headers: Vec<_> = domain::Channel::ALL
        .into_iter()
        .map(|c| view! { <th scope="col" class="num">{(t.channel_label)(c)}</th> })
        .collect();
    let channel_rows: Vec<_> = ledger
        .subjects
        .iter()
        .map(|line| {
            let cells: Vec<_> = line
                .counts
                .channels
                .iter()
                .map(|(channel, n)| view! {
                    <td class="num" data-testid=format!("channel-{}-{}", channel.as_str(), line.subject)>{*n}</td>
                })
                .collect();
            view! {
                <tr>
                    <th scope="row">{locale.pick(&line.subject_name_zh, &line.subject_name_en).to_string()}</th>
                    {cells}
                </tr>
            }
        })
        .collect();
    let rows: Vec<_> = ledger
        .subjects
        .iter()
        .map(|line| {
            view! {
                <tr>
                    <th scope="row">{locale.pick(&line.subject_name_zh, &line.subject_name_en).to_string()}</th>
                    {cells(&line.counts, &line.subject)}
                </tr>
            }
        })
        .collect();
    view! {
        <section class="panel" aria-labelledby="ledger-title">
            <h2 id="ledger-title">{t.ledger_title}</h2>
            <p class="muted">{t.ledger_hint}</p>
            <div class="table-scroll">
                <table class="data-table" data-testid="ledger">
                    <thead>
                        <tr>
                            <th scope="col">{t.col_subject}</th>
                            <th scope="col" class="num">{t.col_received}</th>
                            {flag_headers}
                            <th scope="col" class="num">{t.col_excluded}</th>
                            <th scope="col" class="num">{t.col_held}</th>
                            <th scope="col" class="num">{t.col_counted}</th>
                            <th scope="col" class="num">{t.col_verified}</th>
                            <th scope="col" class="num">{t.col_assisted}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                    <tfoot>
                        <tr>
                            <th scope="row">{t.total}</th>
                            {cells(&ledger.total, "total")}
                        </tr>
                    </tfoot>
                </table>
            </div>
            {(!reasons.is_empty()).then(|| view! {
                <p>{t.col_excluded}": "</p>
                <ul class="compact-list">{reasons}</ul>
            })}
            {(!detected.is_empty()).then(|| view! {
                <p data-testid="ledger-detected">{r.detected_by}" "{detected}</p>
            })}
            <p class="muted">{r.verified_explained}</p>
            <p class="muted">{r.assisted_explained}</p>
            <h3>{t.channels_title}</h3>
            <div class="table-scroll">
                <table class="data-table" data-testid="ledger-channels">
                    <thead><tr><th scope="col">{t.col_subject}</th>{channel_headers}</tr></thead>
                    <tbody>{channel_rows}</tbody>
                </table>
            </div>
        </section>
    }
}
