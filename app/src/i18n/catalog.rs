use super::Locale;

/// All UI text for one locale. Adding a field forces every locale to translate it.
pub struct Messages {
    pub site_name: &'static str,
    pub tagline: &'static str,
    pub skip_to_content: &'static str,
    pub language: &'static str,
    pub home_title: &'static str,
    pub home_intro: &'static str,
    /// A survey's description in share cards, with its sector's name.
    pub survey_share: fn(&str) -> String,
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
    pub survey_pick_intro: &'static str,
    pub subject_filter_label: &'static str,
    pub subject_filter_placeholder: &'static str,
    pub subject_filter_submit: &'static str,
    pub subject_filter_none: fn(&str) -> String,
    pub used_label: fn(&str) -> String,
    pub recommend_question: fn(&str) -> String,
    pub scale_low: &'static str,
    pub scale_high: &'static str,
    pub why_label: &'static str,
    pub chars_counter: fn(usize, usize) -> String,
    pub already_rated: fn(&str) -> String,
    pub profile_heading: &'static str,
    pub profile_intro: &'static str,
    pub age_band_label: &'static str,
    pub age_bands: [&'static str; 5],
    pub district_label: &'static str,
    pub prefer_not_to_say: &'static str,
    pub assisted_label: &'static str,
    pub assisted_hint: &'static str,
    pub privacy_title: &'static str,
    /// What is kept and for how long; the survey's retention days.
    pub privacy_note: fn(i64) -> String,
    pub honeypot_label: &'static str,
    pub submit_answers: &'static str,
    pub sending: &'static str,
    pub connection_lost: &'static str,
    pub retry: &'static str,
    pub form_has_problems: &'static str,
    /// The error summary's heading; the number of problems.
    pub problems_title: fn(usize) -> String,
    pub problem_nothing_answered: &'static str,
    pub problem_subject_missing: &'static str,
    pub problem_unknown_subject: &'static str,
    pub problem_subject_twice: &'static str,
    pub problem_score_missing: &'static str,
    pub problem_score_not_whole: &'static str,
    pub problem_score_out_of_range: &'static str,
    pub problem_reason_too_long: &'static str,
    pub problem_reason_unreadable: &'static str,
    pub problem_unknown_age_band: &'static str,
    pub problem_unknown_district: &'static str,
    pub problem_unknown_language: &'static str,
    pub problem_invalid_respondent: &'static str,
    pub problem_invalid_submission_id: &'static str,
    pub problem_already_answered: &'static str,
    pub refusal_already_answered: fn(&str) -> String,
    pub refusal_rate_limited: fn(u64) -> String,
    pub refusal_not_open: &'static str,
    pub refusal_not_found: &'static str,
    pub refusal_invitation_spent: &'static str,
    pub refusal_invitation_revoked: &'static str,
    pub invitation_spent_title: &'static str,
    pub invitation_spent_body: &'static str,
    pub invitation_revoked_title: &'static str,
    pub invitation_revoked_body: &'static str,
    pub invitation_public_link: &'static str,
    pub api_invitation_invalid: &'static str,
    pub api_idempotency_key_reused: &'static str,
    pub submit_unavailable: &'static str,
    pub survey_closed_title: &'static str,
    pub survey_closed_body: &'static str,
    pub survey_published_body: &'static str,
    pub survey_missing_title: &'static str,
    pub survey_missing_body: &'static str,
    pub thanks_title: &'static str,
    pub thanks_body: &'static str,
    pub results_after_close: fn(Option<&str>) -> String,
    pub ranking_heading: fn(&str) -> String,
    pub ranking_subject: &'static str,
    pub ranking_nps: &'static str,
    pub ranking_interval: fn(&str) -> String,
    pub ranking_n: &'static str,
    pub ranking_tier: &'static str,
    pub insufficient_sample: fn(u64) -> String,
    pub ranking_note: &'static str,
    pub rate_more: &'static str,
    pub api_survey_not_found: &'static str,
    pub api_kiosk_key_required: &'static str,
    pub api_kiosk_key_invalid: &'static str,
    pub api_kiosk_key_not_for_survey: &'static str,
    pub api_kiosk_daily_limit: fn(i64) -> String,
    pub api_survey_not_open: &'static str,
    pub api_unavailable: &'static str,
    pub api_unsupported_media_type: &'static str,
    pub api_body_too_large: &'static str,
    pub api_invalid_json: &'static str,
    pub api_bad_query: &'static str,
    pub api_control_characters: fn(&str) -> String,
    pub api_invalid_type: &'static str,
}

/// The words of the public results pages (`/r/…`, `/sectors/…`), kept apart from `Messages`:
/// these pages are server HTML only and no island refers to this catalog, so the browser bundle
/// (which carries every string of `Messages`) does not carry these.
pub struct ResultsMessages {
    pub unavailable: &'static str,
    pub published: fn(&str, i64) -> String,
    pub newer_notice: fn(i64) -> String,
    pub see_latest: &'static str,
    pub correction: &'static str,
    pub ranking: &'static str,
    pub ranking_alt: fn(&str) -> String,
    pub distribution: &'static str,
    pub distribution_alt: &'static str,
    pub table_caption: &'static str,
    /// The phone ranking's heading line: what the bars are, at this level.
    pub bars_caption: fn(&str) -> String,
    pub tier_number: fn(usize) -> String,
    pub col_rank: &'static str,
    pub col_promoters: &'static str,
    pub col_passives: &'static str,
    pub col_detractors: &'static str,
    pub held_back: &'static str,
    pub held_back_intro: fn(u64) -> String,
    pub totals: &'static str,
    pub ledger: &'static str,
    pub ledger_intro: &'static str,
    pub col_received: &'static str,
    pub col_excluded: &'static str,
    pub col_held: &'static str,
    pub excluded_in_clusters: &'static str,
    pub col_counted: &'static str,
    pub col_verified: &'static str,
    pub verified_explained: &'static str,
    pub col_assisted: &'static str,
    pub assisted_explained: &'static str,
    pub detected_by: &'static str,
    pub detector: fn(&str) -> &'static str,
    pub total: &'static str,
    pub flag: fn(domain::Flag) -> &'static str,
    pub by_channel: &'static str,
    pub channel: fn(domain::Channel) -> &'static str,
    pub reason: fn(domain::ExclusionReason) -> &'static str,
    pub excluded_because: &'static str,
    pub method_heading: &'static str,
    pub method_nps: &'static str,
    pub method_interval: fn(&str, &str) -> String,
    pub method_tiers: &'static str,
    pub method_min_n: fn(u64) -> String,
    pub method_quality: &'static str,
    pub method_version: fn(&str, &str) -> String,
    pub method_hash: &'static str,
    pub method_hash_proves: &'static str,
    /// The weighting section: its heading, why and which figures rank (`true`: weighted).
    pub weighting_heading: &'static str,
    /// Under the ranking's heading when the weighted figures rank.
    pub ranked_by_weighted: &'static str,
    pub weighting_intro: fn(bool) -> String,
    pub weighting_caption: &'static str,
    pub col_unweighted: &'static str,
    pub col_weighted: &'static str,
    pub col_weighted_interval: fn(&str) -> String,
    pub col_n_eff: &'static str,
    pub n_eff_explained: &'static str,
    /// A profile question's name: `age_band` or `district`.
    pub weighting_question: fn(&str) -> &'static str,
    pub col_answer: &'static str,
    pub col_target: &'static str,
    pub col_sample: &'static str,
    pub col_weighted_share: &'static str,
    /// The share (per cent) who skipped a profile question.
    pub not_answered: fn(&str) -> String,
    pub margins_summary: &'static str,
    /// The cap as "5", then answers at the cap and all answers.
    pub weighting_cap: fn(&str, u64, u64) -> String,
    pub weighting_short: &'static str,
    /// Fieldwork: the first and last day an answer counted was given.
    pub method_fieldwork: fn(&str, &str) -> String,
    /// The sample: received, excluded, held, counted (valid), and the share rejected (per cent).
    pub method_sample: fn(i64, i64, i64, i64, &str) -> String,
    /// The reasons answers were excluded, as a list ("重复作答 12、…").
    pub method_excluded_by: fn(&str) -> String,
    /// Answers received per channel, as a list.
    pub method_channels: fn(&str) -> String,
    /// The methodology's paragraph on weighting (`true`: the weighted figures rank).
    pub method_weighting: fn(bool) -> String,
    pub downloads: &'static str,
    pub download_csv: &'static str,
    pub download_json: &'static str,
    pub download_png: &'static str,
    pub printable_report: &'static str,
    pub snapshots: &'static str,
    pub snapshot_item: fn(i64, &str, i64) -> String,
    pub first_publication: &'static str,
    pub this_page: &'static str,
    pub sector_intro: &'static str,
    pub waves: &'static str,
    pub wave_meta: fn(&str, i64) -> String,
    pub trend: &'static str,
    pub trend_alt: &'static str,
    pub full_results: &'static str,
    pub nav_rankings: &'static str,
    /// The large-mode switch: to turn it on, and to turn it off.
    pub large_mode_on: &'static str,
    pub large_mode_off: &'static str,
    pub rankings_title: &'static str,
    /// The rankings index's description in share cards.
    pub rankings_share: &'static str,
    /// A results page's description in share cards: sector, ranked subjects, counted answers.
    pub results_share: fn(&str, usize, u64) -> String,
    pub rankings_intro: &'static str,
    pub rankings_none: &'static str,
    /// The first tier, given the names already joined.
    pub leaders: fn(&str) -> String,
    pub leaders_none: &'static str,
    pub list_separator: &'static str,
    pub see_ranking: &'static str,
    pub all_waves: &'static str,
    pub open_surveys: &'static str,
}

/// The catalogs of a language. A trait because `Locale` lives in `koubei-domain` and the words
/// live here.
pub trait Catalog {
    fn messages(self) -> &'static Messages;
    fn results(self) -> &'static ResultsMessages;
}

impl Catalog for Locale {
    fn messages(self) -> &'static Messages {
        match self {
            Locale::ZhCn => &super::zh_cn::MESSAGES,
            Locale::En => &super::en::MESSAGES,
        }
    }

