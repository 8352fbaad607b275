//! `koubei seed-demo`: the demo sectors, subjects, open surveys and synthetic responses.

pub(crate) mod catalog;
mod generator;
mod themes;
mod writer;

use koubei_core::db::{Database, DatabaseError};
use time::OffsetDateTime;

pub use catalog::SECTORS;
pub use writer::SectorOutcome;

/// What seeding did, per sector slug.
#[derive(Debug)]
pub struct SeedReport {
    pub sectors: Vec<(&'static str, SectorOutcome)>,
    /// Set when `only_if_empty` found existing data and nothing was written.
    pub skipped_non_empty: bool,
    /// The demo admin's e-mail address, when one was created (the database had no staff).
    pub demo_admin: Option<&'static str>,
}

/// The demo's staff account, so the console can be tried right after `make run`. Created only
/// in a database without any staff account; the password is public, like the demo data.
pub const DEMO_ADMIN_EMAIL: &str = "admin@demo.koubei.org";
pub const DEMO_ADMIN_PASSWORD: &str = "koubei-demo-admin";

async fn seed_demo_admin(db: &Database) -> Result<Option<&'static str>, DatabaseError> {
    let (staff,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM staff_users")
        .fetch_one(db.pool())
        .await?;
    if staff > 0 {
        return Ok(None);
    }
    match koubei_core::staff::users::create(
        db,
        &koubei_core::staff::Actor::Cli,
        DEMO_ADMIN_EMAIL,
        DEMO_ADMIN_PASSWORD,
        domain::Role::Admin,
    )
    .await
    {
        Ok(_) | Err(koubei_core::staff::StaffError::EmailTaken) => Ok(Some(DEMO_ADMIN_EMAIL)),
        Err(koubei_core::staff::StaffError::Database(error)) => Err(error),
        Err(other) => Err(DatabaseError::Corrupt(other.to_string())),
    }
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
                demo_admin: None,
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
        demo_admin: seed_demo_admin(db).await?,
    })
}
