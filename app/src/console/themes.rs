//! `/console/surveys/{slug}/themes` (what a survey's reasons say, per subject, with quote
//! picking) and `/console/sectors/{slug}/themes` (the sector's lexicon). Plain forms and links:
//! everything works without JavaScript.

use leptos::prelude::*;

use super::document::render_document;
use super::layout::CsrfField;
use super::themes_words::ThemesWords;
use crate::console::ConsoleCatalog;
use crate::i18n::Locale;
use domain::themes::{Quote, SubjectThemes, QUOTE_MIN_MENTIONS};
use domain::Role;
use koubei_core::authoring::definition::DefinitionProblem;
use koubei_core::staff::Principal;

/// A subject of the survey: slug and names.
#[derive(Clone, Debug)]
pub struct SubjectChoice {
    pub slug: String,
    pub name_zh: String,
    pub name_en: String,
}

/// A reason that may be picked, or was: its answer's id (for the form) and the quote.
#[derive(Clone, Debug)]
pub struct QuoteLine {
    pub response_id: String,
    pub quote: Quote,
}

/// The reasons of one theme offered for picking.
#[derive(Clone, Debug)]
pub struct Candidates {
    pub theme: String,
    pub theme_name: String,
    pub lines: Vec<QuoteLine>,
}

pub struct SurveyThemesPage {
    pub slug: String,
    pub title_zh: String,
    pub title_en: String,
    pub sector: String,
    pub lexicon_empty: bool,
    pub subjects: Vec<SubjectChoice>,
    /// The subject shown (a slug of `subjects`).
    pub subject: String,
    pub summary: Option<SubjectThemes>,
    pub picked: Vec<QuoteLine>,
    pub candidates: Option<Candidates>,
    pub notice: Option<&'static str>,
    pub error: Option<&'static str>,
}

fn pct(part: u64, whole: u64) -> String {
    if whole == 0 {
        "–".to_string()
    } else {
        format!("{:.0}%", 100.0 * part as f64 / whole as f64)
    }
}

pub fn render_survey_themes(
    locale: Locale,
    principal: &Principal,
    here: &str,
    page: SurveyThemesPage,
) -> String {
    let w = ThemesWords::for_locale(locale);
    let principal_for_body = principal.clone();
    render_document(locale, Some(principal), w.title, here, move || {
        let principal = principal_for_body;
        let can_edit = principal.may(Role::Editor);
        let title = locale.pick(&page.title_zh, &page.title_en).to_string();
        let slug = page.slug.clone();
        let subject = page.subject.clone();
        let tabs = page
            .subjects
            .iter()
            .map(|s| {
                let current = s.slug == subject;
                view! {
                    <li><a href=format!("/console/surveys/{slug}/themes?subject={}", s.slug)
                        aria-current=current.then_some("page") data-testid=format!("subject-{}", s.slug)>
                        {locale.pick(&s.name_zh, &s.name_en).to_string()}</a></li>
                }
            })
            .collect_view();
        let body = match &page.summary {
            _ if page.lexicon_empty => view! {
                <p data-testid="no-lexicon">{w.no_lexicon}" "
                    <a href=format!("/console/sectors/{}/themes", page.sector)>{w.lexicon_link}</a></p>
            }
            .into_any(),
            None => view! { <p data-testid="no-reasons">{w.no_reasons}</p> }.into_any(),
            Some(summary) => summary_view(locale, &principal, &page, summary, can_edit).into_any(),
        };
        view! {
            <h1>{w.title}": "{title}</h1>
            <p class="muted">{w.intro}" "<a href=format!("/console/sectors/{}/themes", page.sector)>{w.lexicon_link}</a></p>
            {page.notice.map(|n| view! { <p class="notice" role="status" data-testid="notice">{n}</p> })}
            {page.error.map(|e| view! { <p class="error" role="alert" data-testid="problem">{e}</p> })}
            <nav aria-label=w.subject_heading><ul class="subject-tabs">{tabs}</ul></nav>
            {body}
        }
        .into_any()
    })
}

