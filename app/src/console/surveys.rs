//! The console's survey pages: the list (the console's home), one survey with its lifecycle,
//! ledger, links and exports, and the publication preview.

use leptos::prelude::*;

use super::document::render_document;
use super::embargo::{embargo_badge, embargo_form, embargo_panel};
use super::layout::CsrfField;
use super::ledger::LedgerTable;
use crate::console::ConsoleCatalog;
use crate::format;
use crate::i18n::Locale;
use domain::survey_page::RankingRow;
use domain::{Role, SurveyStatus};
use koubei_core::authoring::embargo::Embargo;
use koubei_core::authoring::lifecycle::next_statuses;
use koubei_core::authoring::surveys::{StoredSurvey, SurveyListing};
use koubei_core::moderation::ledger::Ledger;
use koubei_core::results::snapshots::SnapshotSummary;
use koubei_core::staff::Principal;

fn status_badge(locale: Locale, status: SurveyStatus) -> impl IntoView {
    view! {
        <span class=format!("status-badge status-badge--{}", status.as_str()) data-testid="survey-status">
            {(locale.console().status_label)(status)}
        </span>
    }
}

fn date(stored: &Option<String>) -> String {
    stored
        .as_deref()
        .and_then(koubei_core::db::timestamp::council_date)
        .unwrap_or_else(|| "—".into())
}

pub fn render_survey_list(
    locale: Locale,
    principal: &Principal,
    here: &str,
    surveys: Vec<SurveyListing>,
    embargoes: Vec<Embargo>,
) -> String {
    let t = locale.console();
    let can_edit = principal.may(Role::Editor);
    render_document(locale, Some(principal), t.surveys_title, here, move || {
        let rows: Vec<_> = surveys
            .iter()
            .map(|s| {
                view! {
                    <tr data-testid=format!("survey-row-{}", s.slug)>
                        <th scope="row">
                            <a href=format!("/console/surveys/{}", s.slug)>
                                {locale.pick(&s.title.zh_cn, &s.title.en).to_string()}
                            </a>
                            <div class="muted">{s.slug.clone()}</div>
                        </th>
                        <td>{locale.pick(&s.sector_name.zh_cn, &s.sector_name.en).to_string()}</td>
                        <td>{if embargoes.iter().any(|e| e.survey == s.slug) {
                            embargo_badge(locale).into_any()
                        } else {
                            status_badge(locale, s.status).into_any()
                        }}</td>
                        <td class="num">{s.responses}</td>
                        <td>{date(&s.closes_at)}</td>
                    </tr>
                }
            })
            .collect();
        view! {
            <div class="page-heading">
                <h1>{t.surveys_title}</h1>
                {can_edit.then(|| view! {
                    <a class="button" href="/console/surveys/new" data-testid="new-survey">{t.new_survey}</a>
                })}
            </div>
            {if surveys.is_empty() {
                view! { <p>{t.no_surveys}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll">
                        <table class="data-table">
                            <thead>
                                <tr>
                                    <th scope="col">{t.col_survey}</th>
                                    <th scope="col">{t.col_sector}</th>
                                    <th scope="col">{t.col_status}</th>
                                    <th scope="col" class="num">{t.col_responses}</th>
                                    <th scope="col">{t.col_closes}</th>
                                </tr>
                            </thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                }
                .into_any()
            }}
        }
        .into_any()
    })
}

/// One survey for staff.
pub struct SurveyDetail {
    pub survey: StoredSurvey,
    pub ledger: Ledger,
    /// The survey's snapshots, newest first (published surveys only).
    pub snapshots: Vec<SnapshotSummary>,
    /// The pending embargo of a closed survey whose results are frozen.
    pub embargo: Option<Embargo>,
    /// A message after a change (post/redirect/get), or a refusal.
    pub notice: Option<String>,
    pub problem: Option<String>,
}

