//! The staff console's HTTP handlers: load data, check input, call the same plain functions as
//! the staff API and the CLI, and render pages from `app::console`. Guarded by `staff::gate`.

use crate::staff::routes::StaffRoute;

pub fn routes() -> Vec<StaffRoute> {
    Vec::new()
}
