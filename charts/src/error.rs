//! What can go wrong when drawing a chart, with the HTTP status the server answers with.

/// A chart that cannot be drawn. Size errors are the requester's (400); the rest are the
/// server's (500): bad data from the caller, missing fonts, rasterising failures.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ChartError {
    #[error("width must be {min}–{max} pixels, got {got}")]
    Width { got: u32, min: u32, max: u32 },
    #[error("height must be {min}–{max} pixels, got {got}")]
    Height { got: u32, min: u32, max: u32 },
    #[error("a height of {height} pixels leaves too little room for {rows} rows; ask for a larger height or none (automatic)")]
    Crowded { height: u32, rows: usize },
    #[error("invalid chart data: {0}")]
    Data(String),
    #[error("no installed font can draw {chars:?}; install a CJK font (Debian: fonts-noto-cjk) or put one in the directory named by KOUBEI_FONT_DIR")]
    MissingGlyphs { chars: String },
    #[error("no fonts were found for the chart's text; install fonts-noto-cjk or put fonts in the directory named by KOUBEI_FONT_DIR")]
    NoFonts,
    #[error("failed to draw the chart: {0}")]
    Draw(String),
    #[error("failed to read the SVG to rasterise it: {0}")]
    Svg(String),
    #[error("failed to encode the PNG: {0}")]
    Png(String),
}

impl ChartError {
    /// 400 for a size the requester asked for, 500 for everything else.
    pub fn status_code(&self) -> u16 {
        match self {
            ChartError::Width { .. } | ChartError::Height { .. } | ChartError::Crowded { .. } => {
                400
            }
            ChartError::Data(_)
            | ChartError::MissingGlyphs { .. }
            | ChartError::NoFonts
            | ChartError::Draw(_)
            | ChartError::Svg(_)
            | ChartError::Png(_) => 500,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn size_errors_are_the_requesters_and_the_rest_the_servers() {
        let width = ChartError::Width {
            got: 10,
            min: 320,
            max: 2400,
        };
        assert_eq!(width.status_code(), 400);
        assert_eq!(width.to_string(), "width must be 320–2400 pixels, got 10");
        assert_eq!(
            ChartError::Crowded {
                height: 200,
                rows: 80
            }
            .status_code(),
            400
        );
        assert_eq!(ChartError::Data("x".into()).status_code(), 500);
        let fonts = ChartError::MissingGlyphs {
            chars: "中".into()
        };
        assert_eq!(fonts.status_code(), 500);
        assert!(fonts.to_string().contains("KOUBEI_FONT_DIR"));
    }
}
