//! Serializable domain types shared by the server and the browser (no database row types here).

pub mod answers;
pub mod calculator;
mod channel;
pub mod ledger;
mod public_survey;
mod quality;
pub mod results;
pub mod results_page;
mod role;
mod survey;
pub mod survey_form;
pub mod survey_page;

pub use channel::Channel;
pub use public_survey::{DistrictRef, PublicSurvey, SectorRef, SubjectRef};
pub use quality::{ExclusionReason, Flag};
pub use role::Role;
pub use survey::{SectorSurveys, SurveyStatus, SurveySummary};
