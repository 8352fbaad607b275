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
mod rankings;
mod sector;
mod snapshots;

pub use page::ResultsPage;
pub use rankings::{RankingList, RankingsPage};
pub use sector::SectorPage;
