//! Sectors and subjects: the list of sectors, one sector with its subjects, and one subject.

use leptos::prelude::*;

use super::document::render_document;
use super::fields::{Checkbox, TextArea, TextInput};
use super::layout::CsrfField;
use crate::console::ConsoleCatalog;
use crate::i18n::Locale;
use domain::Role;
use koubei_core::authoring::catalog::{Sector, Subject};
use koubei_core::authoring::definition::DefinitionProblem;
use koubei_core::staff::Principal;

/// A sector or subject form as typed, with its problems.
#[derive(Clone, Debug, Default)]
pub struct NamedForm {
    pub slug: String,
    pub name_zh: String,
    pub name_en: String,
    pub aliases: String,
    pub active: bool,
    pub problems: Vec<DefinitionProblem>,
}

impl NamedForm {
    pub fn blank() -> NamedForm {
        NamedForm {
            active: true,
            ..Default::default()
        }
    }

    pub fn of_sector(sector: &Sector) -> NamedForm {
        NamedForm {
            slug: sector.slug.clone(),
            name_zh: sector.name.zh_cn.clone(),
            name_en: sector.name.en.clone(),
            aliases: String::new(),
            active: sector.active,
            problems: Vec::new(),
        }
    }

    pub fn of_subject(subject: &Subject) -> NamedForm {
        NamedForm {
            slug: subject.slug.clone(),
            name_zh: subject.name.zh_cn.clone(),
            name_en: subject.name.en.clone(),
            aliases: subject.aliases.join("\n"),
            active: subject.active,
            problems: Vec::new(),
        }
    }

    fn error(&self, locale: Locale, field: &str) -> Option<String> {
        let texts: Vec<&str> = self
            .problems
            .iter()
            .filter(|p| p.field == field || p.field.starts_with(&format!("{field}[")))
            .map(|p| (locale.console().problem_label)(p.problem))
            .collect();
        (!texts.is_empty()).then(|| texts.join("; "))
    }
}

fn named_fields(locale: Locale, form: &NamedForm, with_aliases: bool) -> impl IntoView {
    let t = locale.console();
    view! {
        <TextInput name="slug" label=t.col_slug value=form.slug.clone() error=form.error(locale, "slug")/>
        <TextInput name="name_zh" label=t.col_name_zh value=form.name_zh.clone() error=form.error(locale, "name.zh-CN")/>
        <TextInput name="name_en" label=t.col_name_en value=form.name_en.clone() error=form.error(locale, "name.en")/>
        {with_aliases.then(|| view! {
            <TextArea name="aliases" label=t.aliases value=form.aliases.clone() error=form.error(locale, "aliases")/>
        })}
        <Checkbox name="active" label=t.active checked=form.active/>
    }
}

pub fn render_sector_list(
    locale: Locale,
    principal: &Principal,
    here: &str,
    sectors: Vec<Sector>,
    new_sector: NamedForm,
) -> String {
    let t = locale.console();
    let principal_for_body = principal.clone();
    render_document(locale, Some(principal), t.sectors_title, here, move || {
        let rows: Vec<_> = sectors
            .iter()
            .map(|s| {
                view! {
                    <tr data-testid=format!("sector-row-{}", s.slug)>
                        <th scope="row"><a href=format!("/console/sectors/{}", s.slug)>{s.slug.clone()}</a></th>
                        <td>{s.name.zh_cn.clone()}</td>
                        <td>{s.name.en.clone()}</td>
                        <td>{if s.active { t.yes } else { t.no }}</td>
                        <td class="num">{s.subject_count}</td>
                        <td class="num">{s.survey_count}</td>
                    </tr>
                }
            })
            .collect();
        let can_edit = principal_for_body.may(Role::Editor);
        view! {
            <h1>{t.sectors_title}</h1>
            <div class="table-scroll">
                <table class="data-table">
                    <thead><tr>
                        <th scope="col">{t.col_slug}</th>
                        <th scope="col">{t.col_name_zh}</th>
                        <th scope="col">{t.col_name_en}</th>
                        <th scope="col">{t.col_active}</th>
                        <th scope="col" class="num">{t.col_subjects}</th>
                        <th scope="col" class="num">{t.col_surveys}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            {can_edit.then(|| view! {
                <form method="post" action="/console/sectors" class="panel console-form narrow" novalidate>
                    <h2>{t.new_sector}</h2>
                    <CsrfField principal=Some(principal_for_body.clone())/>
                    {named_fields(locale, &new_sector, false)}
                    <button type="submit" class="button" data-testid="create-sector">{t.create}</button>
                </form>
            })}
        }
        .into_any()
    })
}

