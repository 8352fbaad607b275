//! The brands' approved replies (品牌回应), as the snapshot froze them: each under the brand's
//! name, in the reader's language where the brand wrote one (else the other, marked with its
//! `lang`). Plain text: Leptos escapes it like every other string.

use leptos::prelude::*;

use crate::i18n::use_locale;
use crate::pages::ReplyWords;
use domain::results::SurveyResults;

/// The anchor a brand's row links to.
pub fn reply_anchor(subject: &str) -> String {
    format!("reply-{subject}")
}

#[component]
pub fn Replies(results: SurveyResults) -> impl IntoView {
    let locale = use_locale();
    let w = ReplyWords::for_locale(locale);
    let items: Vec<_> = results
        .replies()
        .map(|(subject, reply)| {
            let (text, lang) = reply.text_for(locale);
            view! {
                <article class="reply" id=reply_anchor(&subject.subject) data-testid="reply" data-subject=subject.subject.clone()>
                    <h3>{locale.pick(&subject.name_zh, &subject.name_en).to_string()}</h3>
                    <blockquote class="reply-text" lang=lang>{text.to_string()}</blockquote>
                </article>
            }
        })
        .collect();
    (!items.is_empty()).then(|| {
        view! {
            <section class="replies" aria-labelledby="replies-heading" data-testid="replies">
                <h2 id="replies-heading">{w.public_heading}</h2>
                <p class="muted">{w.public_intro}</p>
                {items}
            </section>
        }
    })
}
