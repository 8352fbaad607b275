//! The published ranking charts of Koubei, drawn on the server from plain data: a ranking with
//! intervals and tiers, the promoter/passive/detractor distribution, and a sector's trend across
//! waves. Every chart is an SVG document (plotters' SVG backend); [`svg_to_png`] rasterises one
//! with the same fonts. No web, database or UI dependency: the caller passes numbers and words
//! (zh-CN or en) and serves the result.
//!
//! ```
//! use koubei_charts::{ranking_svg, svg_to_png, Ranked, RankingLabels, RankingRow, Size, Theme};
//!
//! let rows = vec![
//!     RankingRow { name: "康乐养老".into(), n: 412, result: Some(Ranked { nps: 42.0, ci_low: 35.1, ci_high: 48.6, tier: 1 }) },
//!     RankingRow { name: "A&B <Dental>".into(), n: 12, result: None },
//! ];
//! let labels = RankingLabels {
//!     title: "养老机构口碑排名".into(),
//!     subtitle: "2026 · 95% 置信区间".into(),
//!     axis: "净推荐值（NPS）".into(),
//!     tier: "第{n}梯队".into(),
//!     insufficient: "样本不足，未排名".into(),
//! };
//! let svg = ranking_svg(&rows, &labels, Size::auto_height(800), Theme::Light)?;
//! assert!(svg.contains("A&amp;B &lt;Dental&gt;"));
//! # Ok::<(), koubei_charts::ChartError>(())
//! ```

mod axis;
mod canvas;
mod distribution;
mod error;
mod header;
mod png;
mod ranking;
mod size;
mod theme;
mod trend;

pub use distribution::{distribution_svg, DistributionLabels, DistributionRow};
pub use error::ChartError;
pub use png::{preload_fonts, svg_to_png, FONT_DIR_ENV};
pub use ranking::{ranking_svg, Ranked, RankingLabels, RankingRow};
pub use size::{Size, HEIGHT_RANGE, WIDTH_RANGE};
pub use theme::Theme;
pub use trend::{trend_svg, TrendLabels, TrendPoint, TrendSeries};
