//! What every console handler needs: who is asking and in which language, the posted form's
//! fields, and the ways to answer (a page, a redirect, a problem page).

use app::console::ConsoleCatalog;
use app::console::{render_problem_page, ProblemPage};
use app::i18n::Locale;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use koubei_core::staff::Principal;

/// The signed-in staff member (put there by the gate), the language and the page's own path.
pub struct Staff {
    pub principal: Principal,
    pub locale: Locale,
    pub here: String,
}

impl<S: Send + Sync> FromRequestParts<S> for Staff {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let locale = app::i18n::request_locale(&parts.headers);
        // The gate guarantees a principal on every staff route; its absence is a wiring bug.
        let principal = parts
            .extensions
            .get::<Principal>()
            .cloned()
            .ok_or_else(|| problem(locale, ProblemPage::Forbidden))?;
        let here = parts
            .uri
            .path_and_query()
            .map(|pq| pq.as_str().to_string())
            .unwrap_or_else(|| "/console".into());
        Ok(Staff {
            principal,
            locale,
            here,
        })
    }
}

/// The fields of a posted console form (repeated names kept, in order).
#[derive(Clone, Debug, Default)]
pub struct Fields(pub Vec<(String, String)>);

impl Fields {
    /// Control characters other than tab and line breaks are dropped: nobody types them into a
    /// console form, and PostgreSQL cannot store NUL while SQLite can.
    pub fn parse(body: &[u8]) -> Fields {
        let readable = |text: std::borrow::Cow<'_, str>| -> String {
            text.chars()
                .filter(|c| !c.is_control() || matches!(c, '\t' | '\n' | '\r'))
                .collect()
        };
        Fields(
            form_urlencoded::parse(body)
                .map(|(k, v)| (readable(k), readable(v)))
                .collect(),
        )
    }

    /// The first value of a field, or "".
    pub fn get(&self, name: &str) -> &str {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or_default()
    }

    /// Every value of a repeated field (checkboxes), in order.
    pub fn all(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.clone())
            .collect()
    }

    pub fn checked(&self, name: &str) -> bool {
        !self.get(name).is_empty()
    }
}

/// Reads an URL-encoded form body (already size-checked by the gate for sessions).
pub async fn read_fields(body: axum::body::Body) -> Fields {
    let bytes = axum::body::to_bytes(body, crate::staff::CONSOLE_FORM_LIMIT_BYTES)
        .await
        .unwrap_or_default();
    Fields::parse(&bytes)
}

pub fn html(status: StatusCode, body: String) -> Response {
    (status, Html(body)).into_response()
}

/// Post/redirect/get.
pub fn see_other(location: &str) -> Response {
    (
        StatusCode::SEE_OTHER,
        [(header::LOCATION, location.to_string())],
    )
        .into_response()
}

pub fn problem(locale: Locale, page: ProblemPage) -> Response {
    html(page.status(), render_problem_page(locale, page))
}

/// Logs an internal failure once and answers with the "unavailable" page.
pub fn unavailable(locale: Locale, error: &dyn std::fmt::Display) -> Response {
    tracing::error!(error = %error, "a console request failed");
    problem(locale, ProblemPage::Unavailable)
}

/// The survey a console page is about, with its title in the staff member's language; the
/// answer to send instead when there is no such survey or the database fails.
pub async fn survey_with_title(
    db: &koubei_core::db::Database,
    staff: &Staff,
    slug: &str,
) -> Result<(koubei_core::authoring::surveys::StoredSurvey, String), Response> {
    let survey = match koubei_core::authoring::surveys::load(db, slug).await {
        Ok(Some(survey)) => survey,
        Ok(None) => return Err(problem(staff.locale, ProblemPage::NotFound)),
        Err(error) => return Err(unavailable(staff.locale, &error)),
    };
    let title = staff
        .locale
        .pick(&survey.definition.title.zh_cn, &survey.definition.title.en)
        .to_string();
    Ok((survey, title))
}

/// A refused form's problems in one line, each field by its label: "Name: required; …".
pub fn problems_line(
    locale: Locale,
    problems: &[koubei_core::authoring::definition::DefinitionProblem],
    label: impl Fn(&str) -> &'static str,
) -> String {
    let t = locale.console();
    problems
        .iter()
        .map(|p| format!("{}: {}", label(&p.field), (t.problem_label)(p.problem)))
        .collect::<Vec<_>>()
        .join("; ")
}