fn summary_view(
    locale: Locale,
    principal: &Principal,
    page: &SurveyThemesPage,
    summary: &SubjectThemes,
    can_edit: bool,
) -> impl IntoView {
    let w = ThemesWords::for_locale(locale);
    let slug = page.slug.clone();
    let subject = page.subject.clone();
    let reasons = summary.reasons;
    let rows = summary
        .themes
        .iter()
        .map(|t| {
            let name = locale.pick(&t.name_zh, &t.name_en).to_string();
            let answers = format!(
                "/console/surveys/{slug}/responses?subject={subject}&theme={}&excluded=no",
                t.theme
            );
            let quotes_link = format!(
                "/console/surveys/{slug}/themes?subject={subject}&theme={}#candidates",
                t.theme
            );
            let quotable = t.mentions >= QUOTE_MIN_MENTIONS;
            let share = |part: u64, whole: u64| {
                view! { {part}<br/><span class="muted">{pct(part, whole)}</span> }
            };
            view! {
                <tr data-testid=format!("theme-{}", t.theme)>
                    <th scope="row">
                        {name}
                        <span class="row-links">
                            <a href=answers data-testid="see-answers">{w.see_answers}</a>
                            {if quotable {
                                view! { <a href=quotes_link data-testid="pick-quotes">{w.pick_quotes}</a> }.into_any()
                            } else {
                                view! { <span class="muted">{(w.too_few_for_quotes)(QUOTE_MIN_MENTIONS)}</span> }.into_any()
                            }}
                        </span>
                    </th>
                    <td class="num" data-testid="mentions">{t.mentions}</td>
                    <td class="num">{share(t.by_group.promoters, reasons.promoters)}</td>
                    <td class="num">{share(t.by_group.passives, reasons.passives)}</td>
                    <td class="num">{share(t.by_group.detractors, reasons.detractors)}</td>
                </tr>
            }
        })
        .collect_view();
    let name_of = |key: &str| {
        summary
            .theme(key)
            .map(|t| locale.pick(&t.name_zh, &t.name_en).to_string())
            .or_else(|| {
                summary
                    .distinctive
                    .iter()
                    .find(|d| d.theme == key)
                    .map(|d| locale.pick(&d.name_zh, &d.name_en).to_string())
            })
            .unwrap_or_default()
    };
    let distinctive = summary
        .distinctive
        .iter()
        .map(|d| {
            let words = if d.z > 0.0 {
                w.more_often
            } else {
                w.less_often
            };
            view! { <li>{words(&name_of(&d.theme), 100.0 * d.share, 100.0 * d.rest_share)}</li> }
        })
        .collect_view();
    let keywords = summary.keywords.join(locale.pick("、", ", "));
    let picked = page
        .picked
        .iter()
        .map(|line| {
            quote_item(
                locale,
                principal,
                &slug,
                &subject,
                line,
                &name_of(&line.quote.theme),
                can_edit,
                false,
            )
        })
        .collect_view();
    let candidates = page.candidates.as_ref().map(|c| {
        let items = c
            .lines
            .iter()
            .map(|line| {
                quote_item(
                    locale,
                    principal,
                    &slug,
                    &subject,
                    line,
                    &c.theme_name,
                    can_edit,
                    true,
                )
            })
            .collect_view();
        view! {
            <section class="panel" id="candidates" data-testid="candidates">
                <h2>{(w.candidates)(&c.theme_name)}</h2>
                <ul class="quote-list">{items}</ul>
            </section>
        }
    });
    view! {
        <p data-testid="reasons-count">{(w.reasons_count)(reasons.total())}</p>
        <div class="table-scroll">
            <table class="data-table" data-testid="theme-table">
                <thead><tr>
                    <th scope="col">{w.col_theme}</th>
                    <th scope="col" class="num">{w.col_mentions}</th>
                    <th scope="col" class="num">{w.col_promoters}</th>
                    <th scope="col" class="num">{w.col_passives}</th>
                    <th scope="col" class="num">{w.col_detractors}</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        <h2>{w.distinctive}</h2>
        {if summary.distinctive.is_empty() {
            view! { <p class="muted">{w.none_distinctive}</p> }.into_any()
        } else {
            view! { <ul data-testid="distinctive">{distinctive}</ul> }.into_any()
        }}
        <h2>{w.keywords}</h2>
        {if summary.keywords.is_empty() {
            view! { <p class="muted">{w.no_keywords}</p> }.into_any()
        } else {
            view! { <p data-testid="keywords">{keywords}</p> }.into_any()
        }}
        <section class="panel" data-testid="quotes">
            <h2>{w.quotes}</h2>
            <p class="muted">{w.quotes_hint}</p>
            {if page.picked.is_empty() {
                view! { <p class="muted">{w.no_quotes}</p> }.into_any()
            } else {
                view! { <ul class="quote-list">{picked}</ul> }.into_any()
            }}
        </section>
        {candidates}
    }
}

#[allow(clippy::too_many_arguments)]
fn quote_item(
    locale: Locale,
    principal: &Principal,
    slug: &str,
    subject: &str,
    line: &QuoteLine,
    theme_name: &str,
    can_edit: bool,
    offer: bool,
) -> impl IntoView {
    let w = ThemesWords::for_locale(locale);
    let (action, label, testid) = if offer {
        ("pick", w.pick, "pick")
    } else {
        ("remove", w.unpick, "unpick")
    };
    view! {
        <li data-testid="quote">
            <blockquote lang=line.quote.lang.clone()>{line.quote.text.clone()}</blockquote>
            <p class="muted">{theme_name.to_string()}" · "{(w.group)(&line.quote.group)}</p>
            {can_edit.then(|| view! {
                <form method="post" action=format!("/console/surveys/{slug}/quotes") class="inline-form">
                    <CsrfField principal=Some(principal.clone())/>
                    <input type="hidden" name="response" value=line.response_id.clone()/>
                    <input type="hidden" name="theme" value=line.quote.theme.clone()/>
                    <input type="hidden" name="subject" value=subject.to_string()/>
                    <button type="submit" name="action" value=action class="button button--secondary" data-testid=testid>{label}</button>
                </form>
            })}
        </li>
    }
}

