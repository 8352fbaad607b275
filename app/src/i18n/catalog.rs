use super::Locale;

/// All UI text for one locale. Adding a field forces every locale to translate it.
pub struct Messages {
    pub site_name: &'static str,
    pub tagline: &'static str,
    pub skip_to_content: &'static str,
    pub language: &'static str,
    pub home_title: &'static str,
    pub home_intro: &'static str,
    pub filter_label: &'static str,
    pub filter_placeholder: &'static str,
    pub filter_submit: &'static str,
    pub filter_no_match: fn(&str) -> String,
    pub no_open_surveys: &'static str,
    pub subjects_count: fn(usize) -> String,
    pub closes_on: fn(&str) -> String,
    pub take_survey: &'static str,
    pub loading: &'static str,
    pub load_error: &'static str,
    pub not_found_title: &'static str,
    pub not_found_body: &'static str,
    pub back_home: &'static str,
    pub footer: &'static str,
}

impl Locale {
    pub fn messages(self) -> &'static Messages {
        match self {
            Locale::ZhCn => &super::zh_cn::MESSAGES,
            Locale::En => &super::en::MESSAGES,
        }
    }

    /// Picks the variant of a bilingual database field (names, titles) for this locale.
    pub fn pick<'a>(self, zh_cn: &'a str, en: &'a str) -> &'a str {
        match self {
            Locale::ZhCn => zh_cn,
            Locale::En => en,
        }
    }
}

/// The catalog of the locale the `App` provided for this page.
pub fn use_messages() -> &'static Messages {
    leptos::prelude::use_context::<Locale>()
        .unwrap_or_default()
        .messages()
}
