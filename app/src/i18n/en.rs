use super::Messages;

pub static MESSAGES: Messages = Messages {
    site_name: "Koubei",
    tagline: "Consumer word-of-mouth surveys",
    skip_to_content: "Skip to main content",
    language: "Language",
    home_title: "Open word-of-mouth surveys",
    home_intro: "Your ratings help other consumers choose well and push businesses to improve. Each survey takes a few minutes.",
    filter_label: "Filter by sector or survey name",
    filter_placeholder: "e.g. dental",
    filter_submit: "Filter",
    filter_no_match: |q| format!("No survey matches “{q}”."),
    no_open_surveys: "There are no open surveys at the moment.",
    subjects_count: |n| {
        if n == 1 {
            "1 brand or institution".to_string()
        } else {
            format!("{n} brands and institutions")
        }
    },
    closes_on: |date| format!("Closes {date}"),
    take_survey: "Take the survey",
    loading: "Loading…",
    load_error: "The survey list cannot be loaded right now. Please try again later.",
    not_found_title: "Page not found",
    not_found_body: "The page you are looking for does not exist. It may have been removed, or the link may be wrong.",
    back_home: "Back to the home page",
    footer: "Koubei 口碑 · open-source NPS word-of-mouth surveys",
};
