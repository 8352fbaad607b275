use leptos::prelude::*;

use crate::i18n::{use_locale, use_messages, use_results_messages};
use domain::ledger::{Ledger, LedgerCounts};
use domain::Flag;

fn cells(counts: &LedgerCounts) -> impl IntoView {
    let r = use_results_messages();
    let flagged: Vec<_> = counts
        .flagged
        .iter()
        .map(|(flag, n)| view! { <td class="num" data-label=(r.flag)(*flag)>{*n}</td> })
        .collect();
    view! {
        <td class="num" data-label=r.col_received>{counts.received}</td>
        {flagged}
        <td class="num" data-label=r.col_excluded>{counts.excluded_total}</td>
        <td class="num" data-label=r.col_held>{counts.held}</td>
        <td class="num" data-label=r.col_counted>{counts.counted}</td>
        <td class="num" data-label=r.col_verified data-testid="verified-share">{verified_share(counts)}</td>
        <td class="num" data-label=r.col_assisted data-testid="assisted">{counts.assisted}</td>
    }
}

/// The verified share as a whole percentage, or a dash when nothing counts.
fn verified_share(counts: &LedgerCounts) -> String {
    counts
        .verified_share()
        .map_or_else(|| "–".to_string(), |share| format!("{:.0}%", share * 100.0))
}

/// The quality ledger as frozen with the snapshot: per subject, responses received, flagged,
/// excluded and counted.
#[component]
pub fn QualityLedger(ledger: Ledger) -> impl IntoView {
    let t = use_messages();
    let r = use_results_messages();
    let locale = use_locale();
    let flag_headers: Vec<_> = Flag::ALL
        .into_iter()
        .map(|flag| view! { <th scope="col" class="num">{(r.flag)(flag)}</th> })
        .collect();
    let rows: Vec<_> = ledger
        .subjects
        .iter()
        .map(|line| {
            view! {
                <tr>
                    <th scope="row">{locale.pick(&line.subject_name_zh, &line.subject_name_en).to_string()}</th>
                    {cells(&line.counts)}
                </tr>
            }
        })
        .collect();
    let reasons: Vec<_> = ledger
        .total
        .excluded
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(reason, n)| view! { <li>{(r.reason)(*reason)}": "{*n}</li> })
        .chain((ledger.total.excluded_in_clusters > 0).then(|| {
            view! { <li>{r.excluded_in_clusters}": "{ledger.total.excluded_in_clusters}</li> }
        }))
        .collect();
    // Older snapshots have no channels; nonzero ones only, in the catalog's words.
    let channels = ledger
        .total
        .channels
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(channel, n)| format!("{} {n}", (r.channel)(*channel)))
        .collect::<Vec<_>>()
        .join(" · ");
    // Older snapshots have no detector counts; nonzero ones only.
    let detected = ledger
        .total
        .detected
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(signal, n)| format!("{} {n}", (r.detector)(signal)))
        .collect::<Vec<_>>()
        .join(" · ");
    view! {
        <section aria-labelledby="ledger-heading" data-testid="quality-ledger">
            <h2 id="ledger-heading">{r.ledger}</h2>
            <p class="muted">{r.ledger_intro}</p>
            <div class="table-scroll" role="region" tabindex="0" aria-labelledby="ledger-heading">
                <table class="data-table stack-on-phone">
                    <thead>
                        <tr>
                            <th scope="col">{t.ranking_subject}</th>
                            <th scope="col" class="num">{r.col_received}</th>
                            {flag_headers}
                            <th scope="col" class="num">{r.col_excluded}</th>
                            <th scope="col" class="num">{r.col_held}</th>
                            <th scope="col" class="num">{r.col_counted}</th>
                            <th scope="col" class="num">{r.col_verified}</th>
                            <th scope="col" class="num">{r.col_assisted}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                    <tfoot>
                        <tr data-testid="ledger-total">
                            <th scope="row">{r.total}</th>
                            {cells(&ledger.total)}
                        </tr>
                    </tfoot>
                </table>
            </div>
            {(!reasons.is_empty()).then(|| view! {
                <p>{r.excluded_because}</p>
                <ul class="compact-list">{reasons}</ul>
            })}
            {(!channels.is_empty()).then(|| view! {
                <p data-testid="ledger-channels">{r.by_channel}" "{channels}</p>
            })}
            {(!detected.is_empty()).then(|| view! {
                <p data-testid="ledger-detected">{r.detected_by}" "{detected}</p>
            })}
            <p class="muted">{r.verified_explained}</p>
            <p class="muted">{r.assisted_explained}</p>
        </section>
    }
}
