use leptos::prelude::*;

/// A chart served by `/charts/…`, light or dark as the reader's system is, by plain HTML.
/// The page around it carries the same figures as text.
#[component]
pub fn Chart(src: String, alt: String) -> impl IntoView {
    let join = if src.contains('?') { '&' } else { '?' };
    view! {
        <figure class="chart">
            <picture>
                <source media="(prefers-color-scheme: dark)" srcset=format!("{src}{join}theme=dark")/>
                <img src=format!("{src}{join}theme=light") alt=alt loading="lazy" decoding="async"/>
            </picture>
        </figure>
    }
}
