//! The public results pages: `/r/{slug}[/{snapshot}]` (one snapshot of a published survey) and
//! `/sectors/{sector}` (a sector's published waves). Server HTML only: no islands, no wasm.

mod charts;
mod downloads;
mod ledger;
mod loaded;
mod methodology;
mod page;
mod ranking;
mod sector;
mod snapshots;

pub use page::ResultsPage;
pub use sector::SectorPage;
