//! Every UI string goes through here: a typed catalog per locale, so a missing translation is a
//! compile error, and nothing to parse or download at run time (no extra wasm weight).

mod catalog;
mod en;
mod locale;
mod zh_cn;

pub use catalog::{use_locale, use_messages, use_results_messages, Messages, ResultsMessages};
pub use locale::{Locale, LANG_COOKIE};
