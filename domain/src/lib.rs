//! Serializable domain types shared by the server and the browser (no database row types here):
//! no Leptos, no HTTP, no database, so the browser bundle and the back end both build on it.

pub mod answers;
pub mod calculator;
mod channel;
pub mod fieldwork;
pub mod ledger;
mod locale;
pub mod my_answers;
pub mod preview;
mod public_survey;
mod quality;
pub mod results;
pub mod results_page;
mod role;
mod survey;
pub mod survey_form;
pub mod survey_page;
pub mod themes;
pub mod verify;

pub use channel::Channel;
pub use locale::{Locale, LANG_COOKIE};
pub use public_survey::{DistrictRef, PublicSurvey, SectorRef, SubjectRef};
pub use quality::{ExclusionReason, Flag};
pub use role::Role;
pub use survey::{SectorSurveys, SurveyStatus, SurveySummary};
