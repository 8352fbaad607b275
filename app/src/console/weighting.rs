//! `/console/surveys/{slug}/weighting`: the population shares a survey's results are raked to
//! (per cent per age band and district), the weight limit, and which results rank. Plain form,
//! works without JavaScript; a refused form comes back with what was typed and each problem
//! beside its field.

use leptos::prelude::*;

use super::document::render_document;
use super::layout::CsrfField;
use crate::console::ConsoleCatalog;
use crate::i18n::{Catalog, Locale};
use domain::answers::AgeBand;
use domain::results::RanksBy;
use domain::Role;
use koubei_core::authoring::definition::{DefinitionProblem, DistrictDefinition};
use koubei_core::staff::Principal;

/// The console's words for weighting, zh and en.
pub struct WeightingWords {
    pub title: &'static str,
    pub intro: &'static str,
    pub age_heading: &'static str,
    pub district_heading: &'static str,
    pub shares_hint: &'static str,
    pub not_asked: &'static str,
    pub cap_label: &'static str,
    pub cap_hint: &'static str,
    pub ranks_heading: &'static str,
    pub ranks_unweighted: &'static str,
    pub ranks_weighted: &'static str,
    pub save: &'static str,
    pub stop: &'static str,
    pub saved: &'static str,
    pub stopped: &'static str,
    pub none_yet: &'static str,
    pub refused: &'static str,
}

static ZH: WeightingWords = WeightingWords {
    title: "加权",
    intro: "网上样本里年轻人偏多。填入人口普查的占比（百分数），结果会按这些占比加权，与未加权结果并列发布。每个问题的占比加起来须为 100。",
    age_heading: "年龄段占比 %",
    district_heading: "所在区占比 %",
    shares_hint: "留空一整组表示不按这个问题加权。",
    not_asked: "本调查没有问这个问题。",
    cap_label: "权重上限（平均值的倍数）",
    cap_hint: "1.5 到 20。上限越低，加权结果越稳，但越难完全达到目标占比。常用 5。",
    ranks_heading: "排名依据",
    ranks_unweighted: "未加权结果（回答者本身）",
    ranks_weighted: "加权结果（代表全体消费者）",
    save: "保存加权设置",
    stop: "不再加权",
    saved: "加权设置已保存。",
    stopped: "已不再加权：结果只按回答者本身计算。",
    none_yet: "本调查的结果目前未加权。",
    refused: "没有保存，请修改标出的地方：",
};

static EN: WeightingWords = WeightingWords {
    title: "Weighting",
    intro: "Online samples hold too many young people. Enter census shares (per cent) and the results are weighted to them and published beside the unweighted ones. Each question's shares must add up to 100.",
    age_heading: "Age band shares %",
    district_heading: "District shares %",
    shares_hint: "Leave a whole group empty not to weight by that question.",
    not_asked: "This survey does not ask this question.",
    cap_label: "Weight limit (times the mean)",
    cap_hint: "1.5 to 20. A lower limit keeps weighted results steadier but may not reach the shares fully. 5 is usual.",
    ranks_heading: "The ranking uses",
    ranks_unweighted: "Unweighted results (the people who answered)",
    ranks_weighted: "Weighted results (representing all consumers)",
    save: "Save weighting",
    stop: "Stop weighting",
    saved: "Weighting saved.",
    stopped: "No longer weighted: results count the people who answered as they are.",
    none_yet: "This survey's results are not weighted yet.",
    refused: "Not saved; change what is marked:",
};

impl WeightingWords {
    pub fn for_locale(locale: Locale) -> &'static WeightingWords {
        match locale {
            Locale::ZhCn => &ZH,
            Locale::En => &EN,
        }
    }
}

/// What the form shows: per answer the typed per cent (`age_band.18-29` → "24").
pub struct WeightingPage {
    pub slug: String,
    pub title_zh: String,
    pub title_en: String,
    pub asks_age_band: bool,
    pub districts: Vec<DistrictDefinition>,
    /// Field name → typed text.
    pub values: Vec<(String, String)>,
    pub cap: String,
    pub ranks_by: RanksBy,
    pub weighted: bool,
    pub notice: Option<&'static str>,
    pub problems: Vec<DefinitionProblem>,
    /// May change it: an editor, and the survey is neither published nor embargoed.
    pub can_change: bool,
}

impl WeightingPage {
    fn value(&self, field: &str) -> String {
        self.values
            .iter()
            .find(|(name, _)| name == field)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    }

    fn problem(&self, field: &str) -> Option<koubei_core::authoring::definition::Problem> {
        self.problems
            .iter()
            .find(|p| p.field == field)
            .map(|p| p.problem)
    }
}

