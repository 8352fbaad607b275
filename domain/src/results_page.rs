//! What the public results pages render from: a survey's snapshot (`/r/{slug}[/{n}]`) and a
//! sector's published waves (`/sectors/{sector}`).

use serde::{Deserialize, Serialize};

use super::ledger::Ledger;
use super::results::SurveyResults;

/// One snapshot of a published survey, with what a reader needs to cite and check it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublishedResults {
    /// The survey's slug (the results carry it too; kept here for links).
    pub slug: String,
    pub number: i64,
    /// The council's calendar date of publication.
    pub published_on: String,
    pub method_version: String,
    /// Hex SHA-256 of the counted responses.
    pub data_hash: String,
    pub changelog: String,
    /// The number of the survey's newest snapshot (equal to `number` on the latest page).
    pub latest: i64,
    pub results: SurveyResults,
    pub ledger: Ledger,
    /// Every snapshot of the survey, newest first.
    pub snapshots: Vec<SnapshotEntry>,
}

/// A snapshot in the list of all of a survey's snapshots.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SnapshotEntry {
    pub number: i64,
    pub published_on: String,
    pub responses: i64,
    /// Empty for the first publication.
    pub changelog: String,
}

/// A sector and its published waves, newest first (never empty).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SectorWaves {
    pub sector: String,
    pub name_zh: String,
    pub name_en: String,
    pub waves: Vec<PublishedWave>,
}

/// A sector's latest published ranking, as the home page and the rankings index list it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SectorRanking {
    pub sector: String,
    pub name_zh: String,
    pub name_en: String,
    /// The sector's latest published wave.
    pub wave: PublishedWave,
    /// The subjects of the first tier, best first: (zh, en) names.
    pub leaders: Vec<(String, String)>,
}

/// A published survey of a sector, as its latest snapshot has it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PublishedWave {
    pub slug: String,
    pub title_zh: String,
    pub title_en: String,
    /// The council's calendar date of the first publication.
    pub published_on: String,
    /// Counted responses in the latest snapshot.
    pub responses: i64,
}
