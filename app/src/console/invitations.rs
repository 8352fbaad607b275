//! A survey's invitation batches (how many of each are used, their cards and links, withdrawing
//! one) with a form for a new batch; and the printable A4 sheets of invitation cards.

use leptos::prelude::*;

use super::document::render_document;
use super::fields::TextInput;
use super::layout::CsrfField;
use crate::console::ConsoleCatalog;
use crate::i18n::Locale;
use domain::Role;
use koubei_core::authoring::definition::Texts;
use koubei_core::authoring::invitations::InvitationBatch;
use koubei_core::db::timestamp::council_date;
use koubei_core::staff::Principal;

pub struct InvitationsPage {
    pub survey_slug: String,
    pub survey_title: String,
    pub batches: Vec<InvitationBatch>,
    pub notice: Option<String>,
    pub problem: Option<String>,
}

pub fn render_invitations(
    locale: Locale,
    principal: &Principal,
    here: &str,
    page: InvitationsPage,
) -> String {
    let t = locale.console();
    let p = principal.clone();
    let may_edit = principal.may(Role::Editor);
    let title = format!("{} · {}", t.invitations_title, page.survey_title);
    render_document(
        locale,
        Some(principal),
        t.invitations_title,
        here,
        move || {
            let slug = page.survey_slug.clone();
            let rows: Vec<_> = page
            .batches
            .iter()
            .map(|batch| {
                let base = format!("/console/surveys/{slug}/invitations/{}", batch.id);
                let state = match &batch.revoked_at {
                    Some(at) => format!(
                        "{} {}",
                        t.invitations_revoked,
                        council_date(at).unwrap_or_default()
                    ),
                    None => String::new(),
                };
                // Printing and withdrawing are an editor's: a code is a verified answer.
                let actions = may_edit.then(|| {
                    let revoke = batch.revoked_at.is_none().then(|| view! {
                        <form method="post" action=format!("{base}/revoke") class="inline-form"
                            data-confirm=t.invitations_revoke_confirm>
                            <CsrfField principal=Some(p.clone())/>
                            <button type="submit" class="button button--danger"
                                data-testid="revoke-invitations">{t.invitations_revoke}</button>
                        </form>
                    });
                    view! {
                        <a href=format!("{base}/cards") data-testid="invitation-cards">{t.invitations_cards}</a>
                        " · "
                        <a href=format!("{base}/links.csv") data-testid="invitation-csv">{t.invitations_csv}</a>
                        {revoke}
                    }
                });
                view! {
                    <tr data-testid="invitation-batch" class="invitation-batch">
                        <th scope="row">{batch.name.clone()}
                            <br/><span class="muted" data-testid="invitation-batch-state">{state}</span></th>
                        <td data-label=t.invitation_batch_code><code>{batch.code.clone()}</code></td>
                        <td class="num" data-label=t.invitation_batch_size>{batch.size}</td>
                        <td class="num" data-label=t.invitations_spent data-testid="invitations-spent">{batch.spent}</td>
                        <td class="num" data-label=t.invitations_unused>{if batch.revoked_at.is_some() { 0 } else { batch.size - batch.spent }}</td>
                        <td class="date" data-label=t.col_created>{council_date(&batch.created_at).unwrap_or_default()}</td>
                        <td class="invitation-batch__actions">{actions}</td>
                    </tr>
                }
            })
            .collect();
            let table = if rows.is_empty() {
                view! { <p class="muted">{t.invitations_none}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll">
                        <table class="data-table stack-on-phone" data-testid="invitation-batches">
                            <thead><tr>
                                <th scope="col">{t.batch_name}</th>
                                <th scope="col">{t.invitation_batch_code}</th>
                                <th scope="col" class="num">{t.invitation_batch_size}</th>
                                <th scope="col" class="num">{t.invitations_spent}</th>
                                <th scope="col" class="num">{t.invitations_unused}</th>
                                <th scope="col">{t.col_created}</th>
                                <th scope="col"><span class="visually-hidden">{t.col_actions}</span></th>
                            </tr></thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                }
                .into_any()
            };
            let form = may_edit.then(|| view! {
            <form method="post" action=format!("/console/surveys/{slug}/invitations") class="panel console-form narrow" novalidate>
                <h2>{t.new_invitation_batch}</h2>
                <CsrfField principal=Some(p.clone())/>
                <TextInput name="name" label=t.batch_name value=String::new()/>
                <p class="muted">{t.invitation_batch_name_hint}</p>
                <TextInput name="size" label=t.invitation_batch_size value=String::new() kind="number"/>
                <p class="muted">{t.invitation_batch_size_hint}</p>
                <button type="submit" class="button" data-testid="create-invitation-batch">{t.create}</button>
            </form>
        });
            view! {
                <h1>{title.clone()}</h1>
                <p>{t.invitations_intro}</p>
                {page.notice.clone().map(|m| view! { <p class="notice" role="status">{m}</p> })}
                {page.problem.clone().map(|m| view! { <p class="error" role="alert">{m}</p> })}
                {table}
                {form}
                <p><a href=format!("/console/surveys/{slug}")>{t.back_to_survey}</a></p>
            }
            .into_any()
        },
    )
}

