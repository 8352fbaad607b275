//! `/verify/{token}`: whether a badge's signed statement is genuine and still stands. The server
//! reads the token and provides the outcome in the render's context (`VerifyView`); the same
//! address answers JSON to `Accept: application/json`. Server HTML only.

mod messages;

use leptos::prelude::*;
use leptos_meta::Title;

use crate::format::{interval, percent, points};
use crate::i18n::use_locale;
use domain::results::{ResultStatus, SubjectResult};
use domain::verify::{Standing, Statement, VerifyView};
pub use messages::VerifyMessages;

/// Where the council's public key is published.
pub const PUBLIC_KEY_PATH: &str = "/.well-known/koubei-badge-key.json";

#[component]
pub fn VerifyPage() -> impl IntoView {
    let m = VerifyMessages::for_locale(use_locale());
    let body = match use_context::<VerifyView>() {
        Some(VerifyView::Genuine {
            statement,
            standing,
            published_on,
            expires_on,
        }) => view! { <Genuine statement=*statement standing published_on expires_on/> }.into_any(),
        _ => view! {
            <h1 data-testid="verdict">{m.not_genuine}</h1>
            <p class="error" role="alert">{m.not_genuine_explain}</p>
        }
        .into_any(),
    };
    view! {
        <Title text=m.title/>
        <main class="page verify" id="main" data-testid="verify">
            {body}
            <section aria-labelledby="terms-heading">
                <h2 id="terms-heading">{m.terms_heading}</h2>
                <p>{m.terms}</p>
            </section>
            <section aria-labelledby="key-heading">
                <h2 id="key-heading">{m.key_heading}</h2>
                <p>{m.key_explain}" "<a href=PUBLIC_KEY_PATH>{PUBLIC_KEY_PATH}</a></p>
            </section>
        </main>
    }
}

/// A subject's result in facts: NPS, interval and tier, or "too few answers".
fn result_facts(
    level: f64,
    status: ResultStatus,
    nps: Option<f64>,
    ci_low: Option<f64>,
    ci_high: Option<f64>,
    tier: Option<usize>,
) -> impl IntoView {
    let m = VerifyMessages::for_locale(use_locale());
    match status {
        ResultStatus::Ranked => view! {
            <dt>{m.nps}</dt><dd data-testid="nps">{nps.map(points).unwrap_or_default()}</dd>
            <dt>{(m.interval)(&percent(level))}</dt><dd>{interval(ci_low, ci_high)}</dd>
            <dt>{m.tier}</dt><dd>{tier.map(|t| t.to_string()).unwrap_or_default()}</dd>
        }
        .into_any(),
        ResultStatus::InsufficientSample => {
            view! { <dt>{m.nps}</dt><dd>{m.insufficient_sample}</dd> }.into_any()
        }
    }
}

#[component]
fn Genuine(
    statement: Statement,
    standing: Standing,
    published_on: String,
    expires_on: String,
) -> impl IntoView {
    let m = VerifyMessages::for_locale(use_locale());
    let locale = use_locale();
    let (verdict, explain) = match &standing {
        Standing::Valid => (m.valid, m.valid_explain.to_string()),
        Standing::Expired => (m.expired, m.expired_explain.to_string()),
        Standing::Superseded { latest, .. } => (m.superseded, (m.superseded_explain)(*latest)),
    };
    let class = match standing {
        Standing::Valid => "notice",
        _ => "warning",
    };
    let correction = match standing {
        Standing::Superseded {
            latest,
            now,
            changelog,
        } => Some(
            view! { <Correction survey=statement.survey.clone() level=statement.level latest now changelog/> },
        ),
        _ => None,
    };
    let subject = locale
        .pick(&statement.subject_name_zh, &statement.subject_name_en)
        .to_string();
    view! {
        <h1 data-testid="verdict">{verdict}</h1>
        <p class=class role="status">{explain}</p>
        <dl class="facts" data-testid="statement">
            <dt>{m.subject}</dt><dd>{subject}</dd>
            {result_facts(statement.level, statement.status, statement.nps, statement.ci_low, statement.ci_high, statement.tier)}
            <dt>{m.published_on}</dt><dd>{published_on}" · "{(m.snapshot)(statement.snapshot)}</dd>
            <dt>{m.expires_on}</dt><dd>{expires_on}</dd>
        </dl>
        <p><a href=format!("/r/{}/{}", statement.survey, statement.snapshot)>{m.full_results}</a></p>
        {correction}
    }
}

#[component]
fn Correction(
    survey: String,
    level: f64,
    latest: i64,
    now: Option<Box<SubjectResult>>,
    changelog: String,
) -> impl IntoView {
    let m = VerifyMessages::for_locale(use_locale());
    let facts = match now {
        Some(now) => view! {
            <dl class="facts" data-testid="corrected">
                {result_facts(level, now.status, now.nps, now.ci_low, now.ci_high, now.tier)}
            </dl>
        }
        .into_any(),
        None => view! { <p>{m.not_in_correction}</p> }.into_any(),
    };
    view! {
        <section aria-labelledby="correction-heading">
            <h2 id="correction-heading">{m.now_result}</h2>
            {facts}
            <p>{m.changelog}": "{changelog}</p>
            <p><a href=format!("/r/{survey}/{latest}")>{(m.snapshot)(latest)}</a></p>
        </section>
    }
}
