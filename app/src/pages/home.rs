use leptos::prelude::*;

use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::{list_open_surveys, load_latest_rankings};
use crate::components::{FilterBox, FilterText, ShareCard};
use crate::i18n::{use_messages, use_results_messages};
use crate::pages::RankingList;
use domain::{SectorSurveys, SurveySummary};

/// The published rankings first (what most visitors come for), then the open surveys by
/// sector with a filter box.
#[component]
pub fn HomePage() -> impl IntoView {
    let t = use_messages();
    let r = use_results_messages();
    let initial_filter = use_query_map().get_untracked().get("q").unwrap_or_default();
    let sectors = OnceResource::new(list_open_surveys());
    let rankings = OnceResource::new(load_latest_rankings());

    view! {
        <Title text=t.home_title/>
        <ShareCard title=t.home_title.to_string() description=t.home_intro.to_string() image=None/>
        <main class="page home" id="main">
            <h1>{t.home_title}</h1>
            <p class="lead">{t.home_intro}</p>
            <Suspense fallback=move || view! { <p class="muted">{t.loading}</p> }>
                {move || Suspend::new(async move {
                    rankings.await.ok().filter(|r| !r.is_empty()).map(|rankings| view! {
                        <section aria-labelledby="rankings-heading" data-testid="home-rankings">
                            <h2 id="rankings-heading">
                                <a href="/sectors">{r.rankings_title}</a>
                            </h2>
                            <RankingList rankings/>
                        </section>
                    })
                })}
            </Suspense>
            <h2>{r.open_surveys}</h2>
            <Suspense fallback=move || view! { <p class="muted">{t.loading}</p> }>
                {move || {
                    let initial_filter = initial_filter.clone();
                    Suspend::new(async move {
                        match sectors.await {
                            Ok(sectors) => view! { <SurveyFinder sectors initial_filter/> }.into_any(),
                            Err(_) => {
                                view! { <p class="error" role="alert">{t.load_error}</p> }.into_any()
                            }
                        }
                    })
                }}
            </Suspense>
        </main>
    }
}

/// The filter box and the list it narrows: an island, so the list filters as people type.
/// Without JavaScript the box is a plain GET form that the server answers. An island in the
/// forms bundle only (`crate::bundles`).
#[cfg_attr(any(feature = "ssr", feature = "forms"), island)]
#[cfg_attr(not(any(feature = "ssr", feature = "forms")), component)]
fn SurveyFinder(sectors: Vec<SectorSurveys>, initial_filter: String) -> impl IntoView {
    let t = use_messages();
    let (filter, set_filter) = signal(initial_filter.clone());
    view! {
        <FilterBox
            id="survey-filter"
            action="/"
            text=FilterText {
                label: t.filter_label,
                placeholder: t.filter_placeholder,
                submit: t.filter_submit,
            }
            initial=initial_filter
            on_input=set_filter
        />
        <SectorList sectors filter/>
    }
}

#[component]
fn SectorList(sectors: Vec<SectorSurveys>, filter: ReadSignal<String>) -> impl IntoView {
    let t = use_messages();
    if sectors.is_empty() {
        return view! { <p class="muted" data-testid="no-surveys">{t.no_open_surveys}</p> }
            .into_any();
    }
    view! {
        <div class="sectors" data-testid="sector-list" aria-live="polite">
            {move || {
                let query = filter.get();
                let visible: Vec<SectorSurveys> = sectors
                    .iter()
                    .filter_map(|sector| sector.filtered(&query))
                    .collect();
                if visible.is_empty() {
                    view! { <p class="muted" data-testid="no-match">{(t.filter_no_match)(&query)}</p> }
                        .into_any()
                } else {
                    visible
                        .into_iter()
                        .map(|sector| view! { <SectorCard sector/> })
                        .collect_view()
                        .into_any()
                }
            }}
        </div>
    }
    .into_any()
}

/// A sector's open surveys. Its heading links to the sector's published waves, when it has any.
#[component]
fn SectorCard(sector: SectorSurveys) -> impl IntoView {
    let locale = crate::i18n::use_locale();
    let name = sector.name(locale).to_string();
    // One view either way (an `<a>` without `href` is plain text), which keeps the island small.
    let href = sector
        .published
        .then(|| format!("/sectors/{}", sector.sector_slug));
    view! {
        <section class="sector" data-testid="sector" data-sector=sector.sector_slug.clone()>
            <h3><a href=href>{name}</a></h3>
            <ul class="survey-cards">
                {sector
                    .surveys
                    .into_iter()
                    .map(|survey| view! { <SurveyCard survey/> })
                    .collect_view()}
            </ul>
        </section>
    }
}

#[component]
fn SurveyCard(survey: SurveySummary) -> impl IntoView {
    let t = use_messages();
    let locale = crate::i18n::use_locale();
    let title = locale.pick(&survey.title_zh, &survey.title_en).to_string();
    let closes = survey.closes_on.as_deref().map(t.closes_on);
    view! {
        <li class="survey-card">
            <a class="survey-card__link" href=format!("/s/{}", survey.slug)>
                <span class="survey-card__title">{title}</span>
                <span class="survey-card__meta">
                    <span>{(t.subjects_count)(survey.subject_count)}</span>
                    {closes.map(|text| view! { <span>{text}</span> })}
                </span>
                <span class="survey-card__action" aria-hidden="true">{t.take_survey}" →"</span>
            </a>
        </li>
    }
}
