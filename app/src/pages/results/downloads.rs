use leptos::prelude::*;

use crate::i18n::use_results_messages;

/// The snapshot as CSV and JSON (the public API), the ranking chart as PNG and the printable
/// report.
#[component]
pub fn Downloads(slug: String, number: i64) -> impl IntoView {
    let r = use_results_messages();
    let api = format!("/api/v1/surveys/{slug}/results");
    view! {
        <section aria-labelledby="downloads-heading" data-testid="downloads">
            <h2 id="downloads-heading">{r.downloads}</h2>
            <ul class="downloads">
                <li>
                    <a href=format!("{api}.csv?snapshot={number}") data-testid="download-csv">{r.download_csv}</a>
                </li>
                <li>
                    <a href=format!("{api}?snapshot={number}") type="application/json" data-testid="download-json">{r.download_json}</a>
                </li>
                <li>
                    <a
                        href=format!("/charts/{slug}/ranking.png?snapshot={number}&width=1200&theme=light")
                        download=format!("{slug}-ranking-{number}.png")
                        data-testid="download-png"
                    >
                        {r.download_png}
                    </a>
                </li>
                <li>
                    <a href=format!("/r/{slug}/{number}/report") data-testid="printable-report">{r.printable_report}</a>
                </li>
            </ul>
        </section>
    }
}
