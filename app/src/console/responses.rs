//! The response browser (filter, page through) and one response with its exclusion history and
//! the exclude / restore forms.

use leptos::prelude::*;

use super::document::render_document;
use super::layout::{encode, CsrfField};
use crate::console::ConsoleCatalog;
use crate::i18n::Locale;
use domain::{ExclusionReason, Flag, Role, SurveyStatus};
use koubei_core::moderation::browse::{ExclusionEvent, StaffResponse};
use koubei_core::moderation::filter::FilterQuery;
use koubei_core::staff::Principal;

/// The browser page's data.
pub struct ResponseList {
    pub survey_slug: String,
    pub survey_title: String,
    /// (slug, name) of the survey's subjects, for the filter.
    pub subjects: Vec<(String, String)>,
    /// (key, name) of the sector's themes, for the filter.
    pub themes: Vec<(String, String)>,
    pub query: FilterQuery,
    /// The filter field that could not be read, if any.
    pub invalid_field: Option<&'static str>,
    pub responses: Vec<StaffResponse>,
    /// The `after` cursor of the next page, when there is one.
    pub next: Option<String>,
}

/// A stored language tag as the language's own name.
fn language(tag: &str) -> &'static str {
    Locale::parse(tag).unwrap_or_default().endonym()
}

fn time(stored: &str) -> String {
    koubei_core::db::timestamp::parse(stored)
        .and_then(|t| {
            t.to_offset(koubei_core::db::timestamp::COUNCIL_OFFSET)
                .format(time::macros::format_description!(
                    "[year]-[month]-[day] [hour]:[minute]"
                ))
                .ok()
        })
        .unwrap_or_else(|| stored.to_string())
}

fn flags_text(locale: Locale, flags: &[Flag]) -> String {
    flags
        .iter()
        .map(|f| (locale.console().flag_label)(*f))
        .collect::<Vec<_>>()
        .join(", ")
}

fn select(
    name: &'static str,
    label: &'static str,
    current: &str,
    options: Vec<(String, String)>,
) -> impl IntoView {
    let options: Vec<_> = options
        .into_iter()
        .map(|(value, text)| {
            let selected = value == current;
            view! { <option value=value selected=selected>{text}</option> }
        })
        .collect();
    view! {
        <div class="field">
            <label for=name>{label}</label>
            <select id=name name=name data-testid=format!("filter-{name}")>{options}</select>
        </div>
    }
}

fn input(
    name: &'static str,
    label: &'static str,
    value: String,
    kind: &'static str,
    invalid: bool,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=name>{label}</label>
            <input id=name name=name type=kind value=value aria-invalid=invalid.then_some("true")
                data-testid=format!("filter-{name}")/>
        </div>
    }
}

