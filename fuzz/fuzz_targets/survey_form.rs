//! A survey form's body, as a browser (or anyone) posts it: parsed, read and validated against
//! a two-subject survey with both profile questions. Nothing may panic.
#![no_main]

use std::sync::OnceLock;

use app::domain::answers::validate;
use app::domain::survey_form::read_form;
use app::domain::PublicSurvey;
use libfuzzer_sys::fuzz_target;

fn survey() -> &'static PublicSurvey {
    static SURVEY: OnceLock<PublicSurvey> = OnceLock::new();
    SURVEY.get_or_init(|| {
        serde_json::from_value(serde_json::json!({
            "slug": "s", "status": "open",
            "sector": {"slug": "x", "name_zh": "行业", "name_en": "Sector"},
            "title_zh": "调查", "title_en": "Survey", "intro_zh": "", "intro_en": "",
            "opens_at": null, "closes_at": null, "closes_on": null,
            "subjects": [
                {"slug": "a", "name_zh": "甲", "name_en": "A"},
                {"slug": "b", "name_zh": "乙", "name_en": "B"}
            ],
            "asks_age_band": true,
            "districts": [{"slug": "futian", "name_zh": "福田区", "name_en": "Futian"}]
        }))
        .expect("the fuzzed survey")
    })
}

fuzz_target!(|body: &[u8]| {
    let pairs: Vec<(String, String)> = form_urlencoded::parse(body)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let form = read_form(&["a", "b"], &pairs);
    let _ = validate(survey(), &form.draft);
});
