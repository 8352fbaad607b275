//! `/console/surveys/{slug}/fieldwork`: how the fieldwork goes — each subject's answers against
//! its quota, by channel, the last week's pace and when the quota will be reached at it;
//! answers per day; what each weighting cell still needs; and the quota form.

use leptos::prelude::*;

use super::document::render_document;
use super::layout::CsrfField;
use crate::console::ConsoleCatalog;
use crate::i18n::{Catalog, Locale};
use domain::answers::AgeBand;
use domain::fieldwork::{Fieldwork, SubjectProgress};
use domain::Role;
use koubei_core::authoring::definition::DefinitionProblem;
use koubei_core::staff::Principal;

/// The console's words for the fieldwork dashboard, zh and en.
pub struct FieldworkWords {
    pub title: &'static str,
    pub intro: &'static str,
    pub progress_heading: &'static str,
    pub col_subject: &'static str,
    pub col_progress: &'static str,
    pub col_recent: &'static str,
    pub col_forecast: &'static str,
    /// "42 / 50".
    pub of_target: fn(i64, i64) -> String,
    pub reached: &'static str,
    pub no_pace: &'static str,
    /// Said once when some subject has no quota: its target is the minimum n.
    pub quota_is_min_n: fn(i64) -> String,
    pub days_heading: &'static str,
    pub col_day: &'static str,
    pub col_answers: &'static str,
    pub cells_heading: &'static str,
    pub cells_intro: &'static str,
    pub col_cell: &'static str,
    pub col_share: &'static str,
    pub col_goal: &'static str,
    pub col_counted: &'static str,
    pub col_needed: &'static str,
    pub question: fn(&str) -> &'static str,
    pub quotas_heading: &'static str,
    pub quotas_hint: fn(i64) -> String,
    pub save_quotas: &'static str,
    pub quotas_saved: &'static str,
    pub refused: &'static str,
}

static ZH: FieldworkWords = FieldworkWords {
    title: "实地调查进度",
    intro: "每个品牌或机构已计入的回答与目标样本量的对比、各渠道的回答、最近 7 天的速度，以及按这个速度何时达到目标。",
    progress_heading: "各品牌 / 机构的进度",
    col_subject: "品牌 / 机构",
    col_progress: "已计入 / 目标",
    col_recent: "最近 7 天",
    col_forecast: "预计达到目标",
    of_target: |counted, target| format!("{counted} / {target}"),
    reached: "已达到",
    no_pace: "最近 7 天没有回答",
    quota_is_min_n: |min_n| format!("没有设目标的，以最低样本量 {min_n} 为目标。"),
    days_heading: "每天的回答（北京时间，最近 14 天）",
    col_day: "日期",
    col_answers: "计入的回答",
    cells_heading: "各人群还需要的回答",
    cells_intro: "按加权的人口占比，样本在每个年龄段和所在区应有多少回答，还差多少。差得多的人群，宜多在那里发放海报或邀请。",
    col_cell: "人群",
    col_share: "人口占比 %",
    col_goal: "应有",
    col_counted: "已有",
    col_needed: "还需要",
    question: |q| match q { "age_band" => "年龄段", "district" => "所在区", _ => "其他" },
    quotas_heading: "目标样本量",
    quotas_hint: |min_n| format!("每个品牌或机构要收集多少份有效回答。不少于最低样本量 {min_n}；留空即按最低样本量。"),
    save_quotas: "保存目标",
    quotas_saved: "目标样本量已保存。",
    refused: "没有保存，请修改标出的地方。",
};

static EN: FieldworkWords = FieldworkWords {
    title: "Fieldwork progress",
    intro: "Each brand's or institution's counted answers against its target, answers per channel, the last 7 days' pace, and when the target is reached at that pace.",
    progress_heading: "Progress per brand or institution",
    col_subject: "Brand or institution",
    col_progress: "Counted / target",
    col_recent: "Last 7 days",
    col_forecast: "Target reached",
    of_target: |counted, target| format!("{counted} / {target}"),
    reached: "Reached",
    no_pace: "No answers in the last 7 days",
    quota_is_min_n: |min_n| format!("Where no target is set, the minimum sample of {min_n} is the target."),
    days_heading: "Answers per day (Beijing time, last 14 days)",
    col_day: "Day",
    col_answers: "Counted answers",
    cells_heading: "Answers still needed per group",
    cells_intro: "From the weighting's population shares: how many answers each age band and district should hold, and how many are missing. Where many are missing, hand out posters or invitations there.",
    col_cell: "Group",
    col_share: "Population %",
    col_goal: "Should hold",
    col_counted: "Holds",
    col_needed: "Still needed",
    question: |q| match q { "age_band" => "Age band", "district" => "District", _ => "Other" },
    quotas_heading: "Target sample sizes",
    quotas_hint: |min_n| format!("How many valid answers to collect for each brand or institution: at least the minimum sample of {min_n}; empty means the minimum."),
    save_quotas: "Save targets",
    quotas_saved: "Target sample sizes saved.",
    refused: "Not saved; change what is marked.",
};

