//! What a chart request asks for: which chart and format (from the file name), size, theme,
//! language and snapshot — checked, with a 400 naming the field for anything out of range.

use app::i18n::Locale;
use axum::http::{HeaderMap, StatusCode};
use koubei_charts::{Size, Theme, HEIGHT_RANGE, WIDTH_RANGE};
use serde::Deserialize;
use sha2::{Digest, Sha256};

use super::messages::messages;
use crate::api::ApiError;

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ChartQuery {
    width: Option<String>,
    height: Option<String>,
    theme: Option<String>,
    lang: Option<String>,
    snapshot: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChartFile {
    Ranking,
    Distribution,
    Trend,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Svg,
    Png,
}

pub struct ChartRequest {
    pub file: ChartFile,
    pub format: Format,
    pub size: Size,
    pub theme: Theme,
    pub locale: Locale,
    pub snapshot: Option<i64>,
    /// The query as given, for the ETag.
    fingerprint: String,
}

/// Charts are 800 px wide unless asked otherwise: sharp in a report, light on a phone.
const DEFAULT_WIDTH: u32 = 800;

fn bad(locale: Locale, field: &'static str) -> ApiError {
    ApiError {
        status: StatusCode::BAD_REQUEST,
        code: "invalid_field",
        message: {
            let words = messages(locale);
            match field {
                "width" => (words.width_range)(WIDTH_RANGE.0, WIDTH_RANGE.1),
                "height" => (words.height_range)(HEIGHT_RANGE.0, HEIGHT_RANGE.1),
                "theme" => words.theme_values.to_string(),
                "lang" => words.lang_values.to_string(),
                _ => words.snapshot_number.to_string(),
            }
        },
        field: Some(field),
    }
}

fn not_found(locale: Locale) -> ApiError {
    ApiError {
        status: StatusCode::NOT_FOUND,
        code: "not_found",
        message: messages(locale).no_such_chart.to_string(),
        field: None,
    }
}

impl ChartRequest {
    pub fn parse(
        file: &str,
        query: &ChartQuery,
        headers: &HeaderMap,
    ) -> Result<ChartRequest, ApiError> {
        let given = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_string)
        };
        let locale = match given(&query.lang) {
            Some(tag) => Locale::ALL
                .into_iter()
                .find(|l| l.tag().eq_ignore_ascii_case(&tag))
                .ok_or_else(|| bad(app::i18n::request_locale(headers), "lang"))?,
            None => app::i18n::request_locale(headers),
        };
        let (file, format) = match file {
            "ranking.svg" => (ChartFile::Ranking, Format::Svg),
            "ranking.png" => (ChartFile::Ranking, Format::Png),
            "distribution.svg" => (ChartFile::Distribution, Format::Svg),
            "distribution.png" => (ChartFile::Distribution, Format::Png),
            "trend.svg" => (ChartFile::Trend, Format::Svg),
            "trend.png" => (ChartFile::Trend, Format::Png),
            _ => return Err(not_found(locale)),
        };
        let width = match given(&query.width) {
            Some(w) => w
                .parse::<u32>()
                .ok()
                .filter(|w| (WIDTH_RANGE.0..=WIDTH_RANGE.1).contains(w))
                .ok_or_else(|| bad(locale, "width"))?,
            None => DEFAULT_WIDTH,
        };
        let height = given(&query.height)
            .map(|h| {
                h.parse::<u32>()
                    .ok()
                    .filter(|h| (HEIGHT_RANGE.0..=HEIGHT_RANGE.1).contains(h))
                    .ok_or_else(|| bad(locale, "height"))
            })
            .transpose()?;
        let theme = match given(&query.theme) {
            Some(t) => t.parse::<Theme>().map_err(|_| bad(locale, "theme"))?,
            None => Theme::Light,
        };
        let snapshot = given(&query.snapshot)
            .map(|n| {
                n.parse::<i64>()
                    .ok()
                    .filter(|n| *n >= 1)
                    .ok_or_else(|| bad(locale, "snapshot"))
            })
            .transpose()?;
        Ok(ChartRequest {
            file,
            format,
            size: Size { width, height },
            theme,
            locale,
            snapshot,
            fingerprint: format!(
                "{file:?}.{format:?}.{width}.{height:?}.{theme:?}.{}",
                locale.tag()
            ),
        })
    }

    /// An entity tag for this chart of this data version.
    pub fn etag(&self, version: &str) -> String {
        let digest = Sha256::digest(format!("{version}|{}", self.fingerprint).as_bytes());
        hex_prefix(&digest)
    }
}

fn hex_prefix(bytes: &[u8]) -> String {
    bytes.iter().take(12).map(|b| format!("{b:02x}")).collect()
}
