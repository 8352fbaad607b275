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
    pub nav_calculator: &'static str,
    pub calc_title: &'static str,
    pub calc_intro: &'static str,
    pub promoters_label: &'static str,
    pub passives_label: &'static str,
    pub detractors_label: &'static str,
    pub method_label: &'static str,
    pub method_wald: &'static str,
    pub method_adjusted_wald: &'static str,
    pub method_score: &'static str,
    pub method_bootstrap: &'static str,
    pub method_bayes: &'static str,
    pub level_label: &'static str,
    pub calculate: &'static str,
    pub result_title: &'static str,
    pub result_nps: &'static str,
    pub result_interval: fn(&str, &str, &str) -> String,
    pub result_n: fn(u64) -> String,
    pub result_no_data: &'static str,
    pub result_zero_width: &'static str,
    pub error_missing: &'static str,
    pub error_not_whole_number: &'static str,
    pub error_too_large: &'static str,
    pub error_unknown_method: &'static str,
    pub error_level: &'static str,
    pub error_margin: &'static str,
    pub error_share: &'static str,
    pub planner_title: &'static str,
    pub planner_intro: &'static str,
    pub margin_label: &'static str,
    pub promoter_share_label: &'static str,
    pub detractor_share_label: &'static str,
    pub plan: &'static str,
    pub planner_result: fn(u64, &str, &str) -> String,
    pub api_hint: &'static str,
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

impl Messages {
    /// The name of an interval method, as offered in forms.
    pub fn method_name(&self, method: stats::Method) -> &'static str {
        match method {
            stats::Method::Wald => self.method_wald,
            stats::Method::AdjustedWald => self.method_adjusted_wald,
            stats::Method::Score => self.method_score,
            stats::Method::Bootstrap => self.method_bootstrap,
            stats::Method::Bayes => self.method_bayes,
        }
    }

    /// What is wrong with a calculator field, in words.
    pub fn problem(&self, problem: crate::domain::calculator::Problem) -> &'static str {
        use crate::domain::calculator::Problem;
        match problem {
            Problem::Missing => self.error_missing,
            Problem::NotWholeNumber => self.error_not_whole_number,
            Problem::TooLarge => self.error_too_large,
            Problem::UnknownMethod => self.error_unknown_method,
            Problem::LevelOutOfRange => self.error_level,
            Problem::MarginOutOfRange => self.error_margin,
            Problem::ShareOutOfRange => self.error_share,
        }
    }
}

/// The catalog of the locale the `App` provided for this page.
pub fn use_messages() -> &'static Messages {
    leptos::prelude::use_context::<Locale>()
        .unwrap_or_default()
        .messages()
}
