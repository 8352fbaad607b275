use leptos::prelude::*;

use crate::i18n::use_results_messages;
use domain::results_page::SnapshotEntry;

/// Shown on an older snapshot: a newer one exists.
#[component]
pub fn NewerSnapshot(slug: String, latest: i64) -> impl IntoView {
    let r = use_results_messages();
    view! {
        <p class="notice" data-testid="newer-snapshot">
            {(r.newer_notice)(latest)}" "
            <a href=format!("/r/{slug}")>{r.see_latest}</a>
        </p>
    }
}

/// A correction's changelog entry: what changed and why.
#[component]
pub fn Correction(changelog: String) -> impl IntoView {
    let r = use_results_messages();
    view! {
        <section class="notice" aria-labelledby="correction-heading" data-testid="changelog">
            <h2 id="correction-heading">{r.correction}</h2>
            <p class="changelog">{changelog}</p>
        </section>
    }
}

/// Every snapshot of the survey, newest first, with its changelog; each has its own URL.
#[component]
pub fn SnapshotList(slug: String, snapshots: Vec<SnapshotEntry>, current: i64) -> impl IntoView {
    let r = use_results_messages();
    let items: Vec<_> = snapshots
        .into_iter()
        .map(|entry| {
            let here = entry.number == current;
            let changelog = if entry.changelog.is_empty() {
                r.first_publication.to_string()
            } else {
                entry.changelog
            };
            view! {
                <li data-testid="snapshot">
                    <a
                        href=format!("/r/{slug}/{}", entry.number)
                        aria-current=here.then_some("page")
                    >
                        {(r.snapshot_item)(entry.number, &entry.published_on, entry.responses)}
                    </a>
                    {here.then(|| view! { " "{r.this_page} })}
                    <br/>
                    <span class="changelog muted">{changelog}</span>
                </li>
            }
        })
        .collect();
    view! {
        <section aria-labelledby="snapshots-heading" data-testid="snapshots">
            <h2 id="snapshots-heading">{r.snapshots}</h2>
            <ul class="snapshot-list">{items}</ul>
        </section>
    }
}
