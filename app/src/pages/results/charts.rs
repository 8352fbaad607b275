use leptos::prelude::*;

/// A chart served by `/charts/…`, light or dark as the reader's system is, by plain HTML.
/// The page around it carries the same figures as text; a tap opens the image alone.
#[component]
pub fn Chart(
    src: String,
    alt: String,
    /// Left out on narrow screens, where the page draws the same figures in HTML.
    #[prop(optional)]
    wide_only: bool,
) -> impl IntoView {
    let join = if src.contains('?') { '&' } else { '?' };
    let class = if wide_only {
        "chart chart--wide"
    } else {
        "chart"
    };
    let light = format!("{src}{join}theme=light");
    // A tap opens the chart on its own, at full size.
    let full_size = light.clone();
    view! {
        <figure class=class>
            <a href=full_size class="chart__open">
                <picture>
                    <source media="(prefers-color-scheme: dark)" srcset=format!("{src}{join}theme=dark")/>
                    <img src=light alt=alt loading="lazy" decoding="async"/>
                </picture>
            </a>
        </figure>
    }
}
