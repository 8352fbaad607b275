//! Pieces shared by several pages.

mod filter_box;
mod share_card;
mod site_header;

pub use filter_box::{FilterBox, FilterText};
pub use share_card::ShareCard;
pub use site_header::SiteHeader;
