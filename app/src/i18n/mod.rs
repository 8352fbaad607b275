//! Every UI string goes through here: a typed catalog per locale, so a missing translation is a
//! compile error, and nothing to parse or download at run time (no extra wasm weight).

mod catalog;
mod en;
mod request;
mod zh_cn;

pub use catalog::{
    use_locale, use_messages, use_results_messages, Catalog, Messages, ResultsMessages,
};
pub use domain::{Locale, LANG_COOKIE};
pub use request::current_locale;
#[cfg(feature = "ssr")]
pub use request::request_locale;
