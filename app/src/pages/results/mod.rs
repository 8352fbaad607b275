//! The public results pages: `/r/{slug}[/{snapshot}]` (one snapshot of a published survey),
//! `/sectors/{sector}` (a sector's published waves) and `/sectors` (every sector's latest
//! ranking). Server HTML only: no islands, no wasm.

mod charts;
mod downloads;
mod ledger;
mod loaded;
mod methodology;
mod page;
mod ranking;
mod ranking_bars;
mod rankings;
mod replies;
mod report;
mod sector;
mod snapshots;
mod themes;
mod weighting;

pub use page::ResultsPage;
// A brand's preview page shows its own cut of a snapshot with the same parts.
pub(crate) use ledger::QualityLedger;
pub(crate) use loaded::LoadedPage;
pub(crate) use methodology::Methodology;
pub(crate) use ranking::{HeldBack, RankingTable, Totals};
pub use rankings::{RankingList, RankingsPage};
pub use report::ReportPage;
pub use sector::SectorPage;
pub(crate) use themes::WhatPeopleSay;
