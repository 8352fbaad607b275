//! Serializable domain types shared by the server and the browser (no database row types here).

pub mod calculator;
mod survey;

pub use survey::{SectorSurveys, SurveyStatus, SurveySummary};
