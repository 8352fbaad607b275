use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use super::charts::Chart;
use super::loaded::LoadedPage;
use crate::api::load_sector_page;
use crate::i18n::{use_locale, use_results_messages};
use domain::results_page::{PublishedWave, SectorWaves};

/// `/sectors/{sector}`: the sector's published waves, newest first, and its trend chart. 404
/// for an unknown sector or one with nothing published.
#[component]
pub fn SectorPage() -> impl IntoView {
    let params = use_params_map();
    let sector = move || params.read().get("sector").unwrap_or_default();
    let data = Resource::new(sector, load_sector_page);
    view! {
        <LoadedPage data found=|sector| view! { <Sector sector/> }/>
    }
}

#[component]
fn Sector(sector: SectorWaves) -> impl IntoView {
    let r = use_results_messages();
    let locale = use_locale();
    let name = locale.pick(&sector.name_zh, &sector.name_en).to_string();
    let waves = sector
        .waves
        .into_iter()
        .map(|wave| view! { <Wave wave/> })
        .collect_view();
    view! {
        <Title text=name.clone()/>
        <main class="page results" id="main" data-testid="sector-page">
            <h1>{name}</h1>
            <p class="lead">{r.sector_intro}</p>
            <h2>{r.waves}</h2>
            <ul class="survey-cards" data-testid="waves">{waves}</ul>
            <section aria-labelledby="trend-heading">
                <h2 id="trend-heading">{r.trend}</h2>
                <Chart src=format!("/charts/sector/{}/trend.svg", sector.sector) alt=r.trend_alt.to_string()/>
            </section>
        </main>
    }
}

#[component]
fn Wave(wave: PublishedWave) -> impl IntoView {
    let r = use_results_messages();
    let locale = use_locale();
    view! {
        <li class="survey-card" data-testid="wave" data-survey=wave.slug.clone()>
            <a class="survey-card__link" href=format!("/r/{}", wave.slug)>
                <span class="survey-card__title">{locale.pick(&wave.title_zh, &wave.title_en).to_string()}</span>
                <span class="survey-card__meta">{(r.wave_meta)(&wave.published_on, wave.responses)}</span>
            </a>
        </li>
    }
}
