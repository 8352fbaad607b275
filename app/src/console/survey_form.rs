//! The survey form (new and edit): the same `SurveyDefinition` the API and the CLI take, as
//! plain form fields; times are typed in Beijing time.

use leptos::prelude::*;
use stats::Method;
use time::macros::format_description;
use time::PrimitiveDateTime;

use super::document::render_document;
use super::layout::CsrfField;
use crate::console::ConsoleCatalog;
use crate::i18n::Locale;
use koubei_core::authoring::catalog::{Sector, Subject};
use koubei_core::authoring::definition::{
    DefinitionProblem, DistrictDefinition, IntervalSetting, Problem, ProfileQuestions,
    SurveyDefinition, Texts, DEFAULT_MIN_N, DEFAULT_RETENTION_DAYS,
};
use koubei_core::db::timestamp::{self, COUNCIL_OFFSET};
use koubei_core::staff::Principal;

/// The form's fields as typed, so a refused form comes back exactly as it was sent.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SurveyFormValues {
    pub slug: String,
    pub sector: String,
    pub title_zh: String,
    pub title_en: String,
    pub intro_zh: String,
    pub intro_en: String,
    pub opens_at: String,
    pub closes_at: String,
    pub subjects: Vec<String>,
    pub min_n: String,
    pub method: String,
    pub level: String,
    pub age_band: bool,
    pub districts: String,
    pub retention_days: String,
}

const LOCAL_INPUT: &[time::format_description::FormatItem<'static>] =
    format_description!("[year]-[month]-[day]T[hour]:[minute]");

/// A stored time as a `datetime-local` value in Beijing time.
fn to_local_input(stored: &Option<String>) -> String {
    stored
        .as_deref()
        .and_then(timestamp::parse)
        .and_then(|t| t.to_offset(COUNCIL_OFFSET).format(LOCAL_INPUT).ok())
        .unwrap_or_default()
}

/// A `datetime-local` value (Beijing time) as RFC 3339; anything else passes through to be
/// refused by the definition's own check.
fn from_local_input(text: &str) -> Option<String> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let with_seconds = if text.len() == 16 {
        format!("{text}:00")
    } else {
        text.to_string()
    };
    Some(
        PrimitiveDateTime::parse(
            &with_seconds,
            format_description!("[year]-[month]-[day]T[hour]:[minute]:[second]"),
        )
        .map(|t| timestamp::format(t.assume_offset(COUNCIL_OFFSET)))
        .unwrap_or_else(|_| text.to_string()),
    )
}

impl SurveyFormValues {
    pub fn blank() -> SurveyFormValues {
        SurveyFormValues {
            min_n: DEFAULT_MIN_N.to_string(),
            retention_days: DEFAULT_RETENTION_DAYS.to_string(),
            method: Method::AdjustedWald.as_str().into(),
            level: "0.95".into(),
            ..Default::default()
        }
    }

    pub fn from_definition(d: &SurveyDefinition) -> SurveyFormValues {
        SurveyFormValues {
            slug: d.slug.clone(),
            sector: d.sector.clone(),
            title_zh: d.title.zh_cn.clone(),
            title_en: d.title.en.clone(),
            intro_zh: d.intro.zh_cn.clone(),
            intro_en: d.intro.en.clone(),
            opens_at: to_local_input(&d.opens_at),
            closes_at: to_local_input(&d.closes_at),
            subjects: d.subjects.clone(),
            min_n: d.min_n.to_string(),
            retention_days: d.retention_days.to_string(),
            method: d.interval.method.as_str().into(),
            level: d.interval.level.to_string(),
            age_band: d.profile.age_band,
            districts: d
                .profile
                .districts
                .iter()
                .map(|x| format!("{}, {}, {}", x.slug, x.name.zh_cn, x.name.en))
                .collect::<Vec<_>>()
                .join("\n"),
        }
    }

