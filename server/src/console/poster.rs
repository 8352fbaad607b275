//! The survey's QR code and printable poster. The QR code points at the public survey page on
//! the host the staff member is using (behind a proxy: the forwarded scheme).

use app::authoring::surveys;
use app::console::{qr_svg, render_poster, Poster, ProblemPage};
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

use super::page::{html, problem, unavailable, Staff};
use crate::router::AppState;

/// The public survey URL as a respondent's phone will open it.
fn survey_url(state: &AppState, headers: &HeaderMap, slug: &str) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("localhost");
    let scheme = if state.served_over_https(headers) {
        "https"
    } else {
        "http"
    };
    format!("{scheme}://{host}/s/{slug}")
}

pub async fn qr(
    State(state): State<AppState>,
    staff: Staff,
    Path(slug): Path<String>,
    headers: HeaderMap,
) -> Response {
    match surveys::load(&state.db, &slug).await {
        Ok(Some(_)) => {}
        Ok(None) => return problem(staff.locale, ProblemPage::NotFound),
        Err(error) => return unavailable(staff.locale, &error),
    }
    match qr_svg(&survey_url(&state, &headers, &slug)) {
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
    headers: HeaderMap,
) -> Response {
    let survey = match surveys::load(&state.db, &slug).await {
        Ok(Some(survey)) => survey,
        Ok(None) => return problem(staff.locale, ProblemPage::NotFound),
        Err(error) => return unavailable(staff.locale, &error),
    };
    let url = survey_url(&state, &headers, &slug);
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
            },
        ),
    )
}
