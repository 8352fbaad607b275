use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::{FilterBox, FilterText};
use crate::i18n::{use_messages, Locale, Messages};
use domain::answers::{validate, AnswerField, FieldProblem};
use domain::survey_form::{
    read_form, reason_field, score_field, AGE_BAND, ASSISTED, DISTRICT, FORM_TOKEN, HONEYPOT,
    SUBMISSION, USED,
};
use domain::survey_page::{InvitationProblem, OpenSurvey, Refusal, SubmitReply};

use super::browser_form::form_pairs;
use super::error_summary::{ErrorSummary, SUMMARY_ID};
use super::profile::ProfileQuestions;
use super::subject_question::{InitialAnswer, SubjectQuestion};

/// Above this many subjects, the list gets a filter box.
const FILTER_FROM: usize = 8;

/// The field problems on show, shared by every input's error line.
#[derive(Clone, Copy)]
pub struct FieldErrors(RwSignal<Vec<FieldProblem>>);

impl FieldErrors {
    /// The message for one field, if it has a problem.
    pub fn message(self, field: AnswerField) -> Signal<Option<&'static str>> {
        let t = use_messages();
        Signal::derive(move || {
            self.0.with(|problems| {
                problems
                    .iter()
                    .find(|p| p.field == field)
                    .map(|p| t.answer_problem(p.problem))
            })
        })
    }
}

/// Where a send stands, for the button and the messages around it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Sending {
    Idle,
    InFlight,
    ConnectionLost,
}

