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

use axum::http::Method;
use axum::routing::get;

pub use page::height_script_source;

use crate::route_table::Route;

/// Paths that other sites may frame.
pub const FRAMEABLE_PREFIX: &str = "/embed/";

pub fn routes() -> Vec<Route> {
    vec![
        Route::new(Method::GET, "/embed.js", get(script::serve)),
        Route::new(Method::GET, "/embed/{slug}", get(ranking::show)),
        Route::new(Method::GET, "/embed/{slug}/{subject}", get(subject::show)),
        Route::new(Method::GET, "/badge/{slug}/{file}", get(badge::show)),
        Route::new(Method::GET, "/oembed", get(oembed::show)),
    ]
}
