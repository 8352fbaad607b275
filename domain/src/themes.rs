//! What people say about a subject: the themes its reasons mention (per NPS group), its keywords
//! and the quotes staff picked, as frozen in a snapshot and shown on the public results page,
//! the results API and the staff console.

use serde::{Deserialize, Serialize};

/// The least number of a subject's reasons that must mention a theme before one of them may be
/// quoted under it: one voice is an anecdote, and a rare theme could point at the person.
pub const QUOTE_MIN_MENTIONS: u64 = 5;

/// The most quotes a subject shows.
pub const QUOTES_PER_SUBJECT: usize = 3;

/// Counts by NPS group.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupCounts {
    pub promoters: u64,
    pub passives: u64,
    pub detractors: u64,
}

impl GroupCounts {
    pub fn total(&self) -> u64 {
        self.promoters + self.passives + self.detractors
    }
}

/// One theme's mentions among a subject's counted reasons.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThemeCount {
    /// The theme's key in the sector's lexicon (`price`).
    pub theme: String,
    pub name_zh: String,
    pub name_en: String,
    /// Reasons mentioning it, in all and by group (a reason counts once per theme).
    pub mentions: u64,
    pub by_group: GroupCounts,
}

/// A theme this subject's reasons mention markedly more (or less) often than the rest of the
/// survey's subjects do (pooled two-proportion z-test, |z| ≥ 1.96).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DistinctiveTheme {
    pub theme: String,
    /// Its names (a theme mentioned less often may not be in the subject's table at all).
    pub name_zh: String,
    pub name_en: String,
    /// Share of this subject's reasons mentioning it, and of the other subjects' reasons.
    pub share: f64,
    pub rest_share: f64,
    pub z: f64,
}

/// A reason picked by staff, redacted, from a theme with enough mentions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    pub theme: String,
    pub text: String,
    /// `promoter`, `passive` or `detractor`: who said it.
    pub group: String,
    /// The language the reason was written in (`zh-CN`, `en`).
    pub lang: String,
}

/// A subject's themes, keywords and quotes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SubjectThemes {
    /// Counted answers with a reason, by group.
    pub reasons: GroupCounts,
    /// Themes mentioned at least once, most mentioned first.
    pub themes: Vec<ThemeCount>,
    /// Up to three themes that set the subject apart, strongest first.
    pub distinctive: Vec<DistinctiveTheme>,
    /// Words this subject's reasons use more than the rest's (TF-IDF), heaviest first. For
    /// staff only: empty (and left out) in snapshots.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keywords: Vec<String>,
    pub quotes: Vec<Quote>,
}

impl SubjectThemes {
    /// A theme's names, by key.
    pub fn theme(&self, key: &str) -> Option<&ThemeCount> {
        self.themes.iter().find(|t| t.theme == key)
    }
}
