//! Publication day: the public views of published results (pages, charts, widgets, badges,
//! results JSON/CSV, the home page and the rankings) rendered once and served from memory.
//!
//! A view is kept per address, host, language and large mode, already compressed (gzip and
//! Brotli) with an ETag, and answered with 304 when the reader holds it. Everything kept is
//! dropped when the public version changes — a snapshot written (publication, correction,
//! embargo release) or a change audited — which every instance on one database reads at most
//! once per check interval, and at once after a change made through this instance (its console or
//! staff API).

mod encoding;
mod layer;
mod store;

pub use layer::serve;
pub use store::PublishedCache;
