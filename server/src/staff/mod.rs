//! Staff access on the HTTP side: the route policy, the gate that enforces it, and the table of
//! staff routes.

mod gate;
pub mod policy;
pub mod routes;

pub use gate::{gate, same_origin, CONSOLE_FORM_LIMIT_BYTES, CSRF_FIELD, CSRF_HEADER};
