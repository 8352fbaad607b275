//! Embeddable views of published snapshots, for other sites: the ranking and score-card
//! iframes (`ranking.rs`, `subject.rs`), the loader script (`script.rs`), SVG badges
//! (`badge.rs`) and oEmbed (`oembed.rs`). Server-rendered, no wasm, no cookies.

mod badge;
mod messages;
mod oembed;
mod page;
mod published;
mod ranking;
mod script;
mod subject;

use axum::routing::get;
use axum::Router;

pub use page::height_script_source;

use crate::router::AppState;

/// Paths that other sites may frame.
pub const FRAMEABLE_PREFIX: &str = "/embed/";

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/embed.js", get(script::serve))
        .route("/embed/{slug}", get(ranking::show))
        .route("/embed/{slug}/{subject}", get(subject::show))
        .route("/badge/{slug}/{file}", get(badge::show))
        .route("/oembed", get(oembed::show))
}