pub fn render_weighting(
    locale: Locale,
    principal: &Principal,
    here: &str,
    page: WeightingPage,
) -> String {
    let w = WeightingWords::for_locale(locale);
    let principal_for_body = principal.clone();
    render_document(locale, Some(principal), w.title, here, move || {
        let principal = principal_for_body;
        let t = locale.console();
        let answers = locale.messages();
        let can_change = page.can_change && principal.may(Role::Editor);
        let title = locale.pick(&page.title_zh, &page.title_en).to_string();
        let slug = page.slug.clone();
        let field = |name: String, label: String| {
            let problem = page.problem(&name);
            let id = format!("w-{}", name.replace('.', "-"));
            view! {
                <div class="field field--share">
                    <label for=id.clone()>{label}</label>
                    <input type="text" inputmode="decimal" id=id name=name.clone() value=page.value(&name)
                        size="6" disabled=!can_change aria-invalid=problem.is_some().then_some("true")
                        data-testid=format!("share-{name}")/>
                    {problem.map(|p| view! { <p class="error">{(t.problem_label)(p)}</p> })}
                </div>
            }
        };
        let group_problem = |question: &str| {
            page.problem(&format!("weighting.{question}"))
                .map(|p| view! { <p class="error" data-testid=format!("problem-{question}")>{(t.problem_label)(p)}</p> })
        };
        let ages = if page.asks_age_band {
            AgeBand::ALL
                .iter()
                .map(|band| {
                    field(
                        format!("weighting.age_band.{}", band.as_str()),
                        answers.age_band(*band).to_string(),
                    )
                })
                .collect_view()
                .into_any()
        } else {
            view! { <p class="muted">{w.not_asked}</p> }.into_any()
        };
        let districts = if page.districts.is_empty() {
            view! { <p class="muted">{w.not_asked}</p> }.into_any()
        } else {
            page.districts
                .iter()
                .map(|d| {
                    field(
                        format!("weighting.district.{}", d.slug),
                        locale.pick(&d.name.zh_cn, &d.name.en).to_string(),
                    )
                })
                .collect_view()
                .into_any()
        };
        let cap_problem = page.problem("weighting.cap");
        let radio = |value: RanksBy, label: &'static str| {
            view! {
                <label class="check">
                    <input type="radio" name="ranks_by" value=value.as_str() checked=page.ranks_by == value
                        disabled=!can_change data-testid=format!("ranks-{}", value.as_str())/>
                    " "{label}
                </label>
            }
        };
        let other_problems: Vec<_> = page
            .problems
            .iter()
            .filter(|p| p.field == "weighting")
            .map(|p| view! { <li>{(t.problem_label)(p.problem)}</li> })
            .collect();
        view! {
            <h1>{w.title}": "{title}</h1>
            <p class="muted">{w.intro}</p>
            {page.notice.map(|n| view! { <p class="notice" role="status" data-testid="notice">{n}</p> })}
            {(!page.problems.is_empty()).then(|| view! {
                <div class="error" role="alert" data-testid="problem"><p>{w.refused}</p><ul>{other_problems}</ul></div>
            })}
            {(!page.weighted).then(|| view! { <p data-testid="not-weighted">{w.none_yet}</p> })}
            <form method="post" action=format!("/console/surveys/{slug}/weighting") class="console-form" data-testid="weighting-form">
                <CsrfField principal=Some(principal.clone())/>
                <fieldset class="panel">
                    <legend>{w.age_heading}</legend>
                    <p class="muted">{w.shares_hint}</p>
                    {group_problem("age_band")}
                    <div class="share-grid">{ages}</div>
                </fieldset>
                <fieldset class="panel">
                    <legend>{w.district_heading}</legend>
                    {group_problem("district")}
                    <div class="share-grid">{districts}</div>
                </fieldset>
                <div class="field">
                    <label for="w-cap">{w.cap_label}</label>
                    <input type="text" inputmode="decimal" id="w-cap" name="cap" value=page.cap.clone() size="6"
                        disabled=!can_change aria-describedby="w-cap-hint" aria-invalid=cap_problem.is_some().then_some("true")
                        data-testid="weight-cap"/>
                    <p class="muted" id="w-cap-hint">{w.cap_hint}</p>
                    {cap_problem.map(|p| view! { <p class="error">{(t.problem_label)(p)}</p> })}
                </div>
                <fieldset>
                    <legend>{w.ranks_heading}</legend>
                    {radio(RanksBy::Unweighted, w.ranks_unweighted)}
                    {radio(RanksBy::Weighted, w.ranks_weighted)}
                </fieldset>
                {can_change.then(|| view! {
                    <button type="submit" name="action" value="save" class="button" data-testid="save-weighting">{w.save}</button>
                    {page.weighted.then(|| view! {
                        " "<button type="submit" name="action" value="stop" class="button button--secondary" data-testid="stop-weighting">{w.stop}</button>
                    })}
                })}
            </form>
        }
        .into_any()
    })
}
