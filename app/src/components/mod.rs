//! Pieces shared by several pages.

mod filter_box;
mod site_header;

pub use filter_box::{FilterBox, FilterText};
pub use site_header::SiteHeader;
