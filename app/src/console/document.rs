//! The console's HTML document: rendered whole on the server, no hydration, no wasm. Handlers
//! load their data first and then render, so every status code is exact.

use leptos::prelude::*;

use super::layout::ConsoleChrome;
use crate::console::ConsoleCatalog;
use crate::i18n::Locale;
use koubei_core::staff::Principal;

/// Renders a console page: the document, the chrome (navigation for `principal`, if signed in)
/// and `body`.
pub fn render_document(
    locale: Locale,
    principal: Option<&Principal>,
    title: &str,
    here: &str,
    body: impl FnOnce() -> AnyView + Send + 'static,
) -> String {
    let principal = principal.cloned();
    let title = format!("{title} · {} · 口碑 Koubei", locale.console().console);
    let here = here.to_string();
    // A root of its own: `Owner::new()` would hang under whichever page Leptos last left
    // current on this thread, and see that page's context.
    Owner::new_root(None).with(move || {
        provide_context(locale);
        let html = view! {
            <html lang=locale.tag()>
                <head>
                    <meta charset="utf-8"/>
                    <meta name="viewport" content="width=device-width, initial-scale=1"/>
                    <meta name="color-scheme" content="light dark"/>
                    <meta name="robots" content="noindex"/>
                    <title>{title}</title>
                    <link rel="stylesheet" href="/pkg/koubei.css"/>
                    <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                    <script src="/console.js" defer></script>
                </head>
                <body class="console">
                    <ConsoleChrome locale principal here>
                        {body()}
                    </ConsoleChrome>
                </body>
            </html>
        }
        .to_html();
        format!("<!DOCTYPE html>{html}")
    })
}
