//! `POST /s/{slug}`: the survey form without JavaScript. Success redirects to the thank-you page
//! (post/redirect/get); a refusal renders the form again with the answers kept and the problems
//! next to their fields, under the refusal's status code.

use std::net::SocketAddr;

use app::shell;
use axum::body::Body;
use axum::extract::{ConnectInfo, Path, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use domain::survey_page::{PostedForm, Refusal, SubmitReply};
use koubei_core::submission::Submissions;
use leptos::prelude::provide_context;

use crate::app_state::AppState;
use crate::router::page_context;

/// Generous for forty subjects with 1,000-character reasons, percent-encoded.
const FORM_LIMIT_BYTES: usize = 512 * 1024;

pub async fn submit(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    request: Request,
) -> Response {
    let (parts, body) = request.into_parts();
    let bytes = match crate::form_body::read(&parts, body, FORM_LIMIT_BYTES).await {
        Ok(bytes) => bytes,
        Err(refusal) => return refusal,
    };
    let pairs: Vec<(String, String)> = form_urlencoded::parse(&bytes)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let facts = state.submissions.facts(
        &app::http_request::request_headers(&parts.headers),
        Some(peer.ip()),
    );
    let posted = match state
        .submissions
        .submit_form(&slug, pairs.clone(), &facts)
        .await
    {
        Ok(SubmitReply::Accepted {
            thanks_url,
            receipt,
        }) => {
            let mut response =
                (StatusCode::SEE_OTHER, [(header::LOCATION, thanks_url)]).into_response();
            if let Some(cookie) = Submissions::receipt_cookie(&slug, &receipt, &facts)
                .and_then(|c| HeaderValue::from_str(&c).ok())
            {
                response.headers_mut().append(header::SET_COOKIE, cookie);
            }
            if let Some(cookie) = state
                .submissions
                .cookie_for(&facts)
                .and_then(|c| HeaderValue::from_str(&c).ok())
            {
                response.headers_mut().append(header::SET_COOKIE, cookie);
            }
            return response;
        }
        Ok(SubmitReply::Refused(posted)) => posted,
        Err(error) => {
            tracing::error!(error = %error, survey = %slug, "storing a survey form failed");
            PostedForm {
                pairs,
                problems: Vec::new(),
                refusal: Some(Refusal::Unavailable),
                status: StatusCode::SERVICE_UNAVAILABLE.as_u16(),
            }
        }
    };
    let context = {
        let page = page_context(&state);
        move || {
            page();
            provide_context(posted.clone());
        }
    };
    let options = state.leptos_options.clone();
    let render =
        leptos_axum::render_app_async_with_context(context, move || shell(options.clone()));
    render(Request::from_parts(parts, Body::empty())).await
}