    /// The words of the public results pages (server HTML only).
    fn results(self) -> &'static ResultsMessages {
        match self {
            Locale::ZhCn => &super::zh_cn::RESULTS,
            Locale::En => &super::en::RESULTS,
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

    /// What is wrong with an answer, in words.
    pub fn answer_problem(&self, problem: domain::answers::AnswerProblem) -> &'static str {
        use domain::answers::AnswerProblem as P;
        match problem {
            P::NothingAnswered => self.problem_nothing_answered,
            P::SubjectMissing => self.problem_subject_missing,
            P::UnknownSubject => self.problem_unknown_subject,
            P::SubjectTwice => self.problem_subject_twice,
            P::ScoreMissing => self.problem_score_missing,
            P::ScoreNotWholeNumber => self.problem_score_not_whole,
            P::ScoreOutOfRange => self.problem_score_out_of_range,
            P::ReasonTooLong => self.problem_reason_too_long,
            P::ReasonUnreadable => self.problem_reason_unreadable,
            P::UnknownAgeBand => self.problem_unknown_age_band,
            P::UnknownDistrict => self.problem_unknown_district,
            P::UnknownLanguage => self.problem_unknown_language,
            P::InvalidRespondent => self.problem_invalid_respondent,
            P::InvalidSubmissionId => self.problem_invalid_submission_id,
            P::AlreadyAnswered => self.problem_already_answered,
        }
    }

    /// The label of an age band.
    pub fn age_band(&self, band: domain::answers::AgeBand) -> &'static str {
        let index = domain::answers::AgeBand::ALL
            .iter()
            .position(|b| *b == band)
            .unwrap_or_default();
        self.age_bands[index]
    }

    /// What is wrong with a calculator field, in words.
    pub fn problem(&self, problem: domain::calculator::Problem) -> &'static str {
        use domain::calculator::Problem;
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

/// The catalog of this page's language.
pub fn use_messages() -> &'static Messages {
    use_locale().messages()
}

/// The results pages' catalog of this page's language.
pub fn use_results_messages() -> &'static ResultsMessages {
    use_locale().results()
}

/// This page's language: the one the `App` provided on the server; inside an island in the
/// browser (where server context does not reach), the `lang` the server wrote on `<html>`.
pub fn use_locale() -> Locale {
    leptos::prelude::use_context::<Locale>().unwrap_or_else(super::current_locale)
}
