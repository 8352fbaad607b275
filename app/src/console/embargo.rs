//! The console's embargo views: the form on the publication preview that freezes the results
//! and sets their publication time, and the survey page's panel for a pending embargo (move,
//! cancel). Plain forms, posted to `/console/surveys/{slug}/embargo`.

use leptos::prelude::*;

use super::embargo_words::EmbargoWords;
use super::layout::CsrfField;
use crate::i18n::Locale;
use koubei_core::authoring::embargo::Embargo;
use koubei_core::staff::Principal;

/// The pill that stands for the status of a survey waiting for its embargo.
pub fn embargo_badge(locale: Locale) -> impl IntoView {
    view! {
        <span class="status-badge status-badge--embargoed" data-testid="survey-status">
            {EmbargoWords::for_locale(locale).status}
        </span>
    }
}

fn time_field(id: &'static str, label: &'static str, hint: &'static str) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input type="datetime-local" id=id name="publish_at" required
                aria-describedby=hint_id.clone() data-testid=id/>
            <p class="muted" id=hint_id>{hint}</p>
        </div>
    }
}

/// On the publication preview of a closed survey: publish at a set time instead of now.
pub fn embargo_form(locale: Locale, principal: &Principal, slug: &str) -> impl IntoView {
    let w = EmbargoWords::for_locale(locale);
    view! {
        <section class="panel" aria-labelledby="embargo-title" data-testid="embargo-form">
            <h2 id="embargo-title">{w.set_title}</h2>
            <p class="muted">{w.set_hint}</p>
            <form method="post" action=format!("/console/surveys/{slug}/embargo") class="console-form narrow">
                <CsrfField principal=Some(principal.clone())/>
                <input type="hidden" name="action" value="set"/>
                {time_field("embargo-at", w.time_label, w.time_hint)}
                <button type="submit" class="button" data-testid="set-embargo">{w.set}</button>
            </form>
        </section>
    }
}

/// On the survey page while an embargo is pending: when, what froze, and (editors) move or
/// cancel it.
pub fn embargo_panel(
    locale: Locale,
    principal: &Principal,
    slug: &str,
    embargo: Embargo,
    can_edit: bool,
) -> impl IntoView {
    let w = EmbargoWords::for_locale(locale);
    let actor = super::audit_words::AuditWords::for_locale(locale).actor(&embargo.scheduled_by);
    view! {
        <div data-testid="embargo-pending">
            <p class="notice" role="status">{(w.pending)(&embargo.publish_at_beijing)}</p>
            <dl class="facts">
                <dt>{w.frozen_data}</dt>
                <dd>"n = "{embargo.responses}<div class="muted hash">"SHA-256 "{embargo.data_hash.clone()}</div></dd>
                <dt>{w.scheduled_by}</dt>
                <dd>{actor}</dd>
            </dl>
            {can_edit.then(|| view! {
                <form method="post" action=format!("/console/surveys/{slug}/embargo") class="console-form narrow">
                    <CsrfField principal=Some(principal.clone())/>
                    <input type="hidden" name="action" value="move"/>
                    {time_field("embargo-new-at", w.new_time_label, w.time_hint)}
                    <button type="submit" class="button button--secondary" data-testid="move-embargo">{w.move_button}</button>
                </form>
                <form method="post" action=format!("/console/surveys/{slug}/embargo") class="console-form narrow">
                    <CsrfField principal=Some(principal.clone())/>
                    <input type="hidden" name="action" value="cancel"/>
                    <p class="muted">{w.cancel_hint}</p>
                    <button type="submit" class="button button--danger" data-testid="cancel-embargo">{w.cancel}</button>
                </form>
            })}
        </div>
    }
}
