//! Server functions of the public results pages. Both set HTTP 404 during server rendering
//! when there is nothing published to show.

use leptos::prelude::*;

use domain::results_page::{PublishedResults, SectorRanking, SectorWaves};

/// `/r/{slug}[/{snapshot}]`: a published survey's snapshot (the latest without a number).
/// `None` (404) for an unknown or unpublished survey, or a snapshot number that does not exist
/// or is not a number.
#[server(prefix = "/fn", endpoint = "results-page")]
pub async fn load_results_page(
    slug: String,
    snapshot: Option<String>,
) -> Result<Option<PublishedResults>, ServerFnError> {
    let number = match snapshot.as_deref() {
        None => None,
        Some(text) => match text.parse::<i64>() {
            Ok(n) if n >= 1 && text.bytes().all(|b| b.is_ascii_digit()) => Some(n),
            _ => {
                super::survey_page::set_status(404);
                return Ok(None);
            }
        },
    };
    let db = crate::request_context::database_from_context()?;
    let found = koubei_core::results::public::published_results(&db, &slug, number)
        .await
        .map_err(unavailable)?;
    if found.is_none() {
        super::survey_page::set_status(404);
    }
    Ok(found)
}

/// `/sectors/{sector}`: the sector's published waves; `None` (404) for an unknown sector or
/// one with nothing published.
#[server(prefix = "/fn", endpoint = "sector-page")]
pub async fn load_sector_page(sector: String) -> Result<Option<SectorWaves>, ServerFnError> {
    let db = crate::request_context::database_from_context()?;
    let found = koubei_core::results::public::published_waves(&db, &sector)
        .await
        .map_err(unavailable)?;
    if found.is_none() {
        super::survey_page::set_status(404);
    }
    Ok(found)
}

/// Every sector's latest published ranking: the home page and `/sectors`.
#[server(prefix = "/fn", endpoint = "latest-rankings")]
pub async fn load_latest_rankings() -> Result<Vec<SectorRanking>, ServerFnError> {
    let db = crate::request_context::database_from_context()?;
    koubei_core::results::public::latest_rankings(&db)
        .await
        .map_err(unavailable)
}

#[cfg(feature = "ssr")]
fn unavailable(error: koubei_core::results::ResultsError) -> ServerFnError {
    tracing::error!(error = %error, "results page query failed");
    crate::request_context::answer_not_for_keeping();
    ServerFnError::new("the results are unavailable right now")
}
