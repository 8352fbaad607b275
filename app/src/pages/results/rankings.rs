//! Every sector's latest published ranking: the list the home page leads with, and the
//! rankings index `/sectors` that the header links to.

use leptos::prelude::*;

use leptos_meta::Title;

use crate::api::load_latest_rankings;
use crate::components::ShareCard;
use crate::i18n::{use_locale, use_results_messages};
use domain::results_page::SectorRanking;

/// `/sectors`: the rankings index.
#[component]
pub fn RankingsPage() -> impl IntoView {
    let r = use_results_messages();
    let rankings = OnceResource::new(load_latest_rankings());
    view! {
        <Title text=r.rankings_title/>
        <ShareCard title=r.rankings_title.to_string() description=r.rankings_share.to_string() image=None/>
        <main class="page results" id="main" data-testid="rankings-page">
            <h1>{r.rankings_title}</h1>
            <p class="lead">{r.rankings_intro}</p>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match rankings.await {
                        Ok(rankings) => view! { <RankingList rankings/> }.into_any(),
                        Err(_) => view! { <p class="error" role="alert">{r.unavailable}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </main>
    }
}

/// One card per sector: its latest wave (a link to the ranking), its first tier, and a link to
/// all its waves. Says so when nothing is published yet.
#[component]
pub fn RankingList(rankings: Vec<SectorRanking>) -> impl IntoView {
    let r = use_results_messages();
    if rankings.is_empty() {
        return view! { <p class="muted" data-testid="no-rankings">{r.rankings_none}</p> }
            .into_any();
    }
    view! {
        <ul class="survey-cards" data-testid="rankings">
            {rankings
                .into_iter()
                .map(|ranking| view! { <RankingCard ranking/> })
                .collect_view()}
        </ul>
    }
    .into_any()
}

#[component]
fn RankingCard(ranking: SectorRanking) -> impl IntoView {
    let r = use_results_messages();
    let locale = use_locale();
    let sector = locale.pick(&ranking.name_zh, &ranking.name_en).to_string();
    let wave = &ranking.wave;
    let leaders: Vec<&str> = ranking
        .leaders
        .iter()
        .map(|(zh, en)| locale.pick(zh, en))
        .collect();
    let leaders = if leaders.is_empty() {
        r.leaders_none.to_string()
    } else {
        (r.leaders)(&leaders.join(r.list_separator))
    };
    view! {
        <li class="survey-card ranking-card" data-testid="ranking-card" data-sector=ranking.sector.clone()>
            <a class="survey-card__link" href=format!("/r/{}", wave.slug)>
                <span class="survey-card__title">{sector}</span>
                <span>{locale.pick(&wave.title_zh, &wave.title_en).to_string()}</span>
                <span class="ranking-card__leaders">{leaders}</span>
                <span class="survey-card__meta">{(r.wave_meta)(&wave.published_on, wave.responses)}</span>
                <span class="survey-card__action" aria-hidden="true">{r.see_ranking}" →"</span>
            </a>
            <a class="ranking-card__waves" href=format!("/sectors/{}", ranking.sector)>{r.all_waves}</a>
        </li>
    }
}
