//! `/console/surveys/{slug}/replies`: the brands' replies (品牌回应) — the deadline (set,
//! move, stop) and each reply with its review: approve, or reject with a reason the brand
//! reads. Words in `pages::ReplyWords`, shared with the brand's page and the results.

use leptos::prelude::*;

use super::audit_words::AuditWords;
use super::document::render_document;
use super::layout::CsrfField;
use crate::i18n::Locale;
use crate::pages::ReplyWords;
use domain::preview::ReplyStatus;
use domain::Role;
use koubei_core::authoring::replies::{Reply, ReplyDeadline};
use koubei_core::db::timestamp;
use koubei_core::staff::Principal;

pub struct RepliesPage {
    pub slug: String,
    pub title_zh: String,
    pub title_en: String,
    pub deadline: Option<ReplyDeadline>,
    pub replies: Vec<Reply>,
    pub notice: Option<String>,
    pub problem: Option<String>,
    /// What was typed into the deadline field, kept when it was refused.
    pub deadline_typed: Option<String>,
    /// The reply whose reason was missing or too long, to mark its field.
    pub faulty_reply: Option<String>,
}

fn minute(stored: &str) -> String {
    timestamp::council_minute(stored).unwrap_or_else(|| stored.to_string())
}

pub fn render_replies(
    locale: Locale,
    principal: &Principal,
    here: &str,
    page: RepliesPage,
) -> String {
    let w = ReplyWords::for_locale(locale);
    let principal_for_body = principal.clone();
    render_document(locale, Some(principal), w.console_title, here, move || {
        let principal = principal_for_body;
        let can_edit = principal.may(Role::Editor);
        let title = locale.pick(&page.title_zh, &page.title_en).to_string();
        let slug = page.slug.clone();
        let now = timestamp::now();
        let who = AuditWords::for_locale(locale);
        let state_line = match &page.deadline {
            None => w.deadline_none.to_string(),
            Some(d) if d.reply_by > now => (w.deadline_open)(&d.reply_by_beijing),
            Some(d) => (w.deadline_passed)(&d.reply_by_beijing),
        };
        let typed = page
            .deadline_typed
            .clone()
            .or_else(|| page.deadline.as_ref().map(|d| d.reply_by_beijing.clone()))
            .unwrap_or_default();
        let deadline_form = can_edit.then(|| {
            let action = format!("/console/surveys/{slug}/reply-deadline");
            view! {
                <form method="post" action=action.clone() class="console-form narrow" data-testid="reply-deadline-form">
                    <CsrfField principal=Some(principal.clone())/>
                    <div class="field">
                        <label for="reply-by">{w.deadline_label}</label>
                        <input type="text" id="reply-by" name="reply_by" value=typed inputmode="numeric"
                            placeholder="2027-03-14 18:00" aria-describedby="reply-by-hint"
                            aria-invalid=page.deadline_typed.is_some().then_some("true") data-testid="reply-by"/>
                        <p class="muted" id="reply-by-hint">{w.deadline_hint}</p>
                    </div>
                    <button type="submit" name="action" value="set" class="button" data-testid="set-reply-deadline">{w.set_deadline}</button>
                    {page.deadline.is_some().then(|| view! {
                        " "<button type="submit" name="action" value="clear" class="button button--secondary" data-testid="clear-reply-deadline">{w.clear_deadline}</button>
                    })}
                </form>
            }
        });
        let items: Vec<_> = page
            .replies
            .iter()
            .map(|reply| {
                let status = ReplyStatus::parse(&reply.status).unwrap_or(ReplyStatus::Pending);
                let brand = locale.pick(&reply.subject_name_zh, &reply.subject_name_en).to_string();
                let text = |body: &str, lang: &'static str| {
                    (!body.is_empty()).then(|| view! { <blockquote class="reply-text" lang=lang>{body.to_string()}</blockquote> })
                };
                let decided = reply.decided_at.as_ref().map(|at| {
                    let by = who.actor(reply.decided_by.as_deref().unwrap_or_default());
                    view! {
                        <p class="muted">{(w.decided_by)(&by, &minute(at))}</p>
                        {reply.decision_reason.clone().map(|reason| view! { <p>{w.reason}{reason}</p> })}
                    }
                });
                let faulty = page.faulty_reply.as_deref() == Some(reply.id.as_str());
                let field_id = format!("reason-{}", reply.id);
                let review = (can_edit && status == ReplyStatus::Pending).then(|| view! {
                    <form method="post" action=format!("/console/surveys/{slug}/replies/{}/decide", reply.id)
                        class="console-form" data-testid="reply-decision">
                        <CsrfField principal=Some(principal.clone())/>
                        <div class="field">
                            <label for=field_id.clone()>{w.decision_reason}</label>
                            <textarea id=field_id.clone() name="reason" rows="2" maxlength="500"
                                aria-invalid=faulty.then_some("true") autofocus=faulty data-testid="reply-reason"></textarea>
                        </div>
                        <button type="submit" name="decision" value="approve" class="button" data-testid="approve-reply">{w.approve}</button>
                        " "
                        <button type="submit" name="decision" value="reject" class="button button--secondary" data-testid="reject-reply">{w.reject}</button>
                    </form>
                });
                view! {
                    <article class="panel" data-testid=format!("reply-{}", reply.subject) data-state=reply.status.clone()>
                        <h3>{brand}</h3>
                        <p class="muted">{(w.sent_at)(&minute(&reply.submitted_at))}</p>
                        {text(&reply.body_zh, "zh-CN")}
                        {text(&reply.body_en, "en")}
                        <p><strong data-testid="reply-status">{(w.status_word)(status)}</strong></p>
                        {decided}
                        {review}
                    </article>
                }
            })
            .collect();
        let empty = page
            .replies
            .is_empty()
            .then(|| view! { <p class="muted" data-testid="no-replies">{w.none_yet}</p> });
        view! {
            <h1>{w.console_title}": "{title}</h1>
            <p class="muted">{w.console_intro}</p>
            {page.notice.clone().map(|n| view! { <p class="notice" role="status" data-testid="notice">{n}</p> })}
            {page.problem.clone().map(|p| view! { <p class="error" role="alert" data-testid="problem">{p}</p> })}
            <section class="panel" aria-labelledby="deadline-heading">
                <h2 id="deadline-heading">{w.deadline_heading}</h2>
                <p data-testid="reply-deadline-state">{state_line}</p>
                {deadline_form}
            </section>
            <section aria-labelledby="replies-list-heading">
                <h2 id="replies-list-heading">{w.received_heading}</h2>
                <p class="muted">{w.later_note}</p>
                {empty}
                {items}
            </section>
            <p><a href=format!("/console/surveys/{slug}")>{w.back_to_survey}</a></p>
        }
        .into_any()
    })
}
