//! What people say (server only): each sector's theme lexicon, a survey's counted reasons read
//! against it (redacted, tagged, keywords), the quotes staff pick, and what a snapshot freezes.

pub mod freeze;
pub mod lexicon;
pub mod quotes;
pub mod reading;

pub use lexicon::Theme;
pub use quotes::QuoteRefusal;
pub use reading::{ReadReason, SubjectReading, SurveyReading};
