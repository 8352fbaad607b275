//! The audit log page: who changed what and when, in words and Beijing time, filtered by kind
//! (sign-ins, which outnumber the changes, hidden unless asked for), 100 entries a page.

use leptos::prelude::*;

use super::audit_words::AuditWords;
use super::document::render_document;
use crate::console::ConsoleCatalog;
use crate::i18n::Locale;
use koubei_core::db::timestamp;
use koubei_core::exports::{Cell, Table};
use koubei_core::staff::audit::{AuditArea, AuditFilter, AuditLine};
use koubei_core::staff::Principal;

/// Everything the page shows.
pub struct AuditPage {
    pub lines: Vec<AuditLine>,
    pub filter: AuditFilter,
    /// The first and last day as typed (`YYYY-MM-DD`), for the form.
    pub from: String,
    pub to: String,
    /// The `before` cursor of the next (older) page, when there is one.
    pub older: Option<String>,
}

impl AuditPage {
    /// The query that shows this filter again (for the paging link).
    fn query(&self) -> String {
        let mut query = String::new();
        if let Some(area) = self.filter.area {
            query.push_str(&format!("&area={}", area.as_str()));
        }
        if self.filter.sign_ins {
            query.push_str("&sign_ins=yes");
        }
        if !self.from.is_empty() {
            query.push_str(&format!("&from={}", self.from));
        }
        if !self.to.is_empty() {
            query.push_str(&format!("&to={}", self.to));
        }
        query
    }
}

pub fn render_audit(locale: Locale, principal: &Principal, here: &str, page: AuditPage) -> String {
    let t = locale.console();
    let w = AuditWords::for_locale(locale);
    render_document(locale, Some(principal), t.audit_title, here, move || {
        let rows: Vec<_> = page
            .lines
            .iter()
            .map(|line| {
                let e = &line.entry;
                let state = |label: &'static str, json: &Option<String>| {
                    json.clone().map(|json| view! {
                        <details><summary>{label}</summary><pre>{json}</pre></details>
                    })
                };
                let action = (w.action)(&e.action).map_or_else(|| e.action.clone(), str::to_string);
                let object = match (&line.survey_slug, e.entity.as_str()) {
                    (_, "response") => view! {
                        <a href=format!("/console/responses/{}", e.entity_id)>{w.open_response}</a>
                    }
                    .into_any(),
                    (Some(slug), _) => {
                        let title = locale
                            .pick(
                                line.survey_title_zh.as_deref().unwrap_or_default(),
                                line.survey_title_en.as_deref().unwrap_or_default(),
                            )
                            .to_string();
                        view! { <a href=format!("/console/surveys/{slug}")>{title}</a> }.into_any()
                    }
                    (None, _) => view! { <span>{(w.entity)(&e.entity)}</span> }.into_any(),
                };
                view! {
                    <tr data-testid="audit-row" data-action=e.action.clone()>
                        <td class="date">{timestamp::council_minute(&e.at).unwrap_or_else(|| e.at.clone())}</td>
                        <td>{w.actor(&e.actor)}</td>
                        <td data-testid="audit-action">{action}</td>
                        <td>{object}</td>
                        <td>{state(t.col_before, &e.before_state)}{state(t.col_after, &e.after_state)}</td>
                    </tr>
                }
            })
            .collect();
        let empty = rows
            .is_empty()
            .then(|| view! { <p class="muted">{w.nothing}</p> });
        let options: Vec<_> = AuditArea::ALL
            .into_iter()
            .map(|area| {
                view! {
                    <option value=area.as_str() selected=page.filter.area == Some(area)>{(w.area)(area)}</option>
                }
            })
            .collect();
        let older = page.older.clone().map(|id| {
            let href = format!("/console/audit?before={id}{}", page.query());
            view! { <a class="button button--secondary" href=href>{t.older}</a> }
        });
        view! {
            <h1>{t.audit_title}</h1>
            <form method="get" action="/console/audit" class="panel console-form narrow" data-testid="audit-filter">
                <div class="field">
                    <label for="area">{w.area_label}</label>
                    <select id="area" name="area">
                        <option value="" selected=page.filter.area.is_none()>{w.all_areas}</option>
                        {options}
                    </select>
                </div>
                <div class="field">
                    <label for="from">{w.from}</label>
                    <input type="date" id="from" name="from" value=page.from.clone()/>
                </div>
                <div class="field">
                    <label for="to">{w.to}</label>
                    <input type="date" id="to" name="to" value=page.to.clone()/>
                </div>
                <label class="check">
                    <input type="checkbox" name="sign_ins" value="yes" checked=page.filter.sign_ins/>
                    {w.show_sign_ins}
                </label>
                <button type="submit" class="button">{w.filter}</button>
            </form>
            <p>
                <a href=format!("/console/audit/export.csv?{}", page.query().trim_start_matches('&')) data-testid="audit-export">
                    {w.export_csv}
                </a>
            </p>
            <div class="table-scroll">
                <table class="data-table" data-testid="audit">
                    <thead><tr>
                        <th scope="col">{w.col_at}</th>
                        <th scope="col">{t.col_actor}</th>
                        <th scope="col">{t.col_action}</th>
                        <th scope="col">{t.col_entity}</th>
                        <th scope="col">{t.col_before}" / "{t.col_after}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            {empty}
            {older}
        }
        .into_any()
    })
}

/// The entries as a table for CSV: the page's words, plus each action's code and the states.
pub fn audit_table(locale: Locale, lines: &[AuditLine]) -> Table {
    let t = locale.console();
    let w = AuditWords::for_locale(locale);
    let columns = [
        w.col_at,
        t.col_actor,
        t.col_action,
        w.action_code,
        t.col_entity,
        w.survey,
        t.col_before,
        t.col_after,
    ];
    let rows = lines
        .iter()
        .map(|line| {
            let e = &line.entry;
            let survey = locale.pick(
                line.survey_title_zh.as_deref().unwrap_or_default(),
                line.survey_title_en.as_deref().unwrap_or_default(),
            );
            vec![
                Cell::from(timestamp::council_minute(&e.at).unwrap_or_else(|| e.at.clone())),
                Cell::from(w.actor(&e.actor)),
                Cell::from((w.action)(&e.action).unwrap_or_default()),
                Cell::from(e.action.as_str()),
                Cell::from((w.entity)(&e.entity)),
                Cell::from(survey),
                Cell::from(e.before_state.clone().unwrap_or_default()),
                Cell::from(e.after_state.clone().unwrap_or_default()),
            ]
        })
        .collect();
    Table {
        columns: columns.iter().map(|c| c.to_string()).collect(),
        rows,
    }
}
