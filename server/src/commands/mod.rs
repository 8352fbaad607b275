//! The staff commands (`koubei admin|token|kiosk|invitation|survey|responses`): thin shells over the same `app`
//! functions the console and the staff API call, acting as the actor `cli`.

pub mod admin;
pub mod export;
pub mod integrity;
pub mod invitation;
pub mod kiosk;
pub mod operations;
mod output;
pub mod survey;
mod table;
pub mod token;
