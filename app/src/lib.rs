//! Koubei's Leptos application, shared by the server (feature `ssr`) and the browser bundle
//! (feature `hydrate`): pages, components, islands, i18n and the shell; on the server also the
//! server functions and the console's views, over `koubei-core`.

pub mod api;
pub mod bundles;
pub mod components;
#[cfg(feature = "ssr")]
pub mod console;
pub mod format;
#[cfg(feature = "ssr")]
pub mod http_request;
pub mod i18n;
pub mod large_mode;
pub mod markup;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod request_context;
mod shell;

pub use shell::{shell, App};
