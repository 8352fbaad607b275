//! Server functions: thin wrappers that fetch the database from context, call the plain
//! `db` functions and map their errors. The REST API calls the same plain functions.

mod surveys;

pub use surveys::list_open_surveys;
