//! Staff access on the HTTP side: the route policy and the gate that enforces it.

mod gate;
pub mod policy;

pub use gate::{gate, same_origin, CSRF_FIELD, CSRF_HEADER};
