//! Pieces shared by several pages.

mod site_header;

pub use site_header::SiteHeader;
