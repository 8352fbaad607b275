//! Koubei's back end: the store, submissions and the response writer, survey authoring and
//! lifecycle, results and publication, moderation, the integrity scan, staff accounts and
//! exports. It knows no HTTP and no Leptos: the server's HTTP edge and the pages call it, and
//! turn its errors (`failure::Failure`) into statuses and words.

pub mod authoring;
pub mod db;
pub mod exports;
pub mod failure;
pub mod integrity;
pub mod moderation;
pub mod operations;
pub mod request;
pub mod results;
pub mod staff;
pub mod submission;
pub mod themes;
