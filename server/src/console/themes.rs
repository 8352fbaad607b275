//! `/console/surveys/{slug}/themes` with its quote form (`POST …/quotes`), and
//! `/console/sectors/{sector}/themes`, the sector's lexicon.

use app::console::{
    render_lexicon, render_survey_themes, Candidates, LexiconPage, LexiconRow, ProblemPage,
    QuoteLine, SubjectChoice, SurveyThemesPage, ThemesWords, NEW_ROWS,
};
use axum::extract::{Path, Query, Request, State};
use axum::http::StatusCode;
use axum::response::Response;
use koubei_core::authoring::catalog::find_sector;
use koubei_core::authoring::AuthoringError;
use koubei_core::failure::Failure;
use koubei_core::themes::lexicon::{self, ThemeInput, MAX_THEMES};
use koubei_core::themes::quotes;
use koubei_core::themes::reading::{self, SurveyReading};
use serde::Deserialize;

use super::page::{html, problem, read_fields, see_other, unavailable, Fields, Staff};
use super::surveys::DoneQuery;
use crate::app_state::AppState;
use crate::failure_status::HttpStatus;

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ThemesQuery {
    subject: String,
    theme: String,
    done: String,
}

/// Reasons offered for picking under one theme.
const CANDIDATES_SHOWN: usize = 30;

fn quote_line(reading: &SurveyReading, response_id: &str, theme: &str) -> Option<QuoteLine> {
    let reason = reading
        .subjects
        .iter()
        .flat_map(|s| s.reasons.iter())
        .find(|r| r.response_id == response_id)?;
    Some(QuoteLine {
        response_id: response_id.to_string(),
        quote: reason.quote(theme),
    })
}

async fn survey_page(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    query: &ThemesQuery,
    status: StatusCode,
    error: Option<&'static str>,
) -> Response {
    let w = ThemesWords::for_locale(staff.locale);
    let survey = match koubei_core::authoring::surveys::load(&state.db, slug).await {
        Ok(Some(survey)) => survey,
        Ok(None) => return problem(staff.locale, ProblemPage::NotFound),
        Err(error) => return unavailable(staff.locale, &error),
    };
    let (reading, picked) = match reading::of_survey(&state.db, slug).await {
        Ok(Some(found)) => found,
        Ok(None) => return problem(staff.locale, ProblemPage::NotFound),
        Err(error) => return unavailable(staff.locale, &error),
    };
    let subject = reading
        .subject(&query.subject)
        .or_else(|| reading.subjects.first())
        .map(|s| s.slug.clone())
        .unwrap_or_default();
    let summaries = reading.summaries(&picked);
    let index = reading.subjects.iter().position(|s| s.slug == subject);
    let summary = index
        .and_then(|i| summaries.get(i).cloned())
        .filter(|s| s.reasons.total() > 0);
    let subject_reading = index.map(|i| &reading.subjects[i]);
    let picked_lines: Vec<QuoteLine> = picked
        .iter()
        .filter(|q| {
            subject_reading
                .is_some_and(|s| s.reasons.iter().any(|r| r.response_id == q.response_id))
        })
        .filter_map(|q| quote_line(&reading, &q.response_id, &q.theme))
        .collect();
    let candidates = reading.theme_index(&query.theme).and_then(|theme| {
        let subject_reading = subject_reading?;
        let entry = &reading.lexicon[theme];
        // Newest first, each text once: many people write the same few words.
        let mut seen = std::collections::HashSet::new();
        let lines = subject_reading
            .reasons
            .iter()
            .rev()
            .filter(|r| r.mentions(theme) && !picked.iter().any(|q| q.response_id == r.response_id))
            .filter(|r| seen.insert(r.reading.redacted.text.as_str()))
            .take(CANDIDATES_SHOWN)
            .filter_map(|r| quote_line(&reading, &r.response_id, &entry.key))
            .collect();
        Some(Candidates {
            theme: entry.key.clone(),
            theme_name: staff
                .locale
                .pick(&entry.name_zh, &entry.name_en)
                .to_string(),
            lines,
        })
    });
    let notice = match query.done.as_str() {
        "picked" => Some(w.picked),
        "removed" => Some(w.unpicked),
        _ => None,
    };
    let page = SurveyThemesPage {
        slug: slug.to_string(),
        title_zh: survey.definition.title.zh_cn.clone(),
        title_en: survey.definition.title.en.clone(),
        sector: survey.definition.sector.clone(),
        lexicon_empty: reading.lexicon.is_empty(),
        subjects: reading
            .subjects
            .iter()
            .map(|s| SubjectChoice {
                slug: s.slug.clone(),
                name_zh: s.name_zh.clone(),
                name_en: s.name_en.clone(),
            })
            .collect(),
        subject,
        summary,
        picked: picked_lines,
        candidates,
        notice,
        error,
    };
    html(
        status,
        render_survey_themes(staff.locale, &staff.principal, &staff.here, page),
    )
}

pub async fn show(
    State(state): State<AppState>,
    staff: Staff,
    Path(slug): Path<String>,
    Query(query): Query<ThemesQuery>,
) -> Response {
    survey_page(&state, &staff, &slug, &query, StatusCode::OK, None).await
}

