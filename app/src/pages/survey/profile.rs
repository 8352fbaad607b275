use leptos::prelude::*;

use crate::i18n::use_messages;
use domain::answers::{AgeBand, AnswerField};
use domain::survey_form::{AGE_BAND, ASSISTED, DISTRICT};
use domain::PublicSurvey;

use super::form::FieldErrors;

/// The optional questions about the respondent: the profile questions the survey asks (age
/// band, district) as plain selects, and on every survey the 协助填写 tick (someone helped, or
/// the answers are for a family member), which staff see counted per brand.
#[component]
pub fn ProfileQuestions(
    survey: PublicSurvey,
    initial_age_band: String,
    initial_district: String,
    initial_assisted: bool,
    errors: FieldErrors,
) -> impl IntoView {
    let t = use_messages();
    let locale = crate::i18n::use_locale();
    let age_band = survey.asks_age_band.then(|| {
        let error = errors.message(AnswerField::AgeBand);
        view! {
            <div class="field">
                <label for="age-band">{t.age_band_label}</label>
                <select id="age-band" name=AGE_BAND aria-describedby="error-age-band">
                    <option value="">{t.prefer_not_to_say}</option>
                    {AgeBand::ALL
                        .into_iter()
                        .map(|band| {
                            view! {
                                <option value=band.as_str() selected=initial_age_band == band.as_str()>
                                    {t.age_band(band)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                <p class="field-error" id="error-age-band">{error}</p>
            </div>
        }
    });
    let districts = (!survey.districts.is_empty()).then(|| {
        let error = errors.message(AnswerField::District);
        view! {
            <div class="field">
                <label for="district">{t.district_label}</label>
                <select id="district" name=DISTRICT aria-describedby="error-district">
                    <option value="">{t.prefer_not_to_say}</option>
                    {survey
                        .districts
                        .iter()
                        .map(|district| {
                            view! {
                                <option value=district.slug.clone() selected=initial_district == district.slug>
                                    {district.name(locale).to_string()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                <p class="field-error" id="error-district">{error}</p>
            </div>
        }
    });
    let asks_profile = survey.asks_age_band || !survey.districts.is_empty();
    view! {
        <fieldset class="profile">
            <legend>{t.profile_heading}</legend>
            {asks_profile.then(|| view! { <p class="muted">{t.profile_intro}</p> })}
            {age_band}
            {districts}
            <div class="field assisted">
                <label class="check" for="assisted">
                    <input type="checkbox" id="assisted" name=ASSISTED value="1" checked=initial_assisted
                        aria-describedby="assisted-hint"/>
                    <span>{t.assisted_label}</span>
                </label>
                <p class="muted" id="assisted-hint">{t.assisted_hint}</p>
            </div>
        </fieldset>
    }
}
