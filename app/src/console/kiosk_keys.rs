//! The kiosk keys page (admins): what each key may answer, how much it sent today, revoking it,
//! and a form for a new one whose secret is shown once.

use leptos::prelude::*;

use super::document::render_document;
use super::fields::TextInput;
use super::layout::CsrfField;
use crate::console::ConsoleCatalog;
use crate::i18n::Locale;
use koubei_core::authoring::surveys::SurveyListing;
use koubei_core::db::timestamp::council_minute;
use koubei_core::staff::kiosk_keys::KioskKey;
use koubei_core::staff::Principal;

pub struct KioskKeysPage {
    pub kiosk_keys: Vec<KioskKey>,
    /// Every survey, to choose from (and to name a key's surveys by title).
    pub surveys: Vec<SurveyListing>,
    /// A key's secret right after creation: shown this once.
    pub created_secret: Option<String>,
    pub problem: Option<String>,
}

pub fn render_kiosk_keys(
    locale: Locale,
    principal: &Principal,
    here: &str,
    page: KioskKeysPage,
) -> String {
    let t = locale.console();
    let p = principal.clone();
    render_document(
        locale,
        Some(principal),
        t.kiosk_keys_title,
        here,
        move || {
            let title_of = |slug: &str| {
                page.surveys
                    .iter()
                    .find(|s| s.slug == slug)
                    .map(|s| locale.pick(&s.title.zh_cn, &s.title.en).to_string())
                    .unwrap_or_else(|| slug.to_string())
            };
            let when = |stored: &Option<String>| {
                stored
                    .as_deref()
                    .and_then(council_minute)
                    .unwrap_or_else(|| t.never.to_string())
            };
            let rows: Vec<_> = page
            .kiosk_keys
            .iter()
            .map(|key| {
                let surveys: Vec<_> = key
                    .surveys
                    .iter()
                    .map(|slug| view! { <li>{title_of(slug)}</li> })
                    .collect();
                let state = match &key.revoked_at {
                    Some(at) => format!("{} {}", t.kiosk_key_revoked, when(&Some(at.clone()))),
                    None => t.kiosk_key_active.to_string(),
                };
                let revoke = key.revoked_at.is_none().then(|| view! {
                    <form method="post" action=format!("/console/kiosk-keys/{}/revoke", key.id) class="inline-form">
                        <CsrfField principal=Some(p.clone())/>
                        <button type="submit" class="button button--secondary"
                            data-testid=format!("revoke-kiosk-key-{}", key.name)>{t.revoke}</button>
                    </form>
                });
                let limit = key
                    .daily_limit
                    .map_or_else(|| t.kiosk_key_no_limit.to_string(), |n| n.to_string());
                view! {
                    <tr data-testid="kiosk-key-row">
                        <th scope="row">{key.name.clone()}</th>
                        <td><ul class="compact-list">{surveys}</ul></td>
                        <td class="num">{key.answers_today}" / "{limit}</td>
                        <td>{when(&key.last_used_at)}</td>
                        <td data-testid="kiosk-key-state">{state}</td>
                        <td>{revoke}</td>
                    </tr>
                }
            })
            .collect();
            let table = if rows.is_empty() {
                view! { <p class="muted">{t.kiosk_key_none}</p> }.into_any()
            } else {
                view! {
                <div class="table-scroll">
                    <table class="data-table" data-testid="kiosk-keys">
                        <thead><tr>
                            <th scope="col">{t.kiosk_key_name}</th>
                            <th scope="col">{t.kiosk_key_surveys}</th>
                            <th scope="col">{t.kiosk_key_today}" / "{t.kiosk_key_daily_limit}</th>
                            <th scope="col">{t.col_last_used}</th>
                            <th scope="col">{t.col_status}</th>
                            <th scope="col"></th>
                        </tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            }
            .into_any()
            };
            let survey_boxes: Vec<_> = page
                .surveys
                .iter()
                .map(|survey| {
                    let id = format!("kiosk-survey-{}", survey.slug);
                    let label_for = id.clone();
                    view! {
                        <label class="check" for=label_for>
                            <input type="checkbox" id=id name="surveys" value=survey.slug.clone()
                                data-testid=format!("kiosk-survey-{}", survey.slug)/>
                            {locale.pick(&survey.title.zh_cn, &survey.title.en).to_string()}
                        </label>
                    }
                })
                .collect();
            view! {
            <h1>{t.kiosk_keys_title}</h1>
            <p>{t.kiosk_keys_intro}</p>
            {page.created_secret.map(|secret| view! {
                <div class="notice" role="status">
                    <p>{t.kiosk_key_shown_once}</p>
                    <p><code data-testid="kiosk-key-secret">{secret}</code></p>
                    <p>{t.kiosk_key_how_to_use}</p>
                </div>
            })}
            {page.problem.map(|m| view! { <p class="error" role="alert">{m}</p> })}
            {table}
            <form method="post" action="/console/kiosk-keys" class="panel console-form narrow" novalidate>
                <h2>{t.new_kiosk_key}</h2>
                <CsrfField principal=Some(p.clone())/>
                <TextInput name="name" label=t.kiosk_key_name value=String::new()/>
                <p class="muted">{t.kiosk_key_name_hint}</p>
                <fieldset class="check-group">
                    <legend>{t.kiosk_key_surveys}</legend>
                    {survey_boxes}
                </fieldset>
                <TextInput name="daily_limit" label=t.kiosk_key_daily_limit value=String::new() kind="number"/>
                <p class="muted">{t.kiosk_key_daily_limit_hint}</p>
                <button type="submit" class="button" data-testid="create-kiosk-key">{t.create}</button>
            </form>
        }
        .into_any()
        },
    )
}