/// Picks (`action=pick`) or removes (`action=remove`) a quote, then shows the subject again.
pub async fn change_quote(
    State(state): State<AppState>,
    staff: Staff,
    Path(slug): Path<String>,
    request: Request,
) -> Response {
    let fields = read_fields(request.into_body()).await;
    let response = fields.get("response").trim().to_string();
    let theme = fields.get("theme").trim().to_string();
    let subject = fields.get("subject").trim().to_string();
    let actor = &staff.principal.actor;
    let (outcome, done) = match fields.get("action") {
        "remove" => (
            quotes::unpick(&state.db, actor, &slug, &response).await,
            "removed",
        ),
        _ => (
            quotes::pick(&state.db, actor, &slug, &response, &theme).await,
            "picked",
        ),
    };
    let query = ThemesQuery {
        subject: subject.clone(),
        theme: theme.clone(),
        done: String::new(),
    };
    match outcome {
        Ok(()) => see_other(&format!(
            "/console/surveys/{slug}/themes?subject={}&done={done}",
            form_urlencoded::byte_serialize(subject.as_bytes()).collect::<String>()
        )),
        Err(AuthoringError::Quote(refusal)) => {
            let words = ThemesWords::for_locale(staff.locale);
            let error = AuthoringError::Quote(refusal);
            survey_page(
                &state,
                &staff,
                &slug,
                &query,
                error.status(),
                Some((words.refusal)(error.code())),
            )
            .await
        }
        Err(AuthoringError::NotFound) => problem(staff.locale, ProblemPage::NotFound),
        Err(error) => unavailable(staff.locale, &error),
    }
}

fn lexicon_rows(themes: Vec<lexicon::Theme>) -> Vec<LexiconRow> {
    themes
        .into_iter()
        .map(|t| LexiconRow {
            key: t.key,
            name_zh: t.name_zh,
            name_en: t.name_en,
            words: t.words.join("\n"),
        })
        .collect()
}

async fn lexicon_page(
    state: &AppState,
    staff: &Staff,
    sector: &str,
    status: StatusCode,
    typed: Option<(
        Vec<LexiconRow>,
        Vec<koubei_core::authoring::definition::DefinitionProblem>,
    )>,
    notice: Option<&'static str>,
) -> Response {
    let found = match find_sector(&state.db, sector).await {
        Ok(Some(found)) => found,
        Ok(None) => return problem(staff.locale, ProblemPage::NotFound),
        Err(error) => return unavailable(staff.locale, &error),
    };
    let (rows, problems) = match typed {
        Some(typed) => typed,
        None => match lexicon::of_sector(&state.db, sector).await {
            Ok(themes) => (lexicon_rows(themes), Vec::new()),
            Err(error) => return unavailable(staff.locale, &error),
        },
    };
    let page = LexiconPage {
        sector: found.slug,
        sector_name_zh: found.name.zh_cn,
        sector_name_en: found.name.en,
        rows,
        notice,
        problems,
    };
    html(
        status,
        render_lexicon(staff.locale, &staff.principal, &staff.here, page),
    )
}

pub async fn show_lexicon(
    State(state): State<AppState>,
    staff: Staff,
    Path(sector): Path<String>,
    Query(done): Query<DoneQuery>,
) -> Response {
    let notice = done
        .is_saved()
        .then_some(ThemesWords::for_locale(staff.locale).saved);
    lexicon_page(&state, &staff, &sector, StatusCode::OK, None, notice).await
}

/// The rows as typed: `themes.{i}.…` for every row the form sent, those marked for removal
/// left out (so the numbering of problems follows what is kept).
fn typed_rows(fields: &Fields) -> Vec<LexiconRow> {
    (0..MAX_THEMES + NEW_ROWS + 1)
        .filter(|i| fields.get(&format!("themes.{i}.remove")) != "yes")
        .map(|i| LexiconRow {
            key: fields.get(&format!("themes.{i}.key")).to_string(),
            name_zh: fields.get(&format!("themes.{i}.name_zh")).to_string(),
            name_en: fields.get(&format!("themes.{i}.name_en")).to_string(),
            words: fields.get(&format!("themes.{i}.words")).to_string(),
        })
        .filter(|r| {
            !(r.key.is_empty()
                && r.name_zh.trim().is_empty()
                && r.name_en.trim().is_empty()
                && r.words.trim().is_empty())
        })
        .collect()
}

pub async fn save_lexicon(
    State(state): State<AppState>,
    staff: Staff,
    Path(sector): Path<String>,
    request: Request,
) -> Response {
    let rows = typed_rows(&read_fields(request.into_body()).await);
    let inputs: Vec<ThemeInput> = rows
        .iter()
        .map(|r| ThemeInput {
            key: r.key.clone(),
            name_zh: r.name_zh.clone(),
            name_en: r.name_en.clone(),
            words: r.words.clone(),
        })
        .collect();
    match lexicon::save(&state.db, &staff.principal.actor, &sector, &inputs).await {
        Ok(_) => see_other(&format!("/console/sectors/{sector}/themes?done=saved")),
        Err(AuthoringError::Invalid(problems)) => {
            lexicon_page(
                &state,
                &staff,
                &sector,
                StatusCode::UNPROCESSABLE_ENTITY,
                Some((rows, problems)),
                None,
            )
            .await
        }
        Err(AuthoringError::NotFound) => problem(staff.locale, ProblemPage::NotFound),
        Err(error) => unavailable(staff.locale, &error),
    }
}
