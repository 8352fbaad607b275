//! `/s/{slug}`: the respondent's survey, and `/s/{slug}/thanks`.

mod browser_form;
mod error_summary;
mod form;
mod profile;
mod subject_question;
mod thanks;
mod unavailable;

pub use thanks::SurveyThanksPage;

use leptos::prelude::*;

use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::load_survey_page;
use crate::components::ShareCard;
use crate::i18n::use_messages;
use domain::survey_page::SurveyPageData;
use form::SurveyForm;
use unavailable::{InvitationUsed, SurveyMissing, SurveyNotOpen};

/// The survey page: the form when the survey is open, a friendly 410 or 404 page otherwise.
#[component]
pub fn SurveyPage() -> impl IntoView {
    let t = use_messages();
    let locale = crate::i18n::use_locale();
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let page = Resource::new(slug, load_survey_page);
    let initial_filter = leptos_router::hooks::use_query_map()
        .get_untracked()
        .get("q")
        .unwrap_or_default();

    view! {
        <Suspense fallback=move || view! { <main class="page" id="main"><p class="muted">{t.loading}</p></main> }>
            {move || {
                let initial_filter = initial_filter.clone();
                Suspend::new(async move {
                match page.await {
                    Ok(SurveyPageData::Open(open)) => {
                        let sector = locale
                            .pick(&open.survey.sector.name_zh, &open.survey.sector.name_en)
                            .to_string();
                        let title = open.survey.title(locale).to_string();
                        view! {
                            <ShareCard title description=(t.survey_share)(&sector) image=None/>
                            <SurveyForm open=*open initial_filter/>
                        }
                        .into_any()
                    }
                    Ok(SurveyPageData::NotOpen(survey)) => {
                        view! { <SurveyNotOpen survey=*survey/> }.into_any()
                    }
                    Ok(SurveyPageData::NotFound) => view! { <SurveyMissing/> }.into_any(),
                    Ok(SurveyPageData::InvitationUsed { survey, why }) => {
                        view! { <InvitationUsed survey=*survey why/> }.into_any()
                    }
                    Err(_) => {
                        view! {
                            <Title text=t.survey_missing_title/>
                            <main class="page" id="main">
                                <p class="error" role="alert">{t.submit_unavailable}</p>
                            </main>
                        }
                            .into_any()
                    }
                }
            })
            }}
        </Suspense>
    }
}