impl FieldworkWords {
    pub fn for_locale(locale: Locale) -> &'static FieldworkWords {
        match locale {
            Locale::ZhCn => &ZH,
            Locale::En => &EN,
        }
    }
}

pub struct FieldworkPage {
    pub title_zh: String,
    pub title_en: String,
    pub min_n: i64,
    pub fieldwork: Fieldwork,
    /// Subject slug → typed quota (kept when refused).
    pub typed: Vec<(String, String)>,
    pub problems: Vec<DefinitionProblem>,
    pub notice: Option<&'static str>,
    /// Quotas may change: not published.
    pub can_change: bool,
}

fn forecast_text(w: &FieldworkWords, s: &SubjectProgress) -> String {
    if s.reached() {
        w.reached.to_string()
    } else {
        s.forecast_day
            .clone()
            .unwrap_or_else(|| w.no_pace.to_string())
    }
}

pub fn render_fieldwork(
    locale: Locale,
    principal: &Principal,
    here: &str,
    page: FieldworkPage,
) -> String {
    let w = FieldworkWords::for_locale(locale);
    let principal_for_body = principal.clone();
    render_document(locale, Some(principal), w.title, here, move || {
        let principal = principal_for_body;
        let t = locale.console();
        let r = locale.results();
        let answers = locale.messages();
        let can_change = page.can_change && principal.may(Role::Editor);
        let title = locale.pick(&page.title_zh, &page.title_en).to_string();
        let slug = page.fieldwork.survey.clone();
        let channel_heads = domain::Channel::ALL
            .iter()
            .map(|c| view! { <th scope="col" class="num">{(r.channel)(*c)}</th> })
            .collect_view();
        let rows = page
            .fieldwork
            .subjects
            .iter()
            .map(|s| {
                let name = locale.pick(&s.name_zh, &s.name_en).to_string();
                let channels = s
                    .channels
                    .iter()
                    .map(|(c, n)| view! { <td class="num" data-label=(r.channel)(*c)>{*n}</td> })
                    .collect_view();
                view! {
                    <tr data-testid="progress-row" data-subject=s.subject.clone() data-reached=s.reached().to_string()>
                        <th scope="row">{name}</th>
                        <td class="num" data-label=w.col_progress>
                            <span data-testid="progress">{(w.of_target)(s.counted, s.target)}</span>
                        </td>
                        {channels}
                        <td class="num" data-label=w.col_recent>{s.recent}</td>
                        <td class="num" data-label=w.col_forecast data-testid="forecast">{forecast_text(w, s)}</td>
                    </tr>
                }
            })
            .collect_view();
        let most = page
            .fieldwork
            .days
            .iter()
            .map(|d| d.answers)
            .max()
            .unwrap_or(0)
            .max(1);
        let days = page
            .fieldwork
            .days
            .iter()
            .map(|d| {
                let width = (100 * d.answers / most).to_string();
                view! {
                    <tr data-testid="day-row">
                        <th scope="row">{d.day.clone()}</th>
                        <td class="num" data-label=w.col_answers>{d.answers}</td>
                        <td class="day-bar" aria-hidden="true">
                            <svg viewBox="0 0 100 10" preserveAspectRatio="none" width="100%" height="12">
                                <rect x="0" y="0" height="10" width=width fill="currentColor"/>
                            </svg>
                        </td>
                    </tr>
                }
            })
            .collect_view();
        let cells = (!page.fieldwork.cells.is_empty()).then(|| {
            let rows = page
                .fieldwork
                .cells
                .iter()
                .map(|c| {
                    let answer = match AgeBand::parse(&c.answer) {
                        Some(band) if c.question == "age_band" => answers.age_band(band).to_string(),
                        _ => locale.pick(&c.name_zh, &c.name_en).to_string(),
                    };
                    view! {
                        <tr data-testid="cell-row" data-answer=c.answer.clone()>
                            <th scope="row">{format!("{} · {answer}", (w.question)(&c.question))}</th>
                            <td class="num" data-label=w.col_share>{format!("{:.1}", c.target * 100.0)}</td>
                            <td class="num" data-label=w.col_goal>{c.goal}</td>
                            <td class="num" data-label=w.col_counted>{c.counted}</td>
                            <td class="num" data-label=w.col_needed data-testid="needed">{c.needed}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <section class="panel" aria-labelledby="cells-heading">
                    <h2 id="cells-heading">{w.cells_heading}</h2>
                    <p class="muted">{w.cells_intro}</p>
                    <table class="data-table stack-on-phone" data-testid="cells-table">
                        <thead><tr>
                            <th scope="col">{w.col_cell}</th>
                            <th scope="col" class="num">{w.col_share}</th>
                            <th scope="col" class="num">{w.col_goal}</th>
                            <th scope="col" class="num">{w.col_counted}</th>
                            <th scope="col" class="num">{w.col_needed}</th>
                        </tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </section>
            }
        });
        let quota_fields = page
            .fieldwork
            .subjects
            .iter()
            .map(|s| {
                let name = format!("quota.{}", s.subject);
                let problem = page.problems.iter().find(|p| p.field == format!("quotas.{}", s.subject)).map(|p| p.problem);
                let typed = page
                    .typed
                    .iter()
                    .find(|(k, _)| *k == s.subject)
                    .map(|(_, v)| v.clone())
                    .unwrap_or_else(|| s.quota.map(|q| q.to_string()).unwrap_or_default());
                let id = format!("q-{}", s.subject);
                view! {
                    <div class="field field--share">
                        <label for=id.clone()>{locale.pick(&s.name_zh, &s.name_en).to_string()}</label>
                        <input type="text" inputmode="numeric" id=id name=name value=typed size="6"
                            placeholder=page.min_n.to_string() disabled=!can_change
                            aria-invalid=problem.is_some().then_some("true") data-testid=format!("quota-{}", s.subject)/>
                        {problem.map(|p| view! { <p class="error">{(t.problem_label)(p)}</p> })}
                    </div>
                }
            })
            .collect_view();
        view! {
            <h1>{w.title}": "{title}</h1>
            <p class="muted">{w.intro}</p>
            {page.notice.map(|n| view! { <p class="notice" role="status" data-testid="notice">{n}</p> })}
            {(!page.problems.is_empty()).then(|| view! { <p class="error" role="alert" data-testid="problem">{w.refused}</p> })}
            <section aria-labelledby="progress-heading">
                <h2 id="progress-heading">{w.progress_heading}</h2>
                {page.fieldwork.subjects.iter().any(|s| s.quota.is_none()).then(|| view! {
                    <p class="muted">{(w.quota_is_min_n)(page.min_n)}</p>
                })}
                <table class="data-table stack-on-phone" data-testid="progress-table">
                    <thead><tr>
                        <th scope="col">{w.col_subject}</th>
                        <th scope="col" class="num">{w.col_progress}</th>
                        {channel_heads}
                        <th scope="col" class="num">{w.col_recent}</th>
                        <th scope="col" class="num">{w.col_forecast}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </section>
            <form method="post" action=format!("/console/surveys/{slug}/quotas") class="console-form panel" data-testid="quota-form">
                <h2>{w.quotas_heading}</h2>
                <p class="muted">{(w.quotas_hint)(page.min_n)}</p>
                <CsrfField principal=Some(principal.clone())/>
                <div class="share-grid">{quota_fields}</div>
                {can_change.then(|| view! {
                    <button type="submit" class="button" data-testid="save-quotas">{w.save_quotas}</button>
                })}
            </form>
            {cells}
            <section aria-labelledby="days-heading">
                <h2 id="days-heading">{w.days_heading}</h2>
                <table class="data-table day-table" data-testid="days-table">
                    <thead><tr>
                        <th scope="col">{w.col_day}</th>
                        <th scope="col" class="num">{w.col_answers}</th>
                        <th scope="col"><span class="visually-hidden">{w.col_answers}</span></th>
                    </tr></thead>
                    <tbody>{days}</tbody>
                </table>
            </section>
        }
        .into_any()
    })
}
