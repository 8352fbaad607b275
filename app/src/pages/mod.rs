//! One module per page.

mod home;
mod not_found;
mod nps_calculator;

pub use home::HomePage;
pub use not_found::NotFound;
pub use nps_calculator::NpsCalculatorPage;
