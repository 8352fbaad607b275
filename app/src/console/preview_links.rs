//! `/console/surveys/{slug}/preview-links`: each brand's secret preview link — make one (its
//! address shown once, to copy or print as a letter), see who made which and until when, and
//! revoke one. Words in `embargo_words.rs`, beside the embargo they serve.

use leptos::prelude::*;

use super::audit_words::AuditWords;
use super::document::render_document;
use super::embargo_words::EmbargoWords;
use super::layout::CsrfField;
use crate::i18n::Locale;
use domain::Role;
use koubei_core::authoring::preview_links::{PreviewLink, DEFAULT_DAYS, MAX_DAYS};
use koubei_core::db::timestamp;
use koubei_core::staff::Principal;

/// A link just made: the only time its address can be shown.
pub struct NewPreviewLink {
    pub subject_name_zh: String,
    pub subject_name_en: String,
    pub url: String,
    pub expires_at: String,
}

pub struct PreviewLinksPage {
    pub slug: String,
    pub title_zh: String,
    pub title_en: String,
    /// The survey's subjects: (slug, zh name, en name).
    pub subjects: Vec<(String, String, String)>,
    pub links: Vec<PreviewLink>,
    pub created: Option<NewPreviewLink>,
    pub notice: Option<String>,
    pub problem: Option<String>,
    /// The pending embargo's time (Beijing), when there is one.
    pub public_from: Option<String>,
}

fn day(stored: &str) -> String {
    timestamp::council_date(stored).unwrap_or_else(|| stored.to_string())
}

pub fn render_preview_links(
    locale: Locale,
    principal: &Principal,
    here: &str,
    page: PreviewLinksPage,
) -> String {
    let w = EmbargoWords::for_locale(locale);
    let principal_for_body = principal.clone();
    render_document(locale, Some(principal), w.links_title, here, move || {
        let principal = principal_for_body;
        let can_edit = principal.may(Role::Editor);
        let title = locale.pick(&page.title_zh, &page.title_en).to_string();
        let slug = page.slug.clone();
        let now = timestamp::now();
        let who = AuditWords::for_locale(locale);
        let rows: Vec<_> = page
            .links
            .iter()
            .map(|link| {
                let state = if link.revoked_at.is_some() {
                    w.link_revoked
                } else if link.expires_at <= now {
                    w.link_expired
                } else {
                    w.link_active
                };
                let active = link.revoked_at.is_none() && link.expires_at > now;
                view! {
                    <tr data-testid=format!("preview-link-{}", link.subject)>
                        <th scope="row">{locale.pick(&link.subject_name_zh, &link.subject_name_en).to_string()}</th>
                        <td data-label=w.col_made>{who.actor(&link.created_by)}" · "{day(&link.created_at)}</td>
                        <td data-label=w.col_until>{day(&link.expires_at)}</td>
                        <td data-label=w.col_state>{state}</td>
                        <td>{(can_edit && active).then(|| view! {
                            <form method="post" action=format!("/console/surveys/{slug}/preview-links/{}/revoke", link.id)
                                class="inline-form" data-confirm=w.revoke_confirm>
                                <CsrfField principal=Some(principal.clone())/>
                                <button type="submit" class="button button--secondary" data-testid="revoke-preview-link">{w.revoke}</button>
                            </form>
                        })}</td>
                    </tr>
                }
            })
            .collect();
        let options: Vec<_> = page
            .subjects
            .iter()
            .map(|(value, zh, en)| view! { <option value=value.clone()>{locale.pick(zh, en).to_string()}</option> })
            .collect();
        view! {
            <div class="no-print">
                <h1>{w.links_title}": "{title.clone()}</h1>
                <p class="muted">{w.links_intro}</p>
                {page.public_from.clone().map(|at| view! { <p class="notice" role="status">{(w.pending)(&at)}</p> })}
                {page.notice.clone().map(|n| view! { <p class="notice" role="status" data-testid="notice">{n}</p> })}
                {page.problem.clone().map(|p| view! { <p class="error" role="alert" data-testid="problem">{p}</p> })}
            </div>
            {page.created.map(|made| {
                let brand = locale.pick(&made.subject_name_zh, &made.subject_name_en).to_string();
                view! {
                    <section class="panel preview-letter" data-testid="new-preview-link">
                        <h2>{(w.letter_title)(&brand)}</h2>
                        <p>{(w.letter_body)(&title)}</p>
                        <p class="preview-letter__url" data-testid="preview-link-url">{made.url.clone()}</p>
                        <p>{(w.letter_until)(&day(&made.expires_at))}</p>
                        <p class="muted no-print">{w.shown_once}" "
                            <button type="button" class="button" data-print="">{w.print_letter}</button>
                        </p>
                    </section>
                }
            })}
            <div class="no-print">
                {can_edit.then(|| view! {
                    <form method="post" action=format!("/console/surveys/{slug}/preview-links") class="console-form narrow">
                        <CsrfField principal=Some(principal.clone())/>
                        <div class="field">
                            <label for="preview-subject">{w.subject_label}</label>
                            <select id="preview-subject" name="subject" required data-testid="preview-subject">{options}</select>
                        </div>
                        <div class="field">
                            <label for="preview-days">{w.days_label}</label>
                            <input type="number" id="preview-days" name="days" min="1" max=MAX_DAYS.to_string()
                                value=DEFAULT_DAYS.to_string() required inputmode="numeric" data-testid="preview-days"/>
                        </div>
                        <button type="submit" class="button" data-testid="make-preview-link">{w.make_link}</button>
                    </form>
                })}
                <div class="table-scroll">
                    <table class="data-table stack-on-phone" data-testid="preview-links">
                        <thead>
                            <tr>
                                <th scope="col">{w.col_subject}</th>
                                <th scope="col">{w.col_made}</th>
                                <th scope="col">{w.col_until}</th>
                                <th scope="col">{w.col_state}</th>
                                <th scope="col"><span class="visually-hidden">{w.revoke}</span></th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
                <p><a href=format!("/console/surveys/{slug}")>{w.back_to_survey}</a></p>
            </div>
        }
        .into_any()
    })
}
