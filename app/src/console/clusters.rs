//! The suspect clusters page: what the detectors held, why, what it would do to the subject's
//! results, and the decision — release (the answers count) or exclude (they stay out) — with a
//! note. Decided clusters stay listed and may be decided the other way.

use leptos::prelude::*;

use super::document::render_document;
use super::layout::CsrfField;
use crate::console::ConsoleCatalog;
use crate::i18n::Locale;
use domain::Role;
use koubei_core::db::timestamp::council_minute;
use koubei_core::integrity::ClusterView;
use koubei_core::staff::Principal;

pub struct ClustersPage {
    pub survey_slug: String,
    pub survey_title: String,
    pub clusters: Vec<ClusterView>,
    pub notice: Option<String>,
    pub problem: Option<String>,
}

/// NPS and n of a histogram, as "NPS +12.5 (n = 40)".
fn standing(locale: Locale, histogram: &[u64; 11]) -> String {
    let counts = stats::Counts::from_histogram(histogram);
    match counts.nps() {
        Some(nps) => format!("NPS {} (n = {})", crate::format::points(nps), counts.n()),
        None => locale.console().cluster_no_answers.to_string(),
    }
}

pub fn render_clusters(
    locale: Locale,
    principal: &Principal,
    here: &str,
    page: ClustersPage,
) -> String {
    let t = locale.console();
    let p = principal.clone();
    let may_decide = principal.may(Role::Editor);
    let title = format!("{} · {}", t.clusters_title, page.survey_title);
    render_document(locale, Some(principal), t.clusters_title, here, move || {
        let slug = page.survey_slug.clone();
        let cards: Vec<_> = page
            .clusters
            .iter()
            .map(|cluster| {
                let (with, without) = cluster.with_and_without();
                let when = |stored: &str| council_minute(stored).unwrap_or_default();
                let status = (t.cluster_status)(&cluster.status);
                let decided = cluster.decided_at.as_deref().map(|at| {
                    view! {
                        <p class="muted">
                            {(t.cluster_decided)(
                                &when(at),
                                cluster.decided_by.as_deref().unwrap_or_default(),
                                &cluster.note,
                            )}
                        </p>
                    }
                });
                let subject = locale
                    .pick(&cluster.subject_name_zh, &cluster.subject_name_en)
                    .to_string();
                let form = may_decide.then(|| {
                    let note_id = format!("note-{}", cluster.id);
                    let note_for = note_id.clone();
                    let release = (cluster.status != "released").then(|| view! {
                        <button type="submit" name="decision" value="release" class="button button--secondary"
                            data-testid="release-cluster">{t.cluster_release}</button>
                    });
                    let exclude = (cluster.status != "excluded").then(|| view! {
                        <button type="submit" name="decision" value="exclude" class="button"
                            data-testid="exclude-cluster">{t.cluster_exclude}</button>
                    });
                    view! {
                        <form method="post" action=format!("/console/clusters/{}/decision", cluster.id)
                            class="console-form" novalidate>
                            <CsrfField principal=Some(p.clone())/>
                            <label for=note_for>{t.cluster_note}</label>
                            <textarea id=note_id name="note" rows="2" maxlength="500" required
                                data-testid="cluster-note"></textarea>
                            <p class="muted">{t.cluster_note_hint}</p>
                            <div class="actions">{release}{exclude}</div>
                        </form>
                    }
                });
                view! {
                    <article class="panel" data-testid="cluster" data-status=cluster.status.clone()
                        data-subject=cluster.subject.clone()>
                        <h2>{subject.clone()}" · "{status}</h2>
                        <p>{(t.cluster_evidence)(cluster, &when(&cluster.first_at), &when(&cluster.last_at))}</p>
                        <p>{(t.cluster_second_sign)(cluster)}</p>
                        <dl class="facts">
                            <dt>{t.cluster_with}</dt>
                            <dd data-testid="cluster-with">{standing(locale, &with)}</dd>
                            <dt>{t.cluster_without}</dt>
                            <dd data-testid="cluster-without">{standing(locale, &without)}</dd>
                        </dl>
                        {decided}
                        {form}
                    </article>
                }
            })
            .collect();
        let open = page.clusters.iter().filter(|c| c.status == "open").count();
        view! {
            <h1>{title.clone()}</h1>
            <p>{t.clusters_intro}</p>
            {page.notice.clone().map(|m| view! { <p class="notice" role="status">{m}</p> })}
            {page.problem.clone().map(|m| view! { <p class="error" role="alert">{m}</p> })}
            <p data-testid="clusters-open">{(t.clusters_open)(open)}</p>
            {may_decide.then(|| view! {
                <form method="post" action=format!("/console/surveys/{slug}/clusters/scan") class="inline-form">
                    <CsrfField principal=Some(p.clone())/>
                    <button type="submit" class="button button--secondary" data-testid="scan-now">{t.clusters_scan}</button>
                </form>
            })}
            {if cards.is_empty() {
                view! { <p class="muted">{t.clusters_none}</p> }.into_any()
            } else {
                cards.into_any()
            }}
            <p><a href=format!("/console/surveys/{slug}")>{t.back_to_survey}</a></p>
        }
        .into_any()
    })
}
