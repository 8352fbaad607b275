//! The staff JSON API under `/api/v1/staff` (Bearer tokens, or a console session with the
//! `X-CSRF-Token` header for changes). Guarded by `staff::gate`; same code paths as the console.

use crate::staff::routes::StaffRoute;

pub fn routes() -> Vec<StaffRoute> {
    Vec::new()
}
