use leptos::prelude::*;

/// The words of a filter box, from the page's catalog.
#[derive(Clone, Copy)]
pub struct FilterText {
    pub label: &'static str,
    pub placeholder: &'static str,
    pub submit: &'static str,
}

/// A search box that filters a list: a plain GET form with `q` (the server filters when
/// JavaScript is off), and live filtering through `on_input` inside an island.
#[component]
pub fn FilterBox(
    /// The input's id, also its `data-testid`.
    id: &'static str,
    /// Where the form goes; `None`: this page.
    #[prop(optional)]
    action: Option<&'static str>,
    text: FilterText,
    initial: String,
    on_input: WriteSignal<String>,
) -> impl IntoView {
    view! {
        <form class="filter" method="get" action=action role="search">
            <label for=id>{text.label}</label>
            <div class="filter__row">
                <input
                    id=id
                    name="q"
                    type="search"
                    autocomplete="off"
                    placeholder=text.placeholder
                    value=initial
                    data-testid=id
                    on:input=move |ev| on_input.set(event_target_value(&ev))
                />
                <button type="submit">{text.submit}</button>
            </div>
        </form>
    }
}
