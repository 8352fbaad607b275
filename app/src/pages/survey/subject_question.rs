use leptos::prelude::*;

use crate::i18n::use_messages;
use domain::answers::{AnswerField, REASON_MAX_CHARS};
use domain::survey_form::{reason_field, score_field, USED};
use domain::SubjectRef;

use super::form::FieldErrors;

/// What a subject's inputs start with (empty, or a refused POST's values).
#[derive(Clone, Debug, Default)]
pub struct InitialAnswer {
    pub used: bool,
    pub score: Option<String>,
    pub reason: String,
}

/// One subject: "I have used it" and, revealed by ticking (CSS, so it also works without
/// JavaScript), the 0–10 radio group and the optional "Why?".
#[component]
pub fn SubjectQuestion(
    subject: SubjectRef,
    initial: InitialAnswer,
    answered_before: bool,
    errors: FieldErrors,
    filter: ReadSignal<String>,
) -> impl IntoView {
    let t = use_messages();
    let locale = crate::i18n::use_locale();
    let name = subject.name(locale).to_string();
    let slug = subject.slug.clone();
    let hidden = {
        let subject = subject.clone();
        move || !subject.matches(&filter.get())
    };
    if answered_before {
        return view! {
            <li class="subject subject--done" data-testid="subject" data-subject=slug hidden=hidden>
                <p class="subject__done">"✓ "{(t.already_rated)(&name)}</p>
            </li>
        }
        .into_any();
    }
    let used_id = format!("used-{slug}");
    let scale_id = format!("scale-{slug}");
    let score_error_id = format!("error-score-{slug}");
    let reason_id = format!("reason-{slug}");
    let reason_error_id = format!("error-reason-{slug}");
    let counter_id = format!("counter-{slug}");
    let score_described_by = format!("{scale_id} {score_error_id}");
    let reason_described_by = format!("{counter_id} {reason_error_id}");
    let score_name = score_field(&slug);
    let score_error = errors.message(AnswerField::Score(slug.clone()));
    let reason_error = errors.message(AnswerField::Reason(slug.clone()));
    let subject_error = errors.message(AnswerField::Subject(slug.clone()));
    let reason_length = RwSignal::new(initial.reason.chars().count());
    let options = (0..=10u8)
        .map(|value| {
            let value_text = value.to_string();
            let checked = initial.score.as_deref() == Some(value_text.as_str());
            // Each score has an id, so the error summary can lead to the group's first one.
            let id = format!("score-{slug}-{value}");
            view! {
                <label class="score__option">
                    <input type="radio" name=score_name.clone() value=value_text.clone() checked=checked id=id/>
                    <span>{value_text.clone()}</span>
                </label>
            }
        })
        .collect_view();

    view! {
        <li class="subject" data-testid="subject" data-subject=slug.clone() hidden=hidden>
            <input
                class="subject__used"
                type="checkbox"
                id=used_id.clone()
                name=USED
                value=slug.clone()
                checked=initial.used
            />
            <label class="subject__name" for=used_id>{(t.used_label)(&name)}</label>
            <p class="field-error">{subject_error}</p>
            <div class="subject__question">
                <fieldset
                    class="score"
                    aria-describedby=score_described_by
                    aria-invalid=move || score_error.get().is_some().then_some("true")
                >
                    <legend>{(t.recommend_question)(&name)}</legend>
                    <div class="score__options">{options}</div>
                    <div class="score__ends" id=scale_id>
                        <span>{t.scale_low}</span>
                        <span>{t.scale_high}</span>
                    </div>
                    <p class="field-error" id=score_error_id>{score_error}</p>
                </fieldset>
                <label class="reason__label" for=reason_id.clone()>{t.why_label}</label>
                <textarea
                    class="reason"
                    id=reason_id
                    name=reason_field(&slug)
                    rows="3"
                    maxlength=REASON_MAX_CHARS.to_string()
                    aria-describedby=reason_described_by
                    on:input=move |ev| reason_length.set(event_target_value(&ev).chars().count())
                >
                    {crate::markup::textarea_text(&initial.reason)}
                </textarea>
                <p class="reason__counter muted" id=counter_id aria-live="polite">
                    {move || (t.chars_counter)(reason_length.get(), REASON_MAX_CHARS)}
                </p>
                <p class="field-error" id=reason_error_id>{reason_error}</p>
            </div>
        </li>
    }
    .into_any()
}
