//! The list of what needs fixing, at the top of the form: one link per problem to its field, so
//! nobody has to hunt for a red line somewhere on a long page.

use leptos::prelude::*;

use crate::i18n::{use_messages, Locale};
use domain::answers::{AnswerField, FieldProblem};
use domain::PublicSurvey;

/// The element that the summary's links and focus use.
pub const SUMMARY_ID: &str = "problems";

/// Where a problem's link leads: the id of the first control of its field, if it has one.
/// `first_open` is the first brand the respondent has not rated before (rated ones have no tick).
pub fn field_anchor(field: &AnswerField, first_open: Option<&str>) -> Option<String> {
    match field {
        AnswerField::Subject(slug) => Some(format!("used-{slug}")),
        AnswerField::Score(slug) => Some(format!("score-{slug}-0")),
        AnswerField::Reason(slug) => Some(format!("reason-{slug}")),
        AnswerField::AgeBand => Some("age-band".to_string()),
        AnswerField::District => Some("district".to_string()),
        // "Nothing answered": the first brand's "I have used it" box is where to start.
        AnswerField::Form => first_open.map(|slug| format!("used-{slug}")),
        AnswerField::Lang | AnswerField::Respondent | AnswerField::Submission => None,
    }
}

/// One line of the summary: the brand's name before its problem, when the field is a brand's.
fn line(problem: &FieldProblem, survey: &PublicSurvey, locale: Locale) -> String {
    let words = use_messages().answer_problem(problem.problem);
    let subject = match &problem.field {
        AnswerField::Subject(slug) | AnswerField::Score(slug) | AnswerField::Reason(slug) => {
            survey.subject(slug).map(|s| s.name(locale))
        }
        _ => None,
    };
    match (subject, locale) {
        (Some(name), Locale::ZhCn) => format!("{name}：{words}"),
        (Some(name), Locale::En) => format!("{name}: {words}"),
        (None, _) => words.to_string(),
    }
}

/// The summary. It is always in the page (hidden when there is nothing to fix) so that the form
/// can move focus to it right after a refused send; without JavaScript the server renders it
/// open with `autofocus`, and the browser puts focus (and the screen) on it.
#[component]
pub fn ErrorSummary(
    survey: PublicSurvey,
    /// The first brand not rated before: where "nothing answered" leads.
    first_open: Option<String>,
    problems: RwSignal<Vec<FieldProblem>>,
    shown: Signal<bool>,
    focus_on_load: bool,
    node_ref: NodeRef<leptos::html::Div>,
) -> impl IntoView {
    let t = use_messages();
    let locale = crate::i18n::use_locale();
    let items = move || {
        problems.with(|problems| {
            problems
                .iter()
                .map(|problem| {
                    let text = line(problem, &survey, locale);
                    match field_anchor(&problem.field, first_open.as_deref()) {
                        Some(id) => {
                            view! { <li><a href=format!("#{id}")>{text}</a></li> }.into_any()
                        }
                        None => view! { <li>{text}</li> }.into_any(),
                    }
                })
                .collect_view()
        })
    };
    view! {
        <div
            class="error-summary"
            id=SUMMARY_ID
            tabindex="-1"
            aria-labelledby="problems-title"
            autofocus=focus_on_load
            hidden=move || !shown.get()
            node_ref=node_ref
            data-testid="error-summary"
        >
            <h2 id="problems-title">{move || (t.problems_title)(problems.with(Vec::len))}</h2>
            <ul>{items}</ul>
        </div>
    }
}
