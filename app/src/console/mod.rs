//! The staff console's views (server only): whole pages rendered on the server from data the
//! handlers loaded, in zh-CN or en. No islands: staff work on desktops, and plain forms keep
//! every action working without JavaScript.

mod document;
mod layout;
mod messages;
mod problem;

pub use document::render_document;
pub use layout::{encode, CsrfField};
pub use messages::ConsoleMessages;
pub use problem::{render_problem_page, ProblemPage};
