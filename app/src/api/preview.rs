//! The server function of a brand's preview page (`/preview/{token}`).

use leptos::prelude::*;

use domain::preview::PreviewPage;

/// What the preview link `token` shows now; `None` (404) for an unknown or revoked link, 410
/// for an expired one. Never cached, never indexed: the address is the secret.
#[server(prefix = "/fn", endpoint = "preview-page")]
pub async fn load_preview_page(token: String) -> Result<Option<PreviewPage>, ServerFnError> {
    private_page();
    let db = crate::request_context::database_from_context()?;
    let now = time::OffsetDateTime::now_utc();
    let page = koubei_core::authoring::preview_page::preview_page(&db, &token, now)
        .await
        .map_err(|error| {
            tracing::error!(error = %error, "preview page query failed");
            ServerFnError::new("the preview is unavailable right now")
        })?;
    match &page {
        None => super::survey_page::set_status(404),
        Some(PreviewPage::Expired) => super::survey_page::set_status(410),
        Some(_) => {}
    }
    Ok(page)
}

#[cfg(feature = "ssr")]
fn private_page() {
    use http::header::{HeaderName, HeaderValue, CACHE_CONTROL};
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.insert_header(CACHE_CONTROL, HeaderValue::from_static("no-store"));
        response.insert_header(
            HeaderName::from_static("x-robots-tag"),
            HeaderValue::from_static("noindex, nofollow"),
        );
    }
}