pub struct SectorPage {
    pub sector: Sector,
    pub subjects: Vec<Subject>,
    pub edit: NamedForm,
    pub new_subject: NamedForm,
    pub notice: Option<String>,
}

pub fn render_sector(
    locale: Locale,
    principal: &Principal,
    here: &str,
    page: SectorPage,
) -> String {
    let t = locale.console();
    let principal_for_body = principal.clone();
    let title = locale
        .pick(&page.sector.name.zh_cn, &page.sector.name.en)
        .to_string();
    render_document(locale, Some(principal), &title.clone(), here, move || {
        let slug = page.sector.slug.clone();
        let rows: Vec<_> = page
            .subjects
            .iter()
            .map(|s| {
                view! {
                    <tr data-testid=format!("subject-row-{}", s.slug)>
                        <th scope="row"><a href=format!("/console/sectors/{slug}/subjects/{}", s.slug)>{s.slug.clone()}</a></th>
                        <td>{s.name.zh_cn.clone()}</td>
                        <td>{s.name.en.clone()}</td>
                        <td>{s.aliases.join(", ")}</td>
                        <td>{if s.active { t.yes } else { t.no }}</td>
                    </tr>
                }
            })
            .collect();
        let can_edit = principal_for_body.may(Role::Editor);
        view! {
            <h1>{title}</h1>
            <p><a href="/console/sectors">{t.sectors_title}</a></p>
            {page.notice.map(|n| view! { <p class="notice" role="status" data-testid="notice">{n}</p> })}
            <div class="table-scroll">
                <table class="data-table">
                    <thead><tr>
                        <th scope="col">{t.col_slug}</th>
                        <th scope="col">{t.col_name_zh}</th>
                        <th scope="col">{t.col_name_en}</th>
                        <th scope="col">{t.aliases}</th>
                        <th scope="col">{t.col_active}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <p><a class="button button--secondary" href=format!("/console/sectors/{slug}/themes") data-testid="sector-themes">
                {super::ThemesWords::for_locale(locale).lexicon_title}</a></p>
            {can_edit.then(|| view! {
                <div class="form-pair">
                    <form method="post" action=format!("/console/sectors/{slug}/subjects") class="panel console-form" novalidate>
                        <h2>{t.new_subject}</h2>
                        <CsrfField principal=Some(principal_for_body.clone())/>
                        {named_fields(locale, &page.new_subject, true)}
                        <button type="submit" class="button" data-testid="create-subject">{t.create}</button>
                    </form>
                    <form method="post" action=format!("/console/sectors/{slug}") class="panel console-form" novalidate>
                        <h2>{t.edit_sector_title}</h2>
                        <CsrfField principal=Some(principal_for_body.clone())/>
                        {named_fields(locale, &page.edit, false)}
                        <button type="submit" class="button">{t.save}</button>
                    </form>
                </div>
            })}
        }
        .into_any()
    })
}

pub fn render_subject(
    locale: Locale,
    principal: &Principal,
    here: &str,
    sector: &str,
    original_slug: &str,
    form: NamedForm,
) -> String {
    let t = locale.console();
    let principal_for_body = principal.clone();
    let sector = sector.to_string();
    let original_slug = original_slug.to_string();
    render_document(
        locale,
        Some(principal),
        t.edit_subject_title,
        here,
        move || {
            let can_edit = principal_for_body.may(Role::Editor);
            view! {
            <h1>{t.edit_subject_title}": "{original_slug.clone()}</h1>
            <p><a href=format!("/console/sectors/{sector}")>{sector.clone()}</a></p>
            {can_edit.then(|| view! {
                <form method="post" action=format!("/console/sectors/{sector}/subjects/{original_slug}")
                    class="panel console-form narrow" novalidate>
                    <CsrfField principal=Some(principal_for_body.clone())/>
                    {named_fields(locale, &form, true)}
                    <button type="submit" class="button" data-testid="save-subject">{t.save}</button>
                </form>
            })}
        }
        .into_any()
        },
    )
}
