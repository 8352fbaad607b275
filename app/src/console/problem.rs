//! Pages for requests the console refuses: not allowed, form expired, not found, unavailable.

use leptos::prelude::*;

use super::document::render_document;
use crate::console::ConsoleCatalog;
use crate::i18n::Locale;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProblemPage {
    Forbidden,
    FormExpired,
    NotFound,
    Unavailable,
}

impl ProblemPage {
    pub fn status(self) -> http::StatusCode {
        match self {
            ProblemPage::Forbidden | ProblemPage::FormExpired => http::StatusCode::FORBIDDEN,
            ProblemPage::NotFound => http::StatusCode::NOT_FOUND,
            ProblemPage::Unavailable => http::StatusCode::SERVICE_UNAVAILABLE,
        }
    }
}

pub fn render_problem_page(locale: Locale, page: ProblemPage) -> String {
    let t = locale.console();
    let (title, text) = match page {
        ProblemPage::Forbidden => (t.forbidden_title, t.forbidden),
        ProblemPage::FormExpired => (t.form_expired_title, t.csrf_failed),
        ProblemPage::NotFound => (t.not_found_title, t.not_found),
        ProblemPage::Unavailable => (t.unavailable_title, t.unavailable),
    };
    render_document(locale, None, title, "/console", move || {
        view! {
            <h1 data-testid="problem-title">{title}</h1>
            <p>{text}</p>
            <p><a href="/console">{t.back_to_console}</a></p>
        }
        .into_any()
    })
}