pub fn render_response_list(
    locale: Locale,
    principal: &Principal,
    here: &str,
    list: ResponseList,
) -> String {
    let t = locale.console();
    let title = format!("{} · {}", t.responses_title, list.survey_title);
    render_document(locale, Some(principal), &title.clone(), here, move || {
        let q = list.query.clone();
        let bad = |field: &str| list.invalid_field == Some(field);
        let all = || (String::new(), t.all.to_string());
        let mut subject_options = vec![all()];
        subject_options.extend(list.subjects.iter().cloned());
        let mut flag_options = vec![
            all(),
            ("any".into(), t.any_flag.into()),
            ("none".into(), t.no_flag.into()),
        ];
        flag_options
            .extend(Flag::ALL.map(|f| (f.as_str().to_string(), (t.flag_label)(f).to_string())));
        let rows: Vec<_> = list
            .responses
            .iter()
            .map(|r| {
                let excluded = r.exclusion.is_some();
                view! {
                    <tr class=excluded.then_some("excluded") data-testid=format!("response-{}", r.id)>
                        <td><a href=format!("/console/responses/{}", r.id)>{time(&r.created_at)}</a></td>
                        <td>{locale.pick(&r.subject_name_zh, &r.subject_name_en).to_string()}</td>
                        <td class="num">{r.score}</td>
                        <td class="reason-cell">{r.reason.clone().unwrap_or_default()}</td>
                        <td>{language(&r.lang)}</td>
                        <td>{flags_text(locale, &r.flags)}</td>
                        <td>{r.exclusion.as_ref().map(|x| format!("{} ({})", t.excluded, (t.reason_label)(x.reason)))
                            .unwrap_or_else(|| t.counted.to_string())}</td>
                    </tr>
                }
            })
            .collect();
        let next_link = list.next.clone().map(|after| {
            let mut next_query = q.clone();
            next_query.after = after;
            let query_string = to_query_string(&next_query);
            view! {
                <a class="button button--secondary" href=format!("/console/surveys/{}/responses?{query_string}", list.survey_slug)
                    data-testid="next-page">{t.next_page}</a>
            }
        });
        view! {
            <h1>{title}</h1>
            <p><a href=format!("/console/surveys/{}", list.survey_slug)>{t.back_to_console}</a></p>
            <form method="get" class="panel filter-form" role="search" aria-label=t.filter>
                <div class="field-grid">
                    {select("subject", t.col_subject, &q.subject, subject_options)}
                    {input("score_min", t.score_min, q.score_min.clone(), "number", bad("score_min"))}
                    {input("score_max", t.score_max, q.score_max.clone(), "number", bad("score_max"))}
                    {select("lang", t.col_lang, &q.lang, vec![all(), ("zh-CN".into(), "中文".into()), ("en".into(), "English".into())])}
                    {select("flag", t.col_flags, &q.flag, flag_options)}
                    {select("excluded", t.col_status, &q.excluded, vec![all(), ("yes".into(), t.excluded_only.into()), ("no".into(), t.counted_only.into())])}
                    {input("from", t.date_from, q.from.clone(), "date", bad("from"))}
                    {input("to", t.date_to, q.to.clone(), "date", bad("to"))}
                    {(!list.themes.is_empty()).then(|| {
                        let words = super::ThemesWords::for_locale(locale);
                        let mut options = vec![(String::new(), words.any_theme.to_string())];
                        options.extend(list.themes.iter().cloned());
                        select("theme", words.filter_theme, &q.theme, options)
                    })}
                </div>
                <button type="submit" class="button" data-testid="apply-filter">{t.apply_filter}</button>
            </form>
            {list.invalid_field.map(|field| view! {
                <p class="error" role="alert" data-testid="filter-problem">{t.filter_invalid}{field}</p>
            })}
            {if list.responses.is_empty() {
                view! { <p data-testid="no-responses">{t.no_responses}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll">
                        <table class="data-table" data-testid="responses">
                            <thead>
                                <tr>
                                    <th scope="col">{t.col_time}</th>
                                    <th scope="col">{t.col_subject}</th>
                                    <th scope="col" class="num">{t.col_score}</th>
                                    <th scope="col">{t.col_reason}</th>
                                    <th scope="col">{t.col_lang}</th>
                                    <th scope="col">{t.col_flags}</th>
                                    <th scope="col">{t.col_status}</th>
                                </tr>
                            </thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                }
                .into_any()
            }}
            {next_link}
        }
        .into_any()
    })
}

/// The filter as a query string (only the fields that are set).
fn to_query_string(q: &FilterQuery) -> String {
    [
        ("subject", &q.subject),
        ("score_min", &q.score_min),
        ("score_max", &q.score_max),
        ("lang", &q.lang),
        ("flag", &q.flag),
        ("excluded", &q.excluded),
        ("from", &q.from),
        ("to", &q.to),
        ("theme", &q.theme),
        ("after", &q.after),
    ]
    .into_iter()
    .filter(|(_, v)| !v.is_empty())
    .map(|(k, v)| format!("{k}={}", encode(v)))
    .collect::<Vec<_>>()
    .join("&")
}

/// One response's page.
pub struct ResponseDetail {
    pub survey_slug: String,
    pub survey_status: SurveyStatus,
    pub response: StaffResponse,
    pub history: Vec<ExclusionEvent>,
    pub notice: Option<String>,
    pub problem: Option<String>,
}

