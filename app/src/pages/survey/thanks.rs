use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::load_thanks;
use crate::format::{percent, points};
use crate::i18n::use_messages;
use domain::survey_page::{PublishedRanking, ThanksData};

use super::unavailable::SurveyMissing;

/// `/s/{slug}/thanks`: where a successful submission lands (post/redirect/get). Shows the
/// sector's published ranking if there is one, otherwise when results will appear.
#[component]
pub fn SurveyThanksPage() -> impl IntoView {
    let t = use_messages();
    let params = use_params_map();
    let slug = move || params.read().get("slug").unwrap_or_default();
    let data = Resource::new(slug, load_thanks);
    view! {
        <Suspense fallback=move || view! { <main class="page" id="main"><p class="muted">{t.loading}</p></main> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(Some(thanks)) => view! { <Thanks thanks/> }.into_any(),
                    Ok(None) => view! { <SurveyMissing/> }.into_any(),
                    Err(_) => view! { <main class="page" id="main"><p class="error" role="alert">{t.load_error}</p></main> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Thanks(thanks: ThanksData) -> impl IntoView {
    let t = use_messages();
    let locale = crate::i18n::use_locale();
    let survey = thanks.survey;
    let results = match thanks.ranking {
        Some(ranking) => view! { <RankingTable ranking/> }.into_any(),
        None => view! {
            <p data-testid="results-pending">{(t.results_after_close)(survey.closes_on.as_deref())}</p>
        }
        .into_any(),
    };
    view! {
        <Title text=t.thanks_title/>
        <main class="page thanks" id="main" data-testid="thanks">
            <p class="eyebrow">{survey.title(locale).to_string()}</p>
            <h1>{t.thanks_title}</h1>
            <p class="lead">{t.thanks_body}</p>
            {thanks.receipt.map(|code| view! { <Receipt code/> })}
            {results}
            <p>
                <a class="button" href=format!("/s/{}", survey.slug)>{t.rate_more}</a>
                " "
                <a href="/">{t.back_home}</a>
            </p>
        </main>
    }
}

/// The receipt code, with what it is for and two ways to keep it (no JavaScript needed).
#[component]
fn Receipt(code: String) -> impl IntoView {
    let t = crate::pages::MyAnswersMessages::for_locale(crate::i18n::use_locale());
    let file = format!(
        "data:text/plain;charset=utf-8,{}",
        percent_encoded(&format!("{}: {code}\n/my-answers\n", t.receipt_heading))
    );
    view! {
        <section class="receipt" aria-labelledby="receipt-title" data-testid="receipt">
            <h2 id="receipt-title">{t.receipt_heading}</h2>
            <p class="receipt-code" data-testid="receipt-code" translate="no">{code}</p>
            <p>{t.receipt_explain}</p>
            <p class="receipt-actions">
                <a href=file download="koubei-receipt.txt">{t.receipt_save}</a>
                <a href="/my-answers">{t.title}</a>
            </p>
        </section>
    }
}

/// Text for a `data:` URL: everything but unreserved ASCII percent-encoded (UTF-8 bytes).
fn percent_encoded(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            other => format!("%{other:02X}"),
        })
        .collect()
}

#[component]
fn RankingTable(ranking: PublishedRanking) -> impl IntoView {
    let t = use_messages();
    let locale = crate::i18n::use_locale();
    let title = locale
        .pick(&ranking.title_zh, &ranking.title_en)
        .to_string();
    let level = percent(ranking.level);
    let rows = ranking
        .rows
        .into_iter()
        .map(|row| {
            let name = locale.pick(&row.name_zh, &row.name_en).to_string();
            match row.result {
                Some(result) => view! {
                    <tr>
                        <td>{result.tier}</td>
                        <th scope="row">{name}</th>
                        <td class="num">{points(result.nps)}</td>
                        <td class="num">{format!("[{}, {}]", points(result.ci_low), points(result.ci_high))}</td>
                        <td class="num">{row.n}</td>
                    </tr>
                }
                .into_any(),
                None => view! {
                    <tr class="held-back">
                        <td>"—"</td>
                        <th scope="row">{name}</th>
                        <td colspan="2">{(t.insufficient_sample)(ranking.min_n)}</td>
                        <td class="num">{row.n}</td>
                    </tr>
                }
                .into_any(),
            }
        })
        .collect_view();
    view! {
        <section class="ranking" data-testid="published-ranking">
            <h2>{(t.ranking_heading)(&title)}</h2>
            <div class="table-scroll">
                <table>
                    <thead>
                        <tr>
                            <th scope="col">{t.ranking_tier}</th>
                            <th scope="col">{t.ranking_subject}</th>
                            <th scope="col">{t.ranking_nps}</th>
                            <th scope="col">{(t.ranking_interval)(&level)}</th>
                            <th scope="col">{t.ranking_n}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <p class="muted">{t.ranking_note}</p>
            <p>
                <a href=format!("/r/{}", ranking.survey_slug) data-testid="full-results">
                    {crate::i18n::use_results_messages().full_results}
                </a>
            </p>
        </section>
    }
}
