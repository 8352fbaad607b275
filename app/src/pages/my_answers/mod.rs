//! `/my-answers`: a respondent's own submission by receipt code — what was stored, and the way
//! to withdraw it. Plain HTML forms posted to the server (`POST /my-answers`), so it works the
//! same with JavaScript off; the server renders this page with the outcome in context.

mod messages;

use leptos::prelude::*;
use leptos_meta::Title;

use crate::i18n::{use_locale, use_messages};
use domain::my_answers::{MyAnswersView, StoredSubmission};
use domain::Locale;
pub use messages::MyAnswersMessages;

#[component]
pub fn MyAnswersPage() -> impl IntoView {
    let m = MyAnswersMessages::for_locale(use_locale());
    let outcome = use_context::<MyAnswersView>();
    let body = match outcome {
        None => view! { <CodeForm typed=String::new() problem=None/> }.into_any(),
        Some(MyAnswersView::Problem { typed, problem }) => {
            view! { <CodeForm typed problem=Some(m.problem(problem))/> }.into_any()
        }
        Some(MyAnswersView::Found(stored)) => {
            view! { <Submission stored just_withdrawn=false/> }.into_any()
        }
        Some(MyAnswersView::Withdrawn(stored)) => {
            view! { <Submission stored just_withdrawn=true/> }.into_any()
        }
    };
    view! {
        <Title text=m.title/>
        <main class="page my-answers" id="main" data-testid="my-answers">
            <h1>{m.title}</h1>
            {body}
        </main>
    }
}

#[component]
fn CodeForm(typed: String, problem: Option<String>) -> impl IntoView {
    let m = MyAnswersMessages::for_locale(use_locale());
    let invalid = problem.is_some().then_some("true");
    view! {
        <p class="lead">{m.intro}</p>
        <form method="post" action="/my-answers" class="receipt-form" data-testid="receipt-form">
            {problem.map(|text| view! { <p class="error" role="alert" id="code-problem" data-testid="code-problem">{text}</p> })}
            <label for="receipt-code-input">{m.code_label}</label>
            <p class="hint" id="code-hint">{m.code_hint}</p>
            <input
                id="receipt-code-input"
                name="code"
                value=typed
                required
                maxlength="40"
                autocomplete="off"
                autocapitalize="characters"
                spellcheck="false"
                aria-invalid=invalid
                aria-describedby=if invalid.is_some() { "code-problem code-hint" } else { "code-hint" }
            />
            <input type="hidden" name="action" value="show"/>
            <button type="submit" class="button button--primary">{m.show}</button>
        </form>
    }
}

#[component]
fn Submission(stored: StoredSubmission, just_withdrawn: bool) -> impl IntoView {
    let m = MyAnswersMessages::for_locale(use_locale());
    let t = use_messages();
    let locale = use_locale();
    let withdrawn = stored.withdrawn_at.is_some();
    let profile = {
        let age = stored
            .age_band
            .map(|band| t.age_band(band))
            .unwrap_or(m.not_given);
        let district = match (&stored.district_zh, &stored.district_en) {
            (Some(zh), Some(en)) => locale.pick(zh, en).to_string(),
            _ => m.not_given.to_string(),
        };
        let colon = locale.pick("：", ": ");
        view! {
            <dt>{m.profile}</dt>
            <dd>{format!("{}{colon}{age}", t.age_band_label)}<br/>{format!("{}{colon}{district}", t.district_label)}</dd>
        }
    };
    let language = Locale::parse(&stored.lang).unwrap_or_default().endonym();
    let erased = withdrawn || stored.personal_data_cleared;
    let answers = stored
        .answers
        .iter()
        .map(|answer| {
            let reason = match (&answer.reason, erased) {
                (Some(reason), _) => view! { <p class="stored-answers__reason">{reason.clone()}</p> }.into_any(),
                (None, true) => view! { <p class="muted">{m.reason_erased}</p> }.into_any(),
                (None, false) => view! { <p class="muted">{m.no_reason}</p> }.into_any(),
            };
            view! {
                <li>
                    <span class="stored-answers__subject">{locale.pick(&answer.subject_name_zh, &answer.subject_name_en).to_string()}</span>
                    " "
                    <strong class="stored-answers__score">{(m.score)(answer.score)}</strong>
                    {reason}
                </li>
            }
        })
        .collect_view();
    let status = match (&stored.withdrawn_at, just_withdrawn) {
        (Some(_), true) => Some(
            view! { <p class="notice" role="status" data-testid="withdrawn">{m.withdrawn_now}</p> }
                .into_any(),
        ),
        (Some(at), false) => Some(
            view! { <p class="notice" data-testid="withdrawn">{(m.withdrawn_at)(at)}</p> }
                .into_any(),
        ),
        (None, _) => None,
    };
    let withdraw_form = (!withdrawn).then(|| {
        view! {
            <section class="withdraw" aria-labelledby="withdraw-title">
                <h2 id="withdraw-title">{m.withdraw_heading}</h2>
                <p>{m.withdraw_explain}</p>
                <form method="post" action="/my-answers" data-testid="withdraw-form">
                    <input type="hidden" name="code" value=stored.code.clone()/>
                    <input type="hidden" name="action" value="withdraw"/>
                    <label class="check">
                        <input type="checkbox" name="confirm" value="yes" required/>
                        " "
                        {m.withdraw_confirm}
                    </label>
                    <button type="submit" class="button">{m.withdraw}</button>
                </form>
            </section>
        }
    });
    view! {
        {status}
        {withdrawn.then(|| view! { <p class="muted">{m.snapshot_note}</p> })}
        {(stored.personal_data_cleared && !withdrawn).then(|| view! { <p class="muted">{m.erased_note}</p> })}
        <dl class="stored" data-testid="stored-submission">
            <dt>{m.code_label}</dt>
            <dd translate="no">{stored.code.clone()}</dd>
            <dt>{m.survey}</dt>
            <dd>{locale.pick(&stored.survey_title_zh, &stored.survey_title_en).to_string()}</dd>
            <dt>{m.sent_at}</dt>
            <dd>{stored.sent_at.clone()}</dd>
            <dt>{m.language}</dt>
            <dd>{language}</dd>
            {profile}
        </dl>
        <h2>{m.answers}</h2>
        <ul class="stored-answers" data-testid="stored-answers">{answers}</ul>
        {withdraw_form}
        <p><a href="/my-answers">{m.another_code}</a></p>
    }
}
