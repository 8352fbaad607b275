//! `/console/surveys/{slug}/invitations`: a survey's invitation batches and a new one; each
//! batch's printable cards (`…/{id}/cards`, unspent invitations only, a few A4 sheets per page),
//! its links as CSV (`…/{id}/links.csv`), and withdrawing it (`…/{id}/revoke`).

use app::console::{
    qr_svg, render_invitation_cards, render_invitations, InvitationCard, InvitationCards,
    InvitationsPage, ProblemPage,
};
use axum::extract::{Path, Query, Request, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use koubei_core::authoring::invitations::{self, NewInvitationBatch};
use koubei_core::authoring::AuthoringError;
use serde::Deserialize;

use super::page::{
    html, problem, problems_line, read_fields, see_other, survey_with_title, unavailable, Staff,
};
use crate::app_state::AppState;
use crate::invitation_links::{batch_links, csv_download};
use app::console::ConsoleCatalog;

/// Cards per page of the printable sheets: twelve A4 sheets of eight. A page of every card of a
/// large batch would be tens of megabytes of QR codes.
const CARDS_PER_PAGE: usize = 96;

#[derive(Deserialize, Default)]
pub struct Done {
    #[serde(default)]
    done: String,
}

async fn batches_page(
    state: &AppState,
    staff: &Staff,
    slug: &str,
    status: StatusCode,
    notice: Option<String>,
    problem_text: Option<String>,
) -> Response {
    let (survey, title) = match survey_with_title(&state.db, staff, slug).await {
        Ok(found) => found,
        Err(answer) => return answer,
    };
    let batches = match invitations::list(&state.db, &survey.id).await {
        Ok(found) => found,
        Err(error) => return unavailable(staff.locale, &error),
    };
    html(
        status,
        render_invitations(
            staff.locale,
            &staff.principal,
            &staff.here,
            InvitationsPage {
                survey_slug: slug.to_string(),
                survey_title: title,
                batches,
                notice,
                problem: problem_text,
            },
        ),
    )
}

pub async fn list(
    State(state): State<AppState>,
    staff: Staff,
    Path(slug): Path<String>,
    Query(done): Query<Done>,
) -> Response {
    let t = staff.locale.console();
    let notice = match done.done.as_str() {
        "created" => Some(t.invitation_batch_created.to_string()),
        "revoked" => Some(t.invitation_batch_revoked.to_string()),
        _ => None,
    };
    batches_page(&state, &staff, &slug, StatusCode::OK, notice, None).await
}

pub async fn create(
    State(state): State<AppState>,
    staff: Staff,
    Path(slug): Path<String>,
    request: Request,
) -> Response {
    let fields = read_fields(request.into_body()).await;
    let new = NewInvitationBatch {
        name: fields.get("name"),
        size: fields.get("size"),
    };
    match invitations::create(&state.db, &staff.principal.actor, &slug, new).await {
        Ok(_) => see_other(&format!("/console/surveys/{slug}/invitations?done=created")),
        Err(AuthoringError::NotFound) => problem(staff.locale, ProblemPage::NotFound),
        Err(AuthoringError::Invalid(problems)) => {
            let t = staff.locale.console();
            let text = problems_line(staff.locale, &problems, |field| match field {
                "name" => t.batch_name,
                _ => t.invitation_batch_size,
            });
            batches_page(
                &state,
                &staff,
                &slug,
                StatusCode::UNPROCESSABLE_ENTITY,
                None,
                Some(text),
            )
            .await
        }
        Err(error) => unavailable(staff.locale, &error),
    }
}

pub async fn revoke(
    State(state): State<AppState>,
    staff: Staff,
    Path((slug, id)): Path<(String, String)>,
) -> Response {
    match invitations::revoke(&state.db, &staff.principal.actor, &slug, &id).await {
        Ok(()) => see_other(&format!("/console/surveys/{slug}/invitations?done=revoked")),
        Err(AuthoringError::NotFound) => problem(staff.locale, ProblemPage::NotFound),
        Err(error) => unavailable(staff.locale, &error),
    }
}

pub async fn links_csv_file(
    State(state): State<AppState>,
    staff: Staff,
    Path((slug, id)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    let (survey, _) = match survey_with_title(&state.db, &staff, &slug).await {
        Ok(found) => found,
        Err(answer) => return answer,
    };
    match batch_links(&state, &headers, &survey.id, &slug, &id).await {
        Ok(Some((batch, links))) => csv_download(&slug, &batch, &links),
        Ok(None) => problem(staff.locale, ProblemPage::NotFound),
        Err(error) => unavailable(staff.locale, &error),
    }
}

/// `?page=N` (from 1) of a batch's cards.
#[derive(Deserialize, Default)]
pub struct CardsQuery {
    #[serde(default)]
    page: String,
}

pub async fn cards(
    State(state): State<AppState>,
    staff: Staff,
    Path((slug, id)): Path<(String, String)>,
    Query(query): Query<CardsQuery>,
    headers: HeaderMap,
) -> Response {
    let (survey, _) = match survey_with_title(&state.db, &staff, &slug).await {
        Ok(found) => found,
        Err(answer) => return answer,
    };
    let (batch, links) = match batch_links(&state, &headers, &survey.id, &slug, &id).await {
        Ok(Some(found)) => found,
        Ok(None) => return problem(staff.locale, ProblemPage::NotFound),
        Err(error) => return unavailable(staff.locale, &error),
    };
    // A withdrawn batch prints nothing: its cards would only lead to the "withdrawn" page.
    let unspent: Vec<_> = links
        .into_iter()
        .filter(|link| !link.spent && batch.revoked_at.is_none())
        .collect();
    let pages = unspent.len().div_ceil(CARDS_PER_PAGE).max(1);
    let page = query.page.parse::<usize>().unwrap_or(1).clamp(1, pages);
    let on_page = unspent
        .iter()
        .skip((page - 1) * CARDS_PER_PAGE)
        .take(CARDS_PER_PAGE);
    let mut cards = Vec::with_capacity(CARDS_PER_PAGE);
    for link in on_page {
        let Some(svg) = qr_svg(&link.link) else {
            return unavailable(
                staff.locale,
                &"an invitation link is too long for a QR code",
            );
        };
        cards.push(InvitationCard {
            number: link.number,
            code: link.code.clone(),
            qr_svg: svg,
        });
    }
    let here = format!("/console/surveys/{slug}/invitations/{id}/cards");
    let sheet = InvitationCards {
        survey_title: survey.definition.title,
        batch_name: batch.name.clone(),
        from: cards.first().map_or(0, |c| c.number),
        to: cards.last().map_or(0, |c| c.number),
        size: batch.size,
        cards,
        previous: (page > 1).then(|| format!("{here}?page={}", page - 1)),
        next: (page < pages).then(|| format!("{here}?page={}", page + 1)),
    };
    html(
        StatusCode::OK,
        render_invitation_cards(staff.locale, &staff.principal, &staff.here, sheet),
    )
}