/// The open survey's form. Without JavaScript it is a plain POST to this page's address (the
/// server validates, shows problems next to the fields, and redirects to the thank-you page);
/// once hydrated, the same fields are validated here and sent in the background.
// An island in the forms bundle only (`crate::bundles`); plain markup nothing calls elsewhere.
#[cfg_attr(any(feature = "ssr", feature = "forms"), island)]
#[cfg_attr(not(any(feature = "ssr", feature = "forms")), component)]
pub fn SurveyForm(open: OpenSurvey, initial_filter: String) -> impl IntoView {
    let t = use_messages();
    let locale = crate::i18n::use_locale();
    let OpenSurvey {
        survey,
        answered,
        form_token,
        submission_id,
        posted,
        retention_days,
    } = open;
    let posted = posted.unwrap_or_default();
    let problems = RwSignal::new(posted.problems.clone());
    let refusal = RwSignal::new(posted.refusal.clone());
    // Live validation starts after the first attempt: no scolding while people are still typing.
    let attempted = RwSignal::new(posted.status != 0);
    let sending = RwSignal::new(Sending::Idle);
    let (filter, set_filter) = signal(initial_filter.clone());
    let form_ref = NodeRef::<leptos::html::Form>::new();
    let summary_ref = NodeRef::<leptos::html::Div>::new();
    // After a refused send, focus goes to the list of problems (once it is on screen).
    let focus_summary = move || {
        request_animation_frame(move || {
            if let Some(summary) = summary_ref.get_untracked() {
                let _ = summary.focus();
            }
        })
    };
    let errors = FieldErrors(problems);

    let slug = survey.slug.clone();
    let subject_slugs: Vec<String> = survey.subjects.iter().map(|s| s.slug.clone()).collect();
    let check = {
        let survey = survey.clone();
        let subject_slugs = subject_slugs.clone();
        move |pairs: &[(String, String)]| {
            let slugs: Vec<&str> = subject_slugs.iter().map(String::as_str).collect();
            validate(&survey, &read_form(&slugs, pairs).draft).err()
        }
    };
    let send = {
        let check = check.clone();
        let slug = slug.clone();
        move || {
            let Some(form) = form_ref.get_untracked() else {
                return;
            };
            if sending.get_untracked() == Sending::InFlight {
                return; // one send at a time: a double tap must not submit twice
            }
            let pairs = form_pairs(&form);
            attempted.set(true);
            refusal.set(None);
            if let Some(found) = check(&pairs) {
                problems.set(found);
                focus_summary();
                return;
            }
            problems.set(Vec::new());
            sending.set(Sending::InFlight);
            let slug = slug.clone();
            leptos::task::spawn_local(async move {
                match crate::api::submit_survey(slug, pairs).await {
                    Ok(SubmitReply::Accepted { thanks_url, .. }) => {
                        // A full page load: the thank-you page is server HTML.
                        let _ = window().location().set_href(&thanks_url);
                    }
                    Ok(SubmitReply::Refused(reply)) => {
                        let has_problems = !reply.problems.is_empty();
                        problems.set(reply.problems);
                        refusal.set(reply.refusal);
                        sending.set(Sending::Idle);
                        if has_problems {
                            focus_summary();
                        }
                    }
                    Err(_) => sending.set(Sending::ConnectionLost),
                }
            });
        }
    };
    let on_submit = {
        let send = send.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            send();
        }
    };
    let on_change = move |_| {
        if attempted.get_untracked() && sending.get_untracked() != Sending::InFlight {
            if let Some(form) = form_ref.get_untracked() {
                problems.set(check(&form_pairs(&form)).unwrap_or_default());
            }
        }
    };

    let initial_for = |slug: &str| InitialAnswer {
        used: posted.has(USED, slug),
        score: posted
            .value(&score_field(slug))
            .map(str::to_string)
            .filter(|s| !s.is_empty()),
        reason: posted
            .value(&reason_field(slug))
            .unwrap_or_default()
            .to_string(),
    };
    let subjects = survey
        .subjects
        .iter()
        .map(|subject| {
            view! {
                <SubjectQuestion
                    subject=subject.clone()
                    initial=initial_for(&subject.slug)
                    answered_before=answered.contains(&subject.slug)
                    errors
                    filter
                />
            }
        })
        .collect_view();
    let no_match = {
        let survey = survey.clone();
        move || {
            let query = filter.get();
            (!survey.subjects.iter().any(|s| s.matches(&query)))
                .then(|| view! { <p class="muted">{(t.subject_filter_none)(&query)}</p> })
        }
    };
    let names = survey.clone();
    let refusal_text = move || {
        refusal
            .get()
            .map(|r| refusal_message(t, locale, &names, &r))
    };
    let has_problems = Signal::derive(move || attempted.get() && !problems.with(Vec::is_empty));
    // Beside the button, where people look after tapping it: a pointer up to the list.
    let pointer = move || {
        has_problems.get().then(|| {
            view! { <a href=format!("#{SUMMARY_ID}")>{t.form_has_problems}</a> }
        })
    };
    let focus_on_load = posted.status != 0 && !posted.problems.is_empty();

    view! {
        <Title text=survey.title(locale).to_string()/>
        <main class="page survey" id="main" data-testid="survey-page">
            // The sector in words: its slug is an address, not a name.
            <p class="eyebrow">{locale.pick(&survey.sector.name_zh, &survey.sector.name_en).to_string()}</p>
            <h1>{survey.title(locale).to_string()}</h1>
            <p class="lead">{survey.intro(locale).to_string()}</p>
            {(survey.subjects.len() > FILTER_FROM)
                .then(|| {
                    view! {
                        <FilterBox
                            id="subject-filter"
                            text=FilterText {
                                label: t.subject_filter_label,
                                placeholder: t.subject_filter_placeholder,
                                submit: t.subject_filter_submit,
                            }
                            initial=initial_filter
                            on_input=set_filter
                        />
                    }
                })}
            <form
                class="survey__form"
                method="post"
                action=format!("/s/{slug}")
                novalidate
                node_ref=form_ref
                on:submit=on_submit
                on:change=on_change
                data-testid="survey-form"
            >
                <ErrorSummary
                    survey=survey.clone()
                    first_open=survey
                        .subjects
                        .iter()
                        .find(|s| !answered.contains(&s.slug))
                        .map(|s| s.slug.clone())
                    problems
                    shown=has_problems
                    focus_on_load
                    node_ref=summary_ref
                />
                <p>{t.survey_pick_intro}</p>
                <ul class="subjects">{subjects}</ul>
                {no_match}
                <ProfileQuestions
                    survey=survey.clone()
                    initial_age_band=posted.value(AGE_BAND).unwrap_or_default().to_string()
                    initial_district=posted.value(DISTRICT).unwrap_or_default().to_string()
                    initial_assisted=posted.value(ASSISTED).is_some()
                    errors
                />
                <div class="hp" aria-hidden="true">
                    <label for="website">{t.honeypot_label}</label>
                    <input id="website" name=HONEYPOT type="text" tabindex="-1" autocomplete="off"/>
                </div>
                <input type="hidden" name=FORM_TOKEN value=form_token/>
                <input type="hidden" name=SUBMISSION value=submission_id/>
                <div class="survey__send">
                    <p class="form-error" role="alert" data-testid="form-error">
                        {refusal_text}
                        {pointer}
                    </p>
                    {move || {
                        (sending.get() == Sending::ConnectionLost)
                            .then(|| {
                                let send = send.clone();
                                view! {
                                    <div class="connection-lost" role="alert" data-testid="connection-lost">
                                        <p>{t.connection_lost}</p>
                                        <button type="button" on:click=move |_| send()>{t.retry}</button>
                                    </div>
                                }
                            })
                    }}
                    <button
                        type="submit"
                        class="button button--primary"
                        data-testid="submit"
                        disabled=move || sending.get() == Sending::InFlight
                        aria-busy=move || (sending.get() == Sending::InFlight).then_some("true")
                    >
                        {move || if sending.get() == Sending::InFlight { t.sending } else { t.submit_answers }}
                    </button>
                </div>
            </form>
            <section class="privacy" aria-labelledby="privacy-title">
                <h2 id="privacy-title">{t.privacy_title}</h2>
                <p>{(t.privacy_note)(retention_days)}</p>
            </section>
        </main>
    }
}

fn refusal_message(
    t: &'static Messages,
    locale: Locale,
    survey: &domain::PublicSurvey,
    refusal: &Refusal,
) -> String {
    match refusal {
        Refusal::AlreadyAnswered(slugs) => {
            let names: Vec<&str> = slugs
                .iter()
                .filter_map(|slug| survey.subject(slug).map(|s| s.name(locale)))
                .collect();
            let separator = match locale {
                Locale::ZhCn => "、",
                Locale::En => ", ",
            };
            (t.refusal_already_answered)(&names.join(separator))
        }
        Refusal::RateLimited { retry_after_s } => (t.refusal_rate_limited)(*retry_after_s),
        Refusal::NotOpen => t.refusal_not_open.to_string(),
        Refusal::NotFound => t.refusal_not_found.to_string(),
        Refusal::Invitation(InvitationProblem::Spent) => t.refusal_invitation_spent.to_string(),
        Refusal::Invitation(InvitationProblem::Revoked) => t.refusal_invitation_revoked.to_string(),
        Refusal::Unavailable => t.submit_unavailable.to_string(),
    }
}
