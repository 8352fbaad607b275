//! An invitation batch's links, as the console and the staff API hand them out: each
//! invitation's code and full link, and the CSV of them for a mail merge or a print shop.

use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use koubei_core::authoring::invitations::{self, InvitationBatch, PrintedInvitation};
use koubei_core::db::DatabaseError;
use koubei_core::exports::{invitations_table, render, ExportFormat};
use serde::Serialize;

use crate::app_state::AppState;
use crate::public_url::{invitation_url, survey_url};

/// One invitation with the link that opens the survey through it.
#[derive(Clone, Debug, Serialize)]
pub struct InvitationLink {
    pub number: i64,
    pub code: String,
    pub link: String,
    pub spent: bool,
}

/// A batch of the survey (`survey_id`, slug `slug`) with every invitation's link; `None` when
/// the survey has no such batch.
pub async fn batch_links(
    state: &AppState,
    headers: &HeaderMap,
    survey_id: &str,
    slug: &str,
    batch_id: &str,
) -> Result<Option<(InvitationBatch, Vec<InvitationLink>)>, DatabaseError> {
    let Some(batch) = invitations::one(&state.db, survey_id, batch_id).await? else {
        return Ok(None);
    };
    let base = survey_url(state, headers, slug);
    let links = invitations::invitations(&state.db, state.submissions.secret(), &batch)
        .await?
        .into_iter()
        .map(
            |PrintedInvitation {
                 number,
                 code,
                 spent,
             }| InvitationLink {
                link: invitation_url(&base, &code),
                number,
                code,
                spent,
            },
        )
        .collect();
    Ok(Some((batch, links)))
}

/// The CSV of a batch's links: number, code, link, and whether it is spent (`yes`/`no`).
fn links_csv(links: &[InvitationLink]) -> Vec<u8> {
    let table = invitations_table(links.iter().map(|invitation| {
        (
            invitation.number,
            invitation.code.as_str(),
            invitation.link.as_str(),
            invitation.spent,
        )
    }));
    // Writing to memory cannot fail; an empty file would be the only outcome if it did.
    render(&table, ExportFormat::Csv, "invitations").unwrap_or_default()
}

/// The download of a batch's links as CSV, named by the survey and the batch's code (which staff
/// also see on the console); never cached, for the codes are verified answers.
pub fn csv_download(slug: &str, batch: &InvitationBatch, links: &[InvitationLink]) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!(
                    "attachment; filename=\"{slug}-invitations-{}.csv\"",
                    batch.code
                ),
            ),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        links_csv(links),
    )
        .into_response()
}
