//! The reply part of a brand's preview page: the invitation and its form (a plain HTML form,
//! posted to `/preview/{token}/reply`), or the reply sent with its review state and reason.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use super::reply_words::ReplyWords;
use crate::i18n::use_locale;
use domain::preview::{ReplyPanel, ReplyStatus, SentReply};
use domain::results::REPLY_MAX_CHARS;

/// What the server hands back with a refused send (rendered under 409/422): the refusal and
/// what the brand typed, so nothing typed is lost.
#[derive(Clone, Debug, Default)]
pub struct ReplyEcho {
    /// `ReplyRefusal::message_key`.
    pub refusal: String,
    /// The field at fault (`body_zh`, `body_en`), to mark and focus.
    pub field: Option<String>,
    pub body_zh: String,
    pub body_en: String,
}

#[component]
pub fn ReplySection(token: String, panel: ReplyPanel) -> impl IntoView {
    let w = ReplyWords::for_locale(use_locale());
    let just_sent = use_query_map().read_untracked().get("sent").is_some();
    // A refused send, whatever the panel shows now (the form, or the reply sent before).
    let echo = use_context::<ReplyEcho>().filter(|echo| !echo.refusal.is_empty());
    let refusal = echo.as_ref().map(|echo| {
        view! {
            <p class="error" role="alert" id="reply-error" data-testid="reply-error">{(w.refusal)(&echo.refusal)}</p>
        }
    });
    // Where no form takes it back, what the brand wrote is still shown, to keep or copy.
    let unsent = echo.filter(|_| !panel.open).map(|echo| {
        let text = [echo.body_zh, echo.body_en]
            .into_iter()
            .filter(|t| !t.trim().is_empty())
            .collect::<Vec<_>>()
            .join("\n\n");
        (!text.is_empty()).then(|| {
            view! {
                <p>{w.unsent}</p>
                <blockquote class="reply-text" data-testid="reply-unsent">{text}</blockquote>
            }
        })
    });
    let body = match (panel.sent, panel.open, panel.reply_by) {
        (Some(sent), _, _) => view! { <Sent sent just_sent/> }.into_any(),
        (None, true, Some(by)) => view! { <ReplyForm token by/> }.into_any(),
        (None, _, Some(by)) => {
            view! { <p data-testid="reply-closed">{(w.closed)(&by)}</p> }.into_any()
        }
        (None, _, None) => {
            view! { <p class="muted" data-testid="reply-not-invited">{w.not_invited}</p> }
                .into_any()
        }
    };
    view! {
        <section id="reply" class="reply-panel" aria-labelledby="reply-heading" data-testid="reply-panel">
            <h2 id="reply-heading">{w.heading}</h2>
            {refusal}
            {unsent}
            {body}
        </section>
    }
}

#[component]
fn Sent(sent: SentReply, just_sent: bool) -> impl IntoView {
    let w = ReplyWords::for_locale(use_locale());
    let text = |body: String, lang: &'static str| {
        (!body.is_empty())
            .then(|| view! { <blockquote class="reply-text" lang=lang>{body}</blockquote> })
    };
    let reason = sent
        .reason
        .filter(|_| sent.status == ReplyStatus::Rejected)
        .map(|reason| view! { <p data-testid="reply-reason">{w.reason}{reason}</p> });
    view! {
        {just_sent.then(|| view! { <p class="notice" role="status" data-testid="reply-sent">{w.sent_notice}</p> })}
        <p>{(w.your_reply)(&sent.submitted_at)}</p>
        {text(sent.body_zh, "zh-CN")}
        {text(sent.body_en, "en")}
        <p data-testid="reply-state" data-state=sent.status.as_str()>
            <strong>{(w.status_word)(sent.status)}</strong>" · "{(w.status_explained)(sent.status)}
        </p>
        {reason}
    }
}

#[component]
fn ReplyForm(token: String, by: String) -> impl IntoView {
    let w = ReplyWords::for_locale(use_locale());
    let echo = use_context::<ReplyEcho>().unwrap_or_default();
    let faulty = |field: &str| echo.field.as_deref() == Some(field);
    let zh_faulty = faulty("body_zh");
    let en_faulty = faulty("body_en");
    let max = REPLY_MAX_CHARS.to_string();
    view! {
        <p>{(w.invitation)(&by)}</p>
        <form method="post" action=format!("/preview/{token}/reply") class="reply-form" data-testid="reply-form">
            <div class="field">
                <label for="reply-zh">{w.label_zh}</label>
                <textarea id="reply-zh" name="body_zh" rows="6" maxlength=max.clone()
                    aria-describedby="reply-hint" aria-invalid=zh_faulty.then_some("true")
                    autofocus=zh_faulty data-testid="reply-zh">{crate::markup::textarea_text(&echo.body_zh)}</textarea>
            </div>
            <div class="field">
                <label for="reply-en">{w.label_en}</label>
                <textarea id="reply-en" name="body_en" rows="6" maxlength=max lang="en"
                    aria-describedby="reply-hint" aria-invalid=en_faulty.then_some("true")
                    autofocus=en_faulty data-testid="reply-en">{crate::markup::textarea_text(&echo.body_en)}</textarea>
            </div>
            <p class="muted" id="reply-hint">{w.hint}</p>
            <button type="submit" class="button" data-testid="send-reply">{w.send}</button>
        </form>
    }
}
