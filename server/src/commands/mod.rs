//! The staff commands (`koubei admin|token|survey|responses`): thin shells over the same `app`
//! functions the console and the staff API call, acting as the actor `cli`.

pub mod admin;
pub mod export;
mod output;
pub mod survey;
mod table;
pub mod token;
