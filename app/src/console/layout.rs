//! The chrome around every console page: where you are, where you can go (by role), the
//! language switch, and signing out.

use leptos::prelude::*;

use crate::console::ConsoleCatalog;
use crate::i18n::Catalog;
use crate::i18n::Locale;
use domain::Role;
use koubei_core::staff::Principal;

/// The hidden CSRF field every state-changing console form carries.
#[component]
pub fn CsrfField(principal: Option<Principal>) -> impl IntoView {
    let token = principal.and_then(|p| p.csrf_token).unwrap_or_default();
    view! { <input type="hidden" name="csrf" value=token/> }
}

#[component]
pub fn ConsoleChrome(
    locale: Locale,
    principal: Option<Principal>,
    here: String,
    children: Children,
) -> impl IntoView {
    let t = locale.console();
    let nav = principal.clone().map(|p| {
        let admin = p.may(Role::Admin);
        view! {
            <nav class="console-nav" aria-label=t.console>
                <a href="/console" data-testid="nav-surveys">{t.nav_surveys}</a>
                <a href="/console/sectors" data-testid="nav-sectors">{t.nav_sectors}</a>
                {admin.then(|| view! {
                    <a href="/console/users" data-testid="nav-users">{t.nav_users}</a>
                    <a href="/console/tokens" data-testid="nav-tokens">{t.nav_tokens}</a>
                    <a href="/console/kiosk-keys" data-testid="nav-kiosk-keys">{t.nav_kiosk_keys}</a>
                    <a href="/console/audit" data-testid="nav-audit">{t.nav_audit}</a>
                })}
            </nav>
            <div class="console-user">
                <span>{t.signed_in_as}" "<strong data-testid="signed-in-as">{p.display_name()}</strong>
                    " ("{p.role.as_str()}")"</span>
                <form method="post" action="/console/sign-out" class="inline-form">
                    <CsrfField principal=Some(p.clone())/>
                    <button type="submit" class="link-button" data-testid="sign-out">{t.sign_out}</button>
                </form>
                <form method="post" action="/console/sign-out-everywhere" class="inline-form">
                    <CsrfField principal=Some(p.clone())/>
                    <button type="submit" class="link-button">{t.sign_out_everywhere}</button>
                </form>
            </div>
        }
    });
    let next = encode(&here);
    view! {
        <a class="skip-link" href="#main">{locale.messages().skip_to_content}</a>
        <header class="site-header console-header">
            <a class="site-name" href="/console">
                <span class="site-name__mark" aria-hidden="true">"口碑"</span>
                <span>{t.console}</span>
            </a>
            <nav class="language-switch" aria-label=locale.messages().language>
                {Locale::ALL
                    .into_iter()
                    .map(|other| {
                        let label = other.endonym();
                        view! {
                            <a
                                href=format!("/lang/{}?next={next}", other.tag())
                                lang=other.tag()
                                hreflang=other.tag()
                                aria-current=(other == locale).then_some("true")
                            >
                                {label}
                            </a>
                        }
                    })
                    .collect_view()}
            </nav>
        </header>
        {nav}
        <main id="main" class="page console-page">{children()}</main>
    }
}

/// Percent-encodes a local path for a query value.
pub fn encode(path: &str) -> String {
    form_urlencoded::byte_serialize(path.as_bytes()).collect()
}