pub fn render_response_detail(
    locale: Locale,
    principal: &Principal,
    here: &str,
    detail: ResponseDetail,
) -> String {
    let t = locale.console();
    let principal_for_body = principal.clone();
    render_document(locale, Some(principal), t.response_title, here, move || {
        let r = detail.response;
        let can_moderate =
            principal_for_body.may(Role::Editor) && detail.survey_status != SurveyStatus::Published;
        let history: Vec<_> = detail
            .history
            .iter()
            .map(|event| {
                let reason = ExclusionReason::parse(&event.reason).map(t.reason_label).unwrap_or("?");
                view! {
                    <li>
                        {time(&event.excluded_at)}" · "{t.excluded}" · "{reason}
                        {(!event.note.is_empty()).then(|| format!(" · “{}”", event.note))}
                        " · "{event.excluded_by.clone()}
                        {event.restored_at.as_ref().map(|at| format!(" → {} {} · {}", t.restored, time(at), event.restored_by.clone().unwrap_or_default()))}
                    </li>
                }
            })
            .collect();
        let reason_options: Vec<_> = ExclusionReason::STAFF
            .into_iter()
            .map(|reason| view! { <option value=reason.as_str()>{(t.reason_label)(reason)}</option> })
            .collect();
        let withdrawn = r
            .exclusion
            .as_ref()
            .is_some_and(|x| x.reason == ExclusionReason::Withdrawn);
        let moderation = can_moderate.then(|| {
            let id = r.id.clone();
            if withdrawn {
                // The respondent's own decision: nothing for staff to undo.
                view! { <p class="notice" data-testid="withdrawn-note">{t.withdrawn_by_respondent}</p> }.into_any()
            } else if r.exclusion.is_some() {
                view! {
                    <form method="post" action=format!("/console/responses/{id}/restore") class="panel">
                        <CsrfField principal=Some(principal_for_body.clone())/>
                        <button type="submit" class="button" data-testid="restore">{t.restore}</button>
                    </form>
                }
                .into_any()
            } else {
                view! {
                    <form method="post" action=format!("/console/responses/{id}/exclusion") class="panel console-form narrow">
                        <CsrfField principal=Some(principal_for_body.clone())/>
                        <div class="field">
                            <label for="reason">{t.exclusion_reason}</label>
                            // No reason chosen for staff: a wrong one must not slip through.
                            <select id="reason" name="reason" data-testid="exclusion-reason" required>
                                <option value="" selected disabled>{t.choose_reason}</option>
                                {reason_options}
                            </select>
                        </div>
                        <div class="field">
                            <label for="note">{t.exclusion_note}</label>
                            <textarea id="note" name="note" rows="2" maxlength="500" data-testid="exclusion-note"></textarea>
                        </div>
                        <button type="submit" class="button" data-testid="exclude">{t.exclude}</button>
                    </form>
                }
                .into_any()
            }
        });
        view! {
            <h1>{t.response_title}</h1>
            <p><a href=format!("/console/surveys/{}/responses", detail.survey_slug)>{t.responses_title}</a></p>
            {detail.notice.map(|n| view! { <p class="notice" role="status" data-testid="notice">{n}</p> })}
            {detail.problem.map(|p| view! { <p class="error" role="alert" data-testid="problem">{p}</p> })}
            <dl class="facts">
                <dt>{t.col_time}</dt><dd>{time(&r.created_at)}</dd>
                <dt>{t.col_subject}</dt><dd>{locale.pick(&r.subject_name_zh, &r.subject_name_en).to_string()}</dd>
                <dt>{t.col_score}</dt><dd data-testid="response-score">{r.score}</dd>
                <dt>{t.col_reason}</dt><dd class="reason-cell">{r.reason.clone().unwrap_or_default()}</dd>
                <dt>{t.col_lang}</dt><dd>{language(&r.lang)}</dd>
                <dt>{t.col_flags}</dt><dd>{flags_text(locale, &r.flags)}</dd>
                <dt>{t.col_status}</dt>
                <dd data-testid="response-status">{r.exclusion.as_ref()
                    .map(|x| format!("{} ({})", t.excluded, (t.reason_label)(x.reason)))
                    .unwrap_or_else(|| t.counted.to_string())}</dd>
            </dl>
            {moderation}
            {(!history.is_empty()).then(|| view! {
                <section class="panel">
                    <h2>{t.exclusion_history}</h2>
                    <ul class="compact-list">{history}</ul>
                </section>
            })}
        }
        .into_any()
    })
}
