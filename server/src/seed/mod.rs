//! `koubei seed-demo`: the demo sectors, subjects, open surveys and synthetic responses.

mod catalog;
mod generator;
mod writer;

use app::db::{Database, DatabaseError};
use time::OffsetDateTime;

pub use catalog::SECTORS;
pub use writer::SectorOutcome;

/// What seeding did, per sector slug.
#[derive(Debug)]
pub struct SeedReport {
    pub sectors: Vec<(&'static str, SectorOutcome)>,
    /// Set when `only_if_empty` found existing data and nothing was written.
    pub skipped_non_empty: bool,
}

/// Seeds every demo sector that is not there yet. With `only_if_empty`, a database that has
/// any sector at all (demo or real) is left untouched.
pub async fn seed_demo(db: &Database, only_if_empty: bool) -> Result<SeedReport, DatabaseError> {
    if only_if_empty {
        let (sectors,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM sectors")
            .fetch_one(db.pool())
            .await?;
        if sectors > 0 {
            return Ok(SeedReport {
                sectors: Vec::new(),
                skipped_non_empty: true,
            });
        }
    }
    let now = OffsetDateTime::now_utc();
    let mut report = Vec::with_capacity(SECTORS.len());
    for (position, sector) in SECTORS.iter().enumerate() {
        let outcome = writer::seed_sector(db, sector, position as i64, now).await?;
        report.push((sector.slug, outcome));
    }
    Ok(SeedReport {
        sectors: report,
        skipped_non_empty: false,
    })
}