fn lifecycle_forms(
    locale: Locale,
    principal: &Principal,
    slug: &str,
    status: SurveyStatus,
) -> impl IntoView {
    let t = locale.console();
    let buttons: Vec<_> = next_statuses(status)
        .into_iter()
        .map(|to| {
            if to == SurveyStatus::Published {
                return view! {
                    <a class="button" href=format!("/console/surveys/{slug}/preview") data-testid="publish-preview">
                        {t.action_publish}
                    </a>
                }
                .into_any();
            }
            let label = match (status, to) {
                (SurveyStatus::Closed, SurveyStatus::Open) => t.action_reopen,
                (_, SurveyStatus::Open) => t.action_open,
                _ => t.action_close,
            };
            view! {
                <form method="post" action=format!("/console/surveys/{slug}/lifecycle") class="inline-form">
                    <CsrfField principal=Some(principal.clone())/>
                    <input type="hidden" name="to" value=to.as_str()/>
                    <button type="submit" class="button" data-testid=format!("lifecycle-{}", to.as_str())>{label}</button>
                </form>
            }
            .into_any()
        })
        .collect();
    view! { <div class="actions">{buttons}</div> }
}

pub fn render_survey_detail(
    locale: Locale,
    principal: &Principal,
    here: &str,
    detail: SurveyDetail,
) -> String {
    let t = locale.console();
    let definition = detail.survey.definition.clone();
    let title = locale
        .pick(&definition.title.zh_cn, &definition.title.en)
        .to_string();
    let principal_for_body = principal.clone();
    render_document(locale, Some(principal), &title.clone(), here, move || {
        let principal = principal_for_body;
        let slug = definition.slug.clone();
        let status = detail.survey.status;
        let can_edit = principal.may(Role::Editor);
        let exports = [
            ("responses.csv", t.export_responses, "CSV"),
            ("responses.xlsx", t.export_responses, "XLSX"),
            ("results.csv", t.export_results, "CSV"),
            ("results.xlsx", t.export_results, "XLSX"),
        ]
        .map(|(file, what, format)| {
            view! {
                <li><a href=format!("/console/surveys/{slug}/export/{file}") data-testid=format!("export-{file}") download>
                    {what}" ("{format}")"
                </a></li>
            }
        });
        view! {
            <div class="page-heading">
                <h1>{title}</h1>
                {if detail.embargo.is_some() {
                    embargo_badge(locale).into_any()
                } else {
                    status_badge(locale, status).into_any()
                }}
            </div>
            {detail.notice.map(|n| view! { <p class="notice" role="status" data-testid="notice">{n}</p> })}
            {detail.problem.map(|p| view! { <p class="error" role="alert" data-testid="problem">{p}</p> })}
            <dl class="facts">
                <dt>{t.field_slug}</dt><dd>{slug.clone()}</dd>
                <dt>{t.field_sector}</dt><dd>{definition.sector.clone()}</dd>
                <dt>{t.field_opens_at}</dt><dd>{date(&definition.opens_at)}</dd>
                <dt>{t.field_closes_at}</dt><dd>{date(&definition.closes_at)}</dd>
                <dt>{t.field_min_n}</dt><dd>{definition.min_n}</dd>
                <dt>{t.field_method}</dt>
                <dd>{definition.interval.method.as_str()}", "{format::percent(definition.interval.level)}"%"</dd>
                <dt>{t.public_link}</dt>
                <dd><a href=format!("/s/{slug}")>{format!("/s/{slug}")}</a></dd>
            </dl>
            <div class="actions">
                {(can_edit && status != SurveyStatus::Published && detail.embargo.is_none()).then(|| view! {
                    <a class="button button--secondary" href=format!("/console/surveys/{slug}/edit") data-testid="edit-survey">{t.edit}</a>
                })}
                <a class="button button--secondary" href=format!("/console/surveys/{slug}/responses") data-testid="browse-responses">{t.view_responses}</a>
                <a class="button button--secondary" href=format!("/console/surveys/{slug}/clusters") data-testid="suspect-clusters">{t.suspect_clusters}</a>
                <a class="button button--secondary" href=format!("/console/surveys/{slug}/poster")>{t.poster}</a>
                <a class="button button--secondary" href=format!("/console/surveys/{slug}/posters") data-testid="poster-batches">{t.poster_batches_title}</a>
                <a class="button button--secondary" href=format!("/console/surveys/{slug}/invitations") data-testid="invitations">{t.invitations_title}</a>
                <a class="button button--secondary" href=format!("/console/surveys/{slug}/qr.svg")>{t.qr_code}</a>
                <a class="button button--secondary" href=format!("/console/surveys/{slug}/embed") data-testid="embed-code">{t.embed_link}</a>
                <a class="button button--secondary" href=format!("/console/surveys/{slug}/preview-links") data-testid="preview-links">
                    {super::embargo_words::EmbargoWords::for_locale(locale).links_title}
                </a>
                <a class="button button--secondary" href=format!("/console/surveys/{slug}/replies") data-testid="replies">
                    {crate::pages::ReplyWords::for_locale(locale).console_title}
                </a>
                <a class="button button--secondary" href=format!("/console/surveys/{slug}/fieldwork") data-testid="fieldwork">
                    {super::FieldworkWords::for_locale(locale).title}
                </a>
                <a class="button button--secondary" href=format!("/console/surveys/{slug}/weighting") data-testid="weighting">
                    {super::WeightingWords::for_locale(locale).title}
                </a>
                <a class="button button--secondary" href=format!("/console/surveys/{slug}/themes") data-testid="themes">
                    {super::ThemesWords::for_locale(locale).title}
                </a>
            </div>
            <section class="panel" aria-labelledby="lifecycle-title">
                <h2 id="lifecycle-title">{t.lifecycle}</h2>
                <p class="muted">{t.lifecycle_hint}</p>
                {if let Some(embargo) = detail.embargo.clone() {
                    embargo_panel(locale, &principal, &slug, embargo, can_edit).into_any()
                } else if status == SurveyStatus::Published {
                    snapshots_panel(locale, &principal, &slug, detail.snapshots.clone(), can_edit).into_any()
                } else if can_edit {
                    lifecycle_forms(locale, &principal, &slug, status).into_any()
                } else {
                    ().into_any()
                }}
            </section>
            {(detail.ledger.total.held > 0).then(|| view! {
                <p class="error" role="alert" data-testid="held-notice">
                    {(t.held_notice)(detail.ledger.total.held)}" "
                    <a href=format!("/console/surveys/{slug}/clusters")>{t.suspect_clusters}</a>
                </p>
            })}
            <LedgerTable locale ledger=detail.ledger/>
            <section class="panel" aria-labelledby="exports-title">
                <h2 id="exports-title">{t.exports}</h2>
                <ul class="compact-list">{exports}</ul>
            </section>
        }
        .into_any()
    })
}

