//! The sign-in page.

use leptos::prelude::*;

use super::document::render_document;
use crate::console::ConsoleCatalog;
use crate::i18n::Locale;

/// What the sign-in form shows: the address typed so far, where to go after, the form's
/// anti-forgery token and the last attempt's problem.
pub struct SignInForm {
    pub email: String,
    pub next: String,
    pub token: String,
    pub problem: Option<String>,
}

pub fn render_sign_in(locale: Locale, form: SignInForm) -> String {
    let t = locale.console();
    render_document(
        locale,
        None,
        t.sign_in_title,
        "/console/sign-in",
        move || {
            let problem = form.problem.clone();
            view! {
            <h1>{t.sign_in_title}</h1>
            <form method="post" action="/console/sign-in" class="panel console-form narrow" novalidate>
                <input type="hidden" name="csrf" value=form.token.clone()/>
                <input type="hidden" name="next" value=form.next.clone()/>
                {problem.map(|p| view! {
                    <p class="error" role="alert" data-testid="sign-in-error">{p}</p>
                })}
                <div class="field">
                    <label for="email">{t.email}</label>
                    <input id="email" name="email" type="email" autocomplete="username" required
                        value=form.email.clone() data-testid="email"/>
                </div>
                <div class="field">
                    <label for="password">{t.password}</label>
                    <input id="password" name="password" type="password"
                        autocomplete="current-password" required data-testid="password"/>
                </div>
                <button type="submit" class="button" data-testid="sign-in">{t.sign_in}</button>
            </form>
        }
        .into_any()
        },
    )
}
