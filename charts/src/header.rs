//! The title and subtitle every chart opens with, wrapped to the chart's width.

use crate::canvas::{wrap_text, Align, Canvas, Font};
use crate::theme::Palette;
use crate::ChartError;

const TITLE_LINES: usize = 2;
const SUBTITLE_LINES: usize = 3;

/// A laid-out heading. An empty title or subtitle still takes its line, so charts of one kind
/// line up whatever their words.
pub(crate) struct Header {
    title: Vec<String>,
    subtitle: Vec<String>,
    title_font: Font,
    subtitle_font: Font,
    left: f64,
    top: f64,
}

impl Header {
    pub(crate) fn new(title: &str, subtitle: &str, scale: f64, left: f64, width: f64) -> Header {
        let title_font = Font::bold(20.0 * scale);
        let subtitle_font = Font::regular(13.0 * scale);
        Header {
            title: wrap_text(title, title_font, width, TITLE_LINES),
            subtitle: wrap_text(subtitle, subtitle_font, width, SUBTITLE_LINES),
            title_font,
            subtitle_font,
            left,
            top: left,
        }
    }

    fn title_line(&self) -> f64 {
        self.title_font.px * 1.3
    }

    fn subtitle_line(&self) -> f64 {
        self.subtitle_font.px * 1.5
    }

    /// Where the content below the heading starts.
    pub(crate) fn bottom(&self) -> f64 {
        self.top
            + self.title_line() * self.title.len().max(1) as f64
            + 4.0 / 20.0 * self.title_font.px
            + self.subtitle_line() * self.subtitle.len().max(1) as f64
    }

    pub(crate) fn draw(&self, canvas: &Canvas<'_>, palette: &Palette) -> Result<(), ChartError> {
        let mut y = self.top + self.title_line() / 2.0;
        for line in &self.title {
            canvas.text(
                line,
                self.left,
                y,
                self.title_font,
                palette.text,
                Align::Start,
            )?;
            y += self.title_line();
        }
        y = self.top
            + self.title_line() * self.title.len().max(1) as f64
            + 4.0 / 20.0 * self.title_font.px
            + self.subtitle_line() / 2.0;
        for line in &self.subtitle {
            canvas.text(
                line,
                self.left,
                y,
                self.subtitle_font,
                palette.muted,
                Align::Start,
            )?;
            y += self.subtitle_line();
        }
        Ok(())
    }
}