/// One row of the lexicon form, as stored or as typed.
#[derive(Clone, Debug, Default)]
pub struct LexiconRow {
    pub key: String,
    pub name_zh: String,
    pub name_en: String,
    pub words: String,
}

pub struct LexiconPage {
    pub sector: String,
    pub sector_name_zh: String,
    pub sector_name_en: String,
    pub rows: Vec<LexiconRow>,
    pub notice: Option<&'static str>,
    pub problems: Vec<DefinitionProblem>,
}

/// Blank rows offered for new themes.
pub const NEW_ROWS: usize = 2;

pub fn render_lexicon(
    locale: Locale,
    principal: &Principal,
    here: &str,
    page: LexiconPage,
) -> String {
    let w = ThemesWords::for_locale(locale);
    let principal_for_body = principal.clone();
    render_document(locale, Some(principal), w.lexicon_title, here, move || {
        let principal = principal_for_body;
        let t = locale.console();
        let can_edit = principal.may(Role::Editor);
        let sector_name = locale
            .pick(&page.sector_name_zh, &page.sector_name_en)
            .to_string();
        let problem = |field: String| {
            page.problems
                .iter()
                .find(|p| p.field == field)
                .map(|p| view! { <p class="error">{(t.problem_label)(p.problem)}</p> })
        };
        let existing = page.rows.len();
        let rows = page
            .rows
            .iter()
            .cloned()
            .chain(std::iter::repeat_n(LexiconRow::default(), NEW_ROWS))
            .enumerate()
            .map(|(i, row)| {
                let id = |f: &str| format!("t-{i}-{f}");
                let legend = if i < existing {
                    locale.pick(&row.name_zh, &row.name_en).to_string()
                } else {
                    w.new_theme.to_string()
                };
                view! {
                    <fieldset class="panel" data-testid=format!("theme-row-{i}")>
                        <legend>{legend}</legend>
                        <input type="hidden" name=format!("themes.{i}.key") value=row.key.clone()/>
                        <div class="field">
                            <label for=id("zh")>{w.name_zh}</label>
                            <input type="text" id=id("zh") name=format!("themes.{i}.name_zh") value=row.name_zh.clone()
                                maxlength="40" disabled=!can_edit data-testid=format!("theme-{i}-name-zh")/>
                            {problem(format!("themes.{i}.name_zh"))}
                        </div>
                        <div class="field">
                            <label for=id("en")>{w.name_en}</label>
                            <input type="text" id=id("en") name=format!("themes.{i}.name_en") value=row.name_en.clone()
                                maxlength="60" disabled=!can_edit data-testid=format!("theme-{i}-name-en")/>
                            {problem(format!("themes.{i}.name_en"))}
                        </div>
                        <div class="field">
                            <label for=id("words")>{w.words}</label>
                            <textarea id=id("words") name=format!("themes.{i}.words") rows="6" disabled=!can_edit
                                aria-describedby="words-hint" data-testid=format!("theme-{i}-words")>{crate::markup::textarea_text(&row.words)}</textarea>
                            {problem(format!("themes.{i}.words"))}
                        </div>
                        {(i < existing && can_edit).then(|| view! {
                            <label class="check"><input type="checkbox" name=format!("themes.{i}.remove") value="yes"
                                data-testid=format!("theme-{i}-remove")/>" "{w.remove}</label>
                        })}
                    </fieldset>
                }
            })
            .collect_view();
        view! {
            <h1>{w.lexicon_title}": "{sector_name}</h1>
            <p class="muted">{w.lexicon_intro}</p>
            <p class="muted" id="words-hint">{w.words_hint}</p>
            {page.notice.map(|n| view! { <p class="notice" role="status" data-testid="notice">{n}</p> })}
            {(!page.problems.is_empty()).then(|| view! { <p class="error" role="alert" data-testid="problem">{w.refused}</p> })}
            <form method="post" action=format!("/console/sectors/{}/themes", page.sector) class="console-form" data-testid="lexicon-form">
                <CsrfField principal=Some(principal.clone())/>
                {rows}
                {can_edit.then(|| view! {
                    <button type="submit" class="button" data-testid="save-lexicon">{w.save}</button>
                })}
            </form>
        }
        .into_any()
    })
}
