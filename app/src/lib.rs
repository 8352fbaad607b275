//! Koubei's Leptos application, shared by the server (feature `ssr`) and the browser bundle
//! (feature `hydrate`).

pub mod api;
#[cfg(feature = "ssr")]
pub mod authoring;
pub mod components;
#[cfg(feature = "ssr")]
pub mod console;
#[cfg(feature = "ssr")]
pub mod cookies;
#[cfg(feature = "ssr")]
pub mod db;
pub mod domain;
#[cfg(feature = "ssr")]
pub mod exports;
pub mod format;
pub mod i18n;
#[cfg(feature = "ssr")]
pub mod integrity;
pub mod markup;
#[cfg(feature = "ssr")]
pub mod moderation;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod results;
mod shell;
#[cfg(feature = "ssr")]
pub mod staff;
#[cfg(feature = "ssr")]
pub mod submission;

pub use shell::{shell, App};
