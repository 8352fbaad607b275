//! Server functions: thin wrappers that fetch the database from context, call the plain
//! `db` functions and map their errors. The REST API calls the same plain functions.

mod survey_page;
mod surveys;

pub use survey_page::{load_survey_page, load_thanks, submit_survey};
pub use surveys::list_open_surveys;
