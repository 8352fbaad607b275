//! Reading consumers' reasons on our own machine (no text leaves it): personal data redacted
//! first, then Chinese segmented with jieba-rs and English split into words, each reason tagged
//! with the themes of its sector's lexicon, keywords per subject by TF-IDF against the rest of
//! the sector, and a theme table per subject. Deterministic: the same reasons and lexicon give
//! the same output, byte for byte, whatever the hash seeds.

pub mod keywords;
pub mod normalize;
pub mod redact;
pub mod segment;
pub mod table;
pub mod themes;

pub use keywords::{keywords, Document, Keyword};
pub use redact::{redact, Redacted, MARKER_EN, MARKER_ZH};
pub use table::{tables, ByGroup, Distinctive, SubjectTable, TaggedReason, ThemeTally};
pub use themes::{Reader, Reading, ThemeWords};