fn snapshots_panel(
    locale: Locale,
    principal: &Principal,
    slug: &str,
    snapshots: Vec<SnapshotSummary>,
    can_edit: bool,
) -> impl IntoView {
    let t = locale.console();
    let items: Vec<_> = snapshots
        .iter()
        .map(|s| {
            view! {
                <li data-testid=format!("snapshot-{}", s.number)>
                    <a href=format!("/r/{slug}/{}", s.number)>{format!("#{}", s.number)}</a>
                    " · "{s.published_at.clone()}" · n = "{s.responses}
                    {(!s.changelog.is_empty()).then(|| format!(" · {}", s.changelog))}
                    <div class="muted">"SHA-256 "{s.data_hash.clone()}</div>
                </li>
            }
        })
        .collect();
    view! {
        <p>{t.published_frozen}" "<a href=format!("/r/{slug}")>{t.public_results}</a></p>
        <h3>{t.snapshots}</h3>
        <ul class="compact-list">{items}</ul>
        {can_edit.then(|| view! {
            <form method="post" action=format!("/console/surveys/{slug}/corrections") class="console-form narrow">
                <CsrfField principal=Some(principal.clone())/>
                <p class="muted">{t.correction_hint}</p>
                <div class="field">
                    <label for="changelog">{t.changelog}</label>
                    <textarea id="changelog" name="changelog" rows="3" required data-testid="changelog"></textarea>
                </div>
                <button type="submit" class="button" data-testid="publish-correction">{t.publish_correction}</button>
            </form>
        })}
    }
}

/// What publishing would make public: the ranking computed now, and the ledger.
pub struct PublishPreview {
    pub survey: StoredSurvey,
    pub rows: Vec<RankingRow>,
    pub ledger: Ledger,
    /// The rows are computed over verified answers only (`?basis=verified`).
    pub verified_only: bool,
    /// A pending embargo: the results are frozen already, nothing to publish here.
    pub embargo: Option<Embargo>,
}

