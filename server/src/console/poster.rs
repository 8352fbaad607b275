//! The survey's QR code and printable poster. The QR code points at the public survey page on
//! the host the staff member is using (behind a proxy: the forwarded scheme).

use app::console::{qr_svg, render_poster, Poster, ProblemPage};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use koubei_core::authoring::poster_batches;
use koubei_core::authoring::surveys;
use serde::Deserialize;

use super::page::{html, problem, unavailable, Staff};
use crate::app_state::AppState;
use crate::public_url::survey_url;

/// `?batch=CODE`: the poster or QR code of one poster batch.
#[derive(Deserialize, Default)]
pub struct BatchQuery {
    #[serde(default)]
    batch: String,
}

/// The survey URL with the batch's channel code, and the batch's name; the plain URL when the
/// code names no batch of this survey.
async fn batch_url(
    state: &AppState,
    survey_id: &str,
    url: String,
    code: &str,
) -> Result<(String, Option<String>), koubei_core::db::DatabaseError> {
    if code.is_empty() {
        return Ok((url, None));
    }
    let batch = poster_batches::list(&state.db, survey_id)
        .await?
        .into_iter()
        .find(|b| b.code == code);
    Ok(match batch {
        Some(batch) => {
            let name = if batch.location.is_empty() {
                batch.name
            } else {
                format!("{} · {}", batch.name, batch.location)
            };
            (format!("{url}?c={}", batch.code), Some(name))
        }
        None => (url, None),
    })
}

pub async fn qr(
    State(state): State<AppState>,
    staff: Staff,
    Path(slug): Path<String>,
    Query(query): Query<BatchQuery>,
    headers: HeaderMap,
) -> Response {
    let survey = match surveys::load(&state.db, &slug).await {
        Ok(Some(survey)) => survey,
        Ok(None) => return problem(staff.locale, ProblemPage::NotFound),
        Err(error) => return unavailable(staff.locale, &error),
    };
    let url = survey_url(&state, &headers, &slug);
    let url = match batch_url(&state, &survey.id, url, &query.batch).await {
        Ok((url, _)) => url,
        Err(error) => return unavailable(staff.locale, &error),
    };
    match qr_svg(&url) {
        Some(svg) => (
            StatusCode::OK,
            [
                (header::CONTENT_TYPE, "image/svg+xml".to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("inline; filename=\"{slug}-qr.svg\""),
                ),
            ],
            svg,
        )
            .into_response(),
        None => unavailable(staff.locale, &"the survey URL is too long for a QR code"),
    }
}

pub async fn poster(
    State(state): State<AppState>,
    staff: Staff,
    Path(slug): Path<String>,
    Query(query): Query<BatchQuery>,
    headers: HeaderMap,
) -> Response {
    let survey = match surveys::load(&state.db, &slug).await {
        Ok(Some(survey)) => survey,
        Ok(None) => return problem(staff.locale, ProblemPage::NotFound),
        Err(error) => return unavailable(staff.locale, &error),
    };
    let url = survey_url(&state, &headers, &slug);
    let (url, batch) = match batch_url(&state, &survey.id, url, &query.batch).await {
        Ok(found) => found,
        Err(error) => return unavailable(staff.locale, &error),
    };
    let Some(svg) = qr_svg(&url) else {
        return unavailable(staff.locale, &"the survey URL is too long for a QR code");
    };
    html(
        StatusCode::OK,
        render_poster(
            staff.locale,
            &staff.principal,
            &staff.here,
            Poster {
                title: survey.definition.title,
                intro: survey.definition.intro,
                url,
                qr_svg: svg,
                batch,
            },
        ),
    )
}
