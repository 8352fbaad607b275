//! Admin pages: staff users and API tokens.

use leptos::prelude::*;

use super::document::render_document;
use super::fields::TextInput;
use super::layout::CsrfField;
use crate::console::ConsoleCatalog;
use crate::i18n::Locale;
use domain::Role;
use koubei_core::staff::api_tokens::ApiToken;
use koubei_core::staff::users::StaffUser;
use koubei_core::staff::Principal;

fn role_select(name: &'static str, current: Role, id: String) -> impl IntoView {
    let options: Vec<_> = Role::ALL
        .into_iter()
        .map(|role| view! { <option value=role.as_str() selected=role == current>{role.as_str()}</option> })
        .collect();
    view! { <select id=id name=name>{options}</select> }
}

pub struct UsersPage {
    pub users: Vec<StaffUser>,
    pub new_email: String,
    pub new_role: Role,
    pub problem: Option<String>,
    pub notice: Option<String>,
}

pub fn render_users(locale: Locale, principal: &Principal, here: &str, page: UsersPage) -> String {
    let t = locale.console();
    let p = principal.clone();
    render_document(locale, Some(principal), t.users_title, here, move || {
        let rows: Vec<_> = page
            .users
            .iter()
            .map(|user| {
                let id = user.id.clone();
                view! {
                    <tr data-testid=format!("user-row-{}", user.email)>
                        <th scope="row">{user.email.clone()}</th>
                        <td colspan="2">
                            <form method="post" action=format!("/console/users/{id}") class="inline-form">
                                <CsrfField principal=Some(p.clone())/>
                                <label class="visually-hidden" for=format!("role-{id}")>{t.role}</label>
                                {role_select("role", user.role, format!("role-{id}"))}
                                <label class="check">
                                    <input type="checkbox" name="active" value="yes" checked=user.active/>
                                    {t.active}
                                </label>
                                <button type="submit" class="button button--secondary">{t.update}</button>
                            </form>
                        </td>
                        <td>{user.created_at.clone()}</td>
                    </tr>
                }
            })
            .collect();
        view! {
            <h1>{t.users_title}</h1>
            {page.notice.map(|n| view! { <p class="notice" role="status" data-testid="notice">{n}</p> })}
            {page.problem.map(|m| view! { <p class="error" role="alert" data-testid="problem">{m}</p> })}
            <div class="table-scroll">
                <table class="data-table">
                    <thead><tr>
                        <th scope="col">{t.email}</th>
                        <th scope="col" colspan="2">{t.role}" / "{t.active}</th>
                        <th scope="col">{t.col_created}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <form method="post" action="/console/users" class="panel console-form narrow" novalidate>
                <h2>{t.new_user}</h2>
                <CsrfField principal=Some(p.clone())/>
                <TextInput name="email" label=t.email value=page.new_email.clone() kind="email"/>
                <TextInput name="password" label=t.password value=String::new() kind="password"/>
                <div class="field">
                    <label for="new-role">{t.role}</label>
                    {role_select("role", page.new_role, "new-role".into())}
                </div>
                <button type="submit" class="button" data-testid="create-user">{t.create}</button>
            </form>
        }
        .into_any()
    })
}

pub struct TokensPage {
    pub tokens: Vec<ApiToken>,
    /// A token's secret right after creation: shown this once.
    pub created_secret: Option<String>,
    pub problem: Option<String>,
}

pub fn render_tokens(
    locale: Locale,
    principal: &Principal,
    here: &str,
    page: TokensPage,
) -> String {
    let t = locale.console();
    let p = principal.clone();
    render_document(locale, Some(principal), t.tokens_title, here, move || {
        let rows: Vec<_> = page
            .tokens
            .iter()
            .map(|token| {
                let revoke = token.revoked_at.is_none().then(|| view! {
                    <form method="post" action=format!("/console/tokens/{}/revoke", token.id) class="inline-form">
                        <CsrfField principal=Some(p.clone())/>
                        <button type="submit" class="button button--secondary">{t.revoke}</button>
                    </form>
                });
                view! {
                    <tr>
                        <th scope="row">{token.name.clone()}<div class="muted">{token.id.clone()}</div></th>
                        <td>{token.role.0.as_str()}</td>
                        <td>{token.created_at.clone()}</td>
                        <td>{token.last_used_at.clone().unwrap_or_else(|| t.never.into())}</td>
                        <td>{token.revoked_at.clone().unwrap_or_default()}</td>
                        <td>{revoke}</td>
                    </tr>
                }
            })
            .collect();
        view! {
            <h1>{t.tokens_title}</h1>
            {page.created_secret.map(|secret| view! {
                <div class="notice" role="status">
                    <p>{t.token_shown_once}</p>
                    <p><code data-testid="token-secret">{secret}</code></p>
                </div>
            })}
            {page.problem.map(|m| view! { <p class="error" role="alert">{m}</p> })}
            <div class="table-scroll">
                <table class="data-table">
                    <thead><tr>
                        <th scope="col">{t.token_name}</th>
                        <th scope="col">{t.role}</th>
                        <th scope="col">{t.col_created}</th>
                        <th scope="col">{t.col_last_used}</th>
                        <th scope="col">{t.col_revoked}</th>
                        <th scope="col"></th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <form method="post" action="/console/tokens" class="panel console-form narrow" novalidate>
                <h2>{t.new_token}</h2>
                <CsrfField principal=Some(p.clone())/>
                <TextInput name="name" label=t.token_name value=String::new()/>
                <div class="field">
                    <label for="token-role">{t.role}</label>
                    {role_select("role", Role::Viewer, "token-role".into())}
                </div>
                <button type="submit" class="button" data-testid="create-token">{t.create}</button>
            </form>
        }
        .into_any()
    })
}
