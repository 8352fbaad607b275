use leptos::prelude::*;

use domain::SectorSurveys;

/// The open surveys by sector, for the home page.
#[server(prefix = "/fn", endpoint = "open-surveys")]
pub async fn list_open_surveys() -> Result<Vec<SectorSurveys>, ServerFnError> {
    let db = crate::request_context::database_from_context()?;
    koubei_core::db::surveys::open_surveys_by_sector(&db)
        .await
        .map_err(|error| {
            tracing::error!(error = %error, "listing open surveys failed");
            crate::request_context::answer_not_for_keeping();
            ServerFnError::ServerError("the survey list is unavailable".to_string())
        })
}