pub fn render_publish_preview(
    locale: Locale,
    principal: &Principal,
    here: &str,
    preview: PublishPreview,
) -> String {
    let t = locale.console();
    let principal_for_body = principal.clone();
    render_document(locale, Some(principal), t.preview_title, here, move || {
        let slug = preview.survey.definition.slug.clone();
        let title = preview.survey.definition.title.clone();
        let rows: Vec<_> = preview
            .rows
            .iter()
            .map(|row| {
                let name = locale.pick(&row.name_zh, &row.name_en).to_string();
                match &row.result {
                    Some(result) => view! {
                        <tr data-testid=format!("preview-{}", row.subject)>
                            <th scope="row">{name}</th>
                            <td class="num">{result.tier}</td>
                            <td class="num">{format::points(result.nps)}</td>
                            <td class="num">{format!("{} – {}", format::points(result.ci_low), format::points(result.ci_high))}</td>
                            <td class="num">{row.n}</td>
                        </tr>
                    }
                    .into_any(),
                    None => view! {
                        <tr data-testid=format!("preview-{}", row.subject) class="held-back">
                            <th scope="row">{name}</th>
                            <td colspan="3">{t.insufficient_sample}</td>
                            <td class="num">{row.n}</td>
                        </tr>
                    }
                    .into_any(),
                }
            })
            .collect();
        let closed = preview.survey.status == SurveyStatus::Closed && preview.embargo.is_none();
        let pending = preview.embargo.as_ref().map(|e| {
            let words = super::embargo_words::EmbargoWords::for_locale(locale);
            view! { <p class="notice" role="status" data-testid="embargo-pending">{(words.pending)(&e.publish_at_beijing)}</p> }
        });
        view! {
            <h1>{t.preview_title}": "{locale.pick(&title.zh_cn, &title.en).to_string()}</h1>
            <p>{t.preview_intro}</p>
            {(preview.ledger.total.held > 0).then(|| view! {
                <p class="error" role="alert" data-testid="held-notice">
                    {(t.held_notice)(preview.ledger.total.held)}" "
                    <a href=format!("/console/surveys/{}/clusters", preview.survey.definition.slug)>{t.suspect_clusters}</a>
                </p>
            })}
            {if preview.verified_only {
                view! {
                    <p class="notice" role="status" data-testid="verified-only">
                        {(t.preview_verified_only)(preview.ledger.total.verified, preview.ledger.total.counted)}" "
                        <a href=format!("/console/surveys/{slug}/preview")>{t.preview_show_counted}</a>
                    </p>
                }
                .into_any()
            } else {
                view! {
                    <p><a href=format!("/console/surveys/{slug}/preview?basis=verified")
                        data-testid="show-verified-only">{t.preview_show_verified}</a></p>
                }
                .into_any()
            }}
            <p class="muted">
                {t.field_method}": "{preview.survey.definition.interval.method.as_str()}", "
                {t.field_level}": "{format::percent(preview.survey.definition.interval.level)}"%"", "
                {t.field_min_n}": "{preview.survey.definition.min_n}
            </p>
            <div class="table-scroll">
                <table class="data-table" data-testid="preview">
                    <thead>
                        <tr>
                            <th scope="col">{t.col_subject}</th>
                            <th scope="col" class="num">{t.col_tier}</th>
                            <th scope="col" class="num">{t.col_nps}</th>
                            <th scope="col" class="num">{t.col_interval}</th>
                            <th scope="col" class="num">{t.col_n}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <LedgerTable locale ledger=preview.ledger/>
            {if closed {
                view! {
                    <form method="post" action=format!("/console/surveys/{slug}/lifecycle")>
                        <CsrfField principal=Some(principal_for_body.clone())/>
                        <input type="hidden" name="to" value="published"/>
                        <button type="submit" class="button" data-testid="confirm-publish">{t.confirm_publish}</button>
                    </form>
                    {embargo_form(locale, &principal_for_body, &slug)}
                }
                .into_any()
            } else if let Some(pending) = pending {
                pending.into_any()
            } else {
                view! { <p class="warning">{t.publish_needs_closed}</p> }.into_any()
            }}
            <p><a href=format!("/console/surveys/{slug}")>{t.back_to_console}</a></p>
        }
        .into_any()
    })
}
