//! Serializable domain types shared by the server and the browser (no database row types here).

mod survey;

pub use survey::{SectorSurveys, SurveyStatus, SurveySummary};
