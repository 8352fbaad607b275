use leptos::prelude::*;
use leptos_meta::Title;

use crate::i18n::use_messages;

/// Shown for every unknown path, with HTTP status 404 when rendered on the server.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    let t = use_messages();
    view! {
        <Title text=t.not_found_title/>
        <main class="page not-found" id="main" data-testid="not-found">
            <h1>{t.not_found_title}</h1>
            <p>{t.not_found_body}</p>
            <p>
                <a class="button" href="/">{t.back_home}</a>
            </p>
        </main>
    }
}
