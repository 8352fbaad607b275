use leptos::prelude::*;
use leptos_meta::Title;

use crate::i18n::use_messages;
use domain::survey_page::InvitationProblem;
use domain::{PublicSurvey, SurveyStatus};

/// A closed or published survey (HTTP 410, set by the page's data loader).
#[component]
pub fn SurveyNotOpen(survey: PublicSurvey) -> impl IntoView {
    let t = use_messages();
    let locale = crate::i18n::use_locale();
    let published = survey.status == SurveyStatus::Published;
    view! {
        <Title text=t.survey_closed_title/>
        <main class="page survey-unavailable" id="main" data-testid="survey-closed">
            <p class="eyebrow">{survey.title(locale).to_string()}</p>
            <h1>{t.survey_closed_title}</h1>
            <p>{t.survey_closed_body}</p>
            {published.then(|| view! { <p>{t.survey_published_body}</p> })}
            <p>
                <a class="button" href="/">{t.back_home}</a>
            </p>
        </main>
    }
}

/// A survey opened through an invitation that was used or withdrawn (HTTP 410): the way to
/// answer anyway, through the public link.
#[component]
pub fn InvitationUsed(survey: PublicSurvey, why: InvitationProblem) -> impl IntoView {
    let t = use_messages();
    let locale = crate::i18n::use_locale();
    let (title, body) = match why {
        InvitationProblem::Spent => (t.invitation_spent_title, t.invitation_spent_body),
        InvitationProblem::Revoked => (t.invitation_revoked_title, t.invitation_revoked_body),
    };
    view! {
        <Title text=title/>
        <main class="page survey-unavailable" id="main" data-testid="invitation-used">
            <p class="eyebrow">{survey.title(locale).to_string()}</p>
            <h1>{title}</h1>
            <p>{body}</p>
            <p>
                <a class="button" href=format!("/s/{}", survey.slug)>{t.invitation_public_link}</a>
            </p>
        </main>
    }
}

/// An unknown or draft survey (HTTP 404).
#[component]
pub fn SurveyMissing() -> impl IntoView {
    let t = use_messages();
    view! {
        <Title text=t.survey_missing_title/>
        <main class="page survey-unavailable" id="main" data-testid="survey-missing">
            <h1>{t.survey_missing_title}</h1>
            <p>{t.survey_missing_body}</p>
            <p>
                <a class="button" href="/">{t.back_home}</a>
            </p>
        </main>
    }
}
