//! A survey's poster batches: each with its channel code, where it went, how many were printed,
//! how many answers it brought, and its printable poster; a form for a new batch.

use leptos::prelude::*;

use super::document::render_document;
use super::fields::TextInput;
use super::layout::CsrfField;
use crate::console::ConsoleCatalog;
use crate::i18n::Locale;
use domain::Role;
use koubei_core::authoring::poster_batches::PosterBatch;
use koubei_core::db::timestamp::council_date;
use koubei_core::staff::Principal;

pub struct PosterBatchesPage {
    pub survey_slug: String,
    pub survey_title: String,
    pub batches: Vec<PosterBatch>,
    pub notice: Option<String>,
    pub problem: Option<String>,
}

pub fn render_poster_batches(
    locale: Locale,
    principal: &Principal,
    here: &str,
    page: PosterBatchesPage,
) -> String {
    let t = locale.console();
    let p = principal.clone();
    let may_create = principal.may(Role::Editor);
    let title = format!("{} · {}", t.poster_batches_title, page.survey_title);
    render_document(
        locale,
        Some(principal),
        t.poster_batches_title,
        here,
        move || {
            let slug = page.survey_slug.clone();
            let rows: Vec<_> = page
                .batches
                .iter()
                .map(|batch| {
                    let poster = format!("/console/surveys/{slug}/poster?batch={}", batch.code);
                    view! {
                        <tr data-testid="poster-batch">
                            <th scope="row">{batch.name.clone()}
                                <br/><span class="muted">{batch.location.clone()}</span></th>
                            <td><code data-testid="batch-code">{batch.code.clone()}</code></td>
                            <td class="num">{batch.print_count}</td>
                            <td class="num" data-testid="batch-answers">{batch.answers}</td>
                            <td>{council_date(&batch.created_at).unwrap_or_default()}</td>
                            <td><a href=poster>{t.batch_print}</a></td>
                        </tr>
                    }
                })
                .collect();
            let table = if rows.is_empty() {
                view! { <p class="muted">{t.poster_batches_none}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll">
                        <table class="data-table" data-testid="poster-batches">
                            <thead><tr>
                                <th scope="col">{t.batch_name}</th>
                                <th scope="col">{t.batch_code}</th>
                                <th scope="col" class="num">{t.batch_print_count}</th>
                                <th scope="col" class="num">{t.batch_answers}</th>
                                <th scope="col">{t.col_created}</th>
                                <th scope="col"></th>
                            </tr></thead>
                            <tbody>{rows}</tbody>
                        </table>
                    </div>
                }
                .into_any()
            };
            let form = may_create.then(|| view! {
            <form method="post" action=format!("/console/surveys/{slug}/posters") class="panel console-form narrow" novalidate>
                <h2>{t.new_poster_batch}</h2>
                <CsrfField principal=Some(p.clone())/>
                <TextInput name="name" label=t.batch_name value=String::new()/>
                <p class="muted">{t.batch_name_hint}</p>
                <TextInput name="location" label=t.batch_location value=String::new()/>
                <TextInput name="print_count" label=t.batch_print_count value=String::new() kind="number"/>
                <button type="submit" class="button" data-testid="create-poster-batch">{t.create}</button>
            </form>
        });
            view! {
                <h1>{title.clone()}</h1>
                <p>{t.poster_batches_intro}</p>
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
