//! `/preview/{token}`: a brand's preview of its own frozen results before the embargo ends —
//! its row, the sector's totals, its line of the quality ledger and the methodology. The back
//! end cuts the data down to the link's subject (`koubei_core::authoring::preview_page`); this
//! page reuses the public results page's parts on what is left. Server HTML only.

mod messages;
mod reply;
mod reply_words;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::results::{
    HeldBack, LoadedPage, Methodology, QualityLedger, RankingTable, Totals, WhatPeopleSay,
};
use crate::api::load_preview_page;
use crate::i18n::use_locale;
use domain::preview::{BrandPreview, PreviewPage as Page};
pub use messages::PreviewMessages;
pub use reply::ReplyEcho;
pub use reply_words::ReplyWords;

#[component]
pub fn PreviewPage() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let data = Resource::new(token, load_preview_page);
    view! {
        <LoadedPage data found=|page| match page {
            Page::Ready(preview) => view! { <Ready preview=*preview/> }.into_any(),
            Page::NotReady { subject_name_zh, subject_name_en, expires_on } => {
                view! { <NotReady subject_name_zh subject_name_en expires_on/> }.into_any()
            }
            Page::Expired => view! { <Expired/> }.into_any(),
        }/>
    }
}

#[component]
fn Ready(preview: BrandPreview) -> impl IntoView {
    let m = PreviewMessages::for_locale(use_locale());
    let locale = use_locale();
    let subject = locale
        .pick(&preview.subject_name_zh, &preview.subject_name_en)
        .to_string();
    let results = preview.results;
    let title = locale
        .pick(&results.title_zh, &results.title_en)
        .to_string();
    let sector = locale
        .pick(&results.sector_name_zh, &results.sector_name_en)
        .to_string();
    let banner = match &preview.public_from {
        Some(at) => (m.banner)(at),
        None => m.banner_published.to_string(),
    };
    let ranked = results.ranked().count() > 0;
    // Erased to AnyView part by part: one nested view type of this size overflows the
    // compiler's query depth.
    let table = ranked.then(|| {
        view! {
            <RankingTable results=results.clone()/>
            <p class="muted" data-testid="ranked-count">{(m.rank_of)(preview.ranked_count)}</p>
        }
        .into_any()
    });
    let own = view! {
        <section aria-labelledby="own-result-heading">
            <h2 id="own-result-heading">{m.your_result}</h2>
            {table}
        </section>
    }
    .into_any();
    // Its own themes and quotes, redacted and frozen as the public will read them.
    let said = view! { <WhatPeopleSay results=results.clone()/> }.into_any();
    let held_back = view! { <HeldBack results=results.clone()/> }.into_any();
    let sector_wide = view! {
        <Totals results=results.clone()/>
        <QualityLedger ledger=preview.ledger.clone()/>
    }
    .into_any();
    let method = view! {
        <Methodology results ledger=preview.ledger method_version=preview.method_version data_hash=preview.data_hash/>
    }
    .into_any();
    let token = use_params_map()
        .read_untracked()
        .get("token")
        .unwrap_or_default();
    let reply = view! { <reply::ReplySection token panel=preview.reply/> }.into_any();
    view! {
        <Title text=(m.title)(&subject)/>
        <main class="page results preview" id="main" data-testid="preview">
            <p class="notice" role="status" data-testid="preview-banner">{banner}</p>
            <p class="eyebrow">{sector}</p>
            <h1>{subject}</h1>
            <p class="lead">{title}</p>
            <p>{m.confidential}" "{(m.expires)(&preview.expires_on)}</p>
            {own}
            {reply}
            {said}
            {held_back}
            {sector_wide}
            {method}
        </main>
    }
    .into_any()
}

#[component]
fn NotReady(subject_name_zh: String, subject_name_en: String, expires_on: String) -> impl IntoView {
    let m = PreviewMessages::for_locale(use_locale());
    let subject = use_locale()
        .pick(&subject_name_zh, &subject_name_en)
        .to_string();
    view! {
        <Title text=m.not_ready_title/>
        <main class="page preview" id="main" data-testid="preview-not-ready">
            <h1>{m.not_ready_title}</h1>
            <p>{(m.not_ready)(&subject, &expires_on)}</p>
        </main>
    }
}

#[component]
fn Expired() -> impl IntoView {
    let m = PreviewMessages::for_locale(use_locale());
    view! {
        <Title text=m.expired_title/>
        <main class="page preview" id="main" data-testid="preview-expired">
            <h1>{m.expired_title}</h1>
            <p>{m.expired}</p>
        </main>
    }
}
