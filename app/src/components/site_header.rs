use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::i18n::{use_messages, use_results_messages, Locale};

/// The site name, the rankings and the calculator, and the language switch. Switching is a plain link to `/lang/{tag}`, which
/// remembers the choice in a cookie and returns to this page, so it works without JavaScript.
#[component]
pub fn SiteHeader() -> impl IntoView {
    let t = use_messages();
    // The results catalog: the header is server HTML only, and the bundle carries `Messages`.
    let r = use_results_messages();
    let current = crate::i18n::use_locale();
    let location = use_location();
    let here = move || {
        let query = location.search.get();
        let path = location.pathname.get();
        if query.is_empty() {
            path
        } else {
            format!("{path}?{query}")
        }
    };
    // rel="external": a full request, so the server sets the cookie.
    let large = crate::large_mode::is_on();
    let large_mode_switch = {
        let (state, label) = if large {
            ("off", r.large_mode_off)
        } else {
            ("on", r.large_mode_on)
        };
        let href = move || format!("/large-mode/{state}?next={}", encode_component(&here()));
        view! {
            <a class="site-nav large-mode-switch" href=href rel="external" data-testid="large-mode">{label}</a>
        }
    };
    view! {
        <header class="site-header">
            <a class="site-name" href="/">
                <span class="site-name__mark" aria-hidden="true">"口碑"</span>
                <span>{t.site_name}</span>
            </a>
            <a class="site-nav" href="/sectors" data-testid="nav-rankings">{r.nav_rankings}</a>
            <a class="site-nav" href="/tools/nps" data-testid="nav-calculator">{t.nav_calculator}</a>
            <nav class="language-switch" aria-label=t.language>
                {Locale::ALL
                    .into_iter()
                    .map(|locale| {
                        let label = locale.endonym();
                        let href = move || {
                            format!("/lang/{}?next={}", locale.tag(), encode_component(&here()))
                        };
                        view! {
                            // rel="external": a full request, so the server sets the cookie.
                            <a
                                href=href
                                rel="external"
                                lang=locale.tag()
                                hreflang=locale.tag()
                                aria-current=(locale == current).then_some("true")
                                data-testid=format!("lang-{}", locale.tag())
                            >
                                {label}
                            </a>
                        }
                    })
                    .collect_view()}
            </nav>
            {large_mode_switch}
        </header>
    }
}

/// Percent-encodes a path for use as a query value (keeps it a local path on the way back).
fn encode_component(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::encode_component;

    #[test]
    fn encodes_queries_and_unicode() {
        assert_eq!(
            encode_component("/?q=口 腔&x=1"),
            "/%3Fq%3D%E5%8F%A3%20%E8%85%94%26x%3D1"
        );
        assert_eq!(encode_component("/s/dental-2026"), "/s/dental-2026");
    }
}
