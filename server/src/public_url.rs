//! Public addresses as a respondent's phone will open them: on the host the staff member is
//! using, with the forwarded scheme behind our own proxy. Printed on posters and invitations.

use axum::http::{header, HeaderMap};

use crate::app_state::AppState;

/// `scheme://host` of the request.
pub fn origin(state: &AppState, headers: &HeaderMap) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("localhost");
    let scheme = if state.served_over_https(headers) {
        "https"
    } else {
        "http"
    };
    format!("{scheme}://{host}")
}

/// `scheme://host/s/{slug}`.
pub fn survey_url(state: &AppState, headers: &HeaderMap, slug: &str) -> String {
    format!("{}/s/{slug}", origin(state, headers))
}

/// `scheme://host/preview/{token}`: a brand's preview link, sent by the council's own channels.
pub fn preview_url(state: &AppState, headers: &HeaderMap, token: &str) -> String {
    format!("{}/preview/{token}", origin(state, headers))
}

/// The link of one invitation: the survey URL with its code.
pub fn invitation_url(survey_url: &str, code: &str) -> String {
    format!("{survey_url}?i={code}")
}

/// `scheme://host/verify/{token}`: where a badge's signed statement is checked.
pub fn verify_url(state: &AppState, headers: &HeaderMap, token: &str) -> String {
    format!("{}/verify/{token}", origin(state, headers))
}
