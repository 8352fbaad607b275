//! Koubei's Leptos application, shared by the server (feature `ssr`) and the browser bundle
//! (feature `hydrate`).

pub mod api;
pub mod components;
#[cfg(feature = "ssr")]
pub mod cookies;
#[cfg(feature = "ssr")]
pub mod db;
pub mod domain;
pub mod format;
pub mod i18n;
pub mod pages;
mod shell;
#[cfg(feature = "ssr")]
pub mod submission;

pub use shell::{shell, App};