/// One card to print: an unspent invitation's number, code and QR code (an SVG we generated).
pub struct InvitationCard {
    pub number: i64,
    pub code: String,
    pub qr_svg: String,
}

pub struct InvitationCards {
    pub survey_title: Texts,
    pub batch_name: String,
    pub cards: Vec<InvitationCard>,
    /// The numbers this sheet covers, and the batch's size.
    pub from: i64,
    pub to: i64,
    pub size: i64,
    pub previous: Option<String>,
    pub next: Option<String>,
}

pub fn render_invitation_cards(
    locale: Locale,
    principal: &Principal,
    here: &str,
    sheet: InvitationCards,
) -> String {
    let t = locale.console();
    let zh = Locale::ZhCn.console();
    let en = Locale::En.console();
    render_document(
        locale,
        Some(principal),
        t.invitations_cards,
        here,
        move || {
            let cards: Vec<_> = sheet
            .cards
            .iter()
            .map(|card| {
                view! {
                    <article class="invitation-card" data-testid="invitation-card">
                        <p class="invitation-card__title" lang="zh-CN">{sheet.survey_title.zh_cn.clone()}</p>
                        <p class="invitation-card__title-en" lang="en">{sheet.survey_title.en.clone()}</p>
                        // The SVG is ours (generated from the invitation's link), not user input.
                        <div class="invitation-card__qr" inner_html=card.qr_svg.clone()></div>
                        <p class="invitation-card__call"><span lang="zh-CN">{zh.invitation_card_call}</span>" · "<span lang="en">{en.invitation_card_call}</span></p>
                        <p class="invitation-card__once"><span lang="zh-CN">{zh.invitation_card_once}</span>" · "<span lang="en">{en.invitation_card_once}</span></p>
                        <p class="invitation-card__code" data-testid="invitation-code">{card.code.clone()}</p>
                        <p class="invitation-card__number muted">{format!("{} · #{}", sheet.batch_name, card.number)}</p>
                    </article>
                }
            })
            .collect();
            let pages = view! {
                <p class="no-print">
                    {sheet.previous.clone().map(|href| view! { <a href=href>{t.invitation_cards_previous}</a>" " })}
                    {sheet.next.clone().map(|href| view! { <a href=href data-testid="invitation-cards-next">{t.invitation_cards_next}</a> })}
                </p>
            };
            view! {
            <div class="no-print">
                <h1>{format!("{} · {}", t.invitations_cards, sheet.batch_name)}</h1>
                <p class="muted">{(t.invitation_cards_range)(sheet.from, sheet.to, sheet.size)}" "{t.invitation_cards_spent_note}</p>
                <p class="muted">{t.invitation_cards_hint}" "
                    <button type="button" class="button" data-print="">{t.poster_print}</button>
                </p>
            </div>
            <div class="invitation-cards">{cards}</div>
            {pages}
        }
        .into_any()
        },
    )
}