    /// The definition these fields describe, or the problems that stop it being one. The
    /// definition's own `check` runs later, in `authoring::surveys::save`.
    pub fn to_definition(&self) -> Result<SurveyDefinition, Vec<DefinitionProblem>> {
        let mut problems = Vec::new();
        let mut problem = |field: &str, problem: Problem| {
            problems.push(DefinitionProblem {
                field: field.into(),
                problem,
            })
        };
        let min_n = self.min_n.trim().parse::<i64>().unwrap_or_else(|_| {
            problem("min_n", Problem::OutOfRange);
            DEFAULT_MIN_N
        });
        // Left blank (or from a form older than the field): the default.
        let retention_days = match self.retention_days.trim() {
            "" => DEFAULT_RETENTION_DAYS,
            typed => typed.parse::<i64>().unwrap_or_else(|_| {
                problem("retention_days", Problem::OutOfRange);
                DEFAULT_RETENTION_DAYS
            }),
        };
        let method = Method::parse(self.method.trim()).unwrap_or_else(|_| {
            problem("interval.method", Problem::OutOfRange);
            Method::AdjustedWald
        });
        let level = self.level.trim().parse::<f64>().unwrap_or_else(|_| {
            problem("interval.level", Problem::OutOfRange);
            0.95
        });
        let mut districts = Vec::new();
        for (i, line) in self
            .districts
            .lines()
            .filter(|l| !l.trim().is_empty())
            .enumerate()
        {
            let parts: Vec<&str> = line.split([',', '，']).map(str::trim).collect();
            match parts.as_slice() {
                [slug, zh_cn, en] => districts.push(DistrictDefinition {
                    slug: slug.to_string(),
                    name: Texts {
                        zh_cn: zh_cn.to_string(),
                        en: en.to_string(),
                    },
                }),
                _ => problem(&format!("profile.districts[{i}]"), Problem::Required),
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(SurveyDefinition {
            slug: self.slug.trim().to_string(),
            sector: self.sector.trim().to_string(),
            title: Texts {
                zh_cn: self.title_zh.clone(),
                en: self.title_en.clone(),
            },
            intro: Texts {
                zh_cn: self.intro_zh.clone(),
                en: self.intro_en.clone(),
            },
            opens_at: from_local_input(&self.opens_at),
            closes_at: from_local_input(&self.closes_at),
            subjects: self.subjects.clone(),
            profile: ProfileQuestions {
                age_band: self.age_band,
                districts,
            },
            min_n,
            interval: IntervalSetting { method, level },
            retention_days,
            // Targets and quotas have their own pages; `save_posted` keeps the stored ones.
            weighting: None,
            quotas: Default::default(),
        })
    }
}

/// Everything the form page shows.
pub struct SurveyFormPage {
    pub values: SurveyFormValues,
    pub problems: Vec<DefinitionProblem>,
    /// `Some(slug)` when editing (the slug is then fixed), `None` when creating.
    pub editing: Option<String>,
    pub sectors: Vec<(Sector, Vec<Subject>)>,
    pub notice: Option<String>,
}

/// The form field a definition problem belongs to.
fn field_of(problem_field: &str) -> &str {
    match problem_field {
        "title.zh-CN" => "title_zh",
        "title.en" => "title_en",
        "intro.zh-CN" => "intro_zh",
        "intro.en" => "intro_en",
        "interval.level" => "level",
        "interval.method" => "method",
        f if f.starts_with("subjects") => "subjects",
        f if f.starts_with("profile.districts") => "districts",
        f => f,
    }
}

pub fn render_survey_form(
    locale: Locale,
    principal: &Principal,
    here: &str,
    page: SurveyFormPage,
) -> String {
    let t = locale.console();
    let title = if page.editing.is_some() {
        t.edit_survey_title
    } else {
        t.create_survey_title
    };
    let principal_for_body = principal.clone();
    render_document(locale, Some(principal), title, here, move || {
        let values = page.values;
        let problems = page.problems;
        let error_for = |name: &str| -> Option<String> {
            let texts: Vec<String> = problems
                .iter()
                .filter(|p| field_of(&p.field) == name)
                .map(|p| {
                    let label = (t.problem_label)(p.problem);
                    if p.field.contains('[') {
                        format!("{}: {label}", p.field)
                    } else {
                        label.to_string()
                    }
                })
                .collect();
            (!texts.is_empty()).then(|| texts.join("; "))
        };
        let action = match &page.editing {
            Some(slug) => format!("/console/surveys/{slug}/edit"),
            None => "/console/surveys".to_string(),
        };
        let text_field =
            |name: &'static str, label: &'static str, value: String, kind: &'static str| {
                let error = error_for(name);
                let invalid = error.is_some().then_some("true");
                let error_id = format!("{name}-error");
                view! {
                    <div class="field">
                        <label for=name>{label}</label>
                        <input id=name name=name type=kind value=value aria-invalid=invalid
                            aria-describedby=error_id.clone() data-testid=format!("field-{name}")/>
                        <p class="field-error" id=error_id>{error}</p>
                    </div>
                }
            };
        let area_field = |name: &'static str, label: &'static str, value: String| {
            let error = error_for(name);
            let invalid = error.is_some().then_some("true");
            let error_id = format!("{name}-error");
            view! {
                <div class="field">
                    <label for=name>{label}</label>
                    <textarea id=name name=name rows="3" aria-invalid=invalid aria-describedby=error_id.clone()
                        data-testid=format!("field-{name}")>{crate::markup::textarea_text(&value)}</textarea>
                    <p class="field-error" id=error_id>{error}</p>
                </div>
            }
        };
        let slug_field = match &page.editing {
            Some(slug) => view! {
                <input type="hidden" name="slug" value=slug.clone()/>
                <p><strong>{t.field_slug}": "</strong>{slug.clone()}</p>
            }
            .into_any(),
            None => text_field("slug", t.field_slug, values.slug.clone(), "text").into_any(),
        };
        let sector_error = error_for("sector");
        let sector_options: Vec<_> = page
            .sectors
            .iter()
            .map(|(sector, _)| {
                view! {
                    <option value=sector.slug.clone() selected=sector.slug == values.sector>
                        {locale.pick(&sector.name.zh_cn, &sector.name.en).to_string()}
                    </option>
                }
            })
            .collect();
        let subject_groups: Vec<_> = page
            .sectors
            .iter()
            .filter(|(_, subjects)| !subjects.is_empty())
            .map(|(sector, subjects)| {
                let boxes: Vec<_> = subjects
                    .iter()
                    .map(|subject| {
                        let id = format!("subject-{}-{}", sector.slug, subject.slug);
                        let label_for = id.clone();
                        view! {
                            <label class="check" for=label_for>
                                <input type="checkbox" id=id name="subjects" value=subject.slug.clone()
                                    checked=values.subjects.contains(&subject.slug)
                                    data-testid=format!("subject-{}", subject.slug)/>
                                {locale.pick(&subject.name.zh_cn, &subject.name.en).to_string()}
                            </label>
                        }
                    })
                    .collect();
                view! {
                    <fieldset class="check-group">
                        <legend>{locale.pick(&sector.name.zh_cn, &sector.name.en).to_string()}</legend>
                        {boxes}
                    </fieldset>
                }
            })
            .collect();
        let subjects_error = error_for("subjects");
        let subjects_invalid = subjects_error.is_some().then_some("true");
        let method_options: Vec<_> = Method::ALL
            .into_iter()
            .map(|m| view! { <option value=m.as_str() selected=m.as_str() == values.method>{m.as_str()}</option> })
            .collect();
        view! {
            <h1>{title}</h1>
            {page.notice.map(|n| view! { <p class="notice" role="status">{n}</p> })}
            {(!problems.is_empty()).then(|| view! {
                <p class="error" role="alert" data-testid="form-problems">{t.form_has_problems}</p>
            })}
            <form method="post" action=action class="panel console-form" novalidate>
                <CsrfField principal=Some(principal_for_body.clone())/>
                {slug_field}
                <div class="field">
                    <label for="sector">{t.field_sector}</label>
                    <select id="sector" name="sector" data-testid="field-sector"
                        aria-invalid=sector_error.is_some().then_some("true")>{sector_options}</select>
                    <p class="field-error">{sector_error}</p>
                </div>
                {text_field("title_zh", t.field_title_zh, values.title_zh.clone(), "text")}
                {text_field("title_en", t.field_title_en, values.title_en.clone(), "text")}
                {area_field("intro_zh", t.field_intro_zh, values.intro_zh.clone())}
                {area_field("intro_en", t.field_intro_en, values.intro_en.clone())}
                {text_field("opens_at", t.field_opens_at, values.opens_at.clone(), "datetime-local")}
                {text_field("closes_at", t.field_closes_at, values.closes_at.clone(), "datetime-local")}
                <fieldset class="field" aria-invalid=subjects_invalid>
                    <legend>{t.field_subjects}</legend>
                    {subject_groups}
                    <p class="field-error" data-testid="subjects-error">{subjects_error}</p>
                </fieldset>
                {text_field("min_n", t.field_min_n, values.min_n.clone(), "number")}
                <div class="field">
                    <label for="method">{t.field_method}</label>
                    <select id="method" name="method">{method_options}</select>
                </div>
                {text_field("level", t.field_level, values.level.clone(), "text")}
                <label class="check">
                    <input type="checkbox" name="age_band" value="yes" checked=values.age_band/>
                    {t.field_age_band}
                </label>
                {area_field("districts", t.field_districts, values.districts.clone())}
                {text_field("retention_days", t.field_retention_days, values.retention_days.clone(), "number")}
                <button type="submit" class="button" data-testid="save-survey">
                    {if page.editing.is_some() { t.save } else { t.create }}
                </button>
            </form>
        }
        .into_any()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn beijing_times_round_trip_through_the_form() {
        let stored = Some("2026-12-31T16:00:00.000Z".to_string());
        assert_eq!(to_local_input(&stored), "2027-01-01T00:00");
        assert_eq!(
            from_local_input("2027-01-01T00:00").as_deref(),
            Some("2026-12-31T16:00:00.000Z")
        );
        assert_eq!(from_local_input(""), None);
        assert_eq!(from_local_input("soon").as_deref(), Some("soon"));
    }

    #[test]
    fn district_lines_become_districts_and_bad_lines_are_named() {
        let mut values = SurveyFormValues::blank();
        values.districts = "futian, 福田区, Futian\n\nnanshan，南山区，Nanshan".into();
        let definition = values.to_definition().expect("valid");
        assert_eq!(definition.profile.districts.len(), 2);
        assert_eq!(definition.profile.districts[1].name.zh_cn, "南山区");
        values.districts = "futian 福田区".into();
        let problems = values.to_definition().expect_err("bad line");
        assert_eq!(problems[0].field, "profile.districts[0]");
    }
}
