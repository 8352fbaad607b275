//! Everything that touches the database (server only). One `Database` handle over sqlx's `Any`
//! driver serves SQLite and PostgreSQL with the same SQL and the same migrations.

mod connect;
mod guards;
mod ids;
mod migrate;
pub mod public_surveys;
pub mod public_version;
pub mod responses;
pub mod results;
pub mod surveys;
pub mod timestamp;

pub use connect::{Backend, Database, DatabaseError, DatabaseUrl};
pub use ids::new_id;
pub use migrate::{migrate, MigrationError, MIGRATOR};
