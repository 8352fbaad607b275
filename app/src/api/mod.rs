//! Server functions: thin wrappers that fetch the database from context, call the plain
//! `db` functions and map their errors. The REST API calls the same plain functions.

mod preview;
mod results_page;
mod survey_page;
mod surveys;

pub use preview::load_preview_page;
pub use results_page::{load_latest_rankings, load_results_page, load_sector_page};
pub use survey_page::{load_survey_page, load_thanks, submit_survey};
pub use surveys::list_open_surveys;
