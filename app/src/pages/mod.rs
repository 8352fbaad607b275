//! One module per page.

mod home;
mod my_answers;
mod not_found;
mod nps_calculator;
mod preview;
mod results;
mod survey;
mod verify;

pub use home::HomePage;
pub use my_answers::{MyAnswersMessages, MyAnswersPage};
pub use not_found::NotFound;
pub use nps_calculator::NpsCalculatorPage;
pub use preview::{PreviewMessages, PreviewPage, ReplyEcho, ReplyWords};
pub use results::{RankingList, RankingsPage, ReportPage, ResultsPage, SectorPage};
pub use survey::{SurveyPage, SurveyThanksPage};
pub use verify::{VerifyMessages, VerifyPage, PUBLIC_KEY_PATH};
