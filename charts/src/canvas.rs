//! The drawing surface every chart uses: plotters' SVG backend in pixel coordinates, with text
//! helpers that know the CJK font list, estimate text widths (CJK glyphs are a full em wide) and
//! keep caller text safe.

use plotters::coord::Shift;
use plotters::element::{Circle, DashedPathElement, PathElement, Polygon, Rectangle, Text};
use plotters::prelude::SVGBackend;
use plotters::prelude::{DrawingArea, IntoDrawingArea};
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{Color, FontDesc, FontFamily, FontStyle, ShapeStyle, TextStyle};

use crate::theme::Rgb;
use crate::ChartError;

/// The font list of every text element: CJK fonts first (their Latin glyphs are fine), so the
/// same face draws Chinese and English on every platform that has one of them.
pub(crate) const FONT_FAMILY: &str =
    "'Noto Sans CJK SC', 'Noto Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif";

/// plotters' SVG backend writes `font-size` as the requested size divided by 1.24.
const PLOTTERS_FONT_FACTOR: f64 = 1.24;

type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;

/// Horizontal anchoring of a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Align {
    Start,
    Middle,
    End,
}

/// A font size and weight.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Font {
    pub px: f64,
    pub bold: bool,
}

impl Font {
    pub(crate) fn regular(px: f64) -> Self {
        Font { px, bold: false }
    }

    pub(crate) fn bold(px: f64) -> Self {
        Font { px, bold: true }
    }

    /// Estimated advance width of `text` in pixels (see [`text_width`]).
    pub(crate) fn width(self, text: &str) -> f64 {
        text_width(text, self.px) * if self.bold { 1.05 } else { 1.0 }
    }
}

/// A chart being drawn: plotters' drawing area over an SVG string, in pixels.
pub(crate) struct Canvas<'a> {
    area: Area<'a>,
}

fn draw_error(error: impl std::fmt::Display) -> ChartError {
    ChartError::Draw(error.to_string())
}

fn px(value: f64) -> i32 {
    value.round() as i32
}

impl Canvas<'_> {
    /// Draws a `width` × `height` chart with `paint` and returns the SVG document. `label` becomes
    /// the document's `<title>` for screen readers.
    pub(crate) fn svg(
        width: u32,
        height: u32,
        background: Rgb,
        label: &str,
        paint: impl FnOnce(&Canvas<'_>) -> Result<(), ChartError>,
    ) -> Result<String, ChartError> {
        let mut document = String::new();
        {
            let area = SVGBackend::with_string(&mut document, (width, height)).into_drawing_area();
            area.fill(&background.plot()).map_err(draw_error)?;
            let canvas = Canvas { area };
            paint(&canvas)?;
            canvas.area.present().map_err(draw_error)?;
        }
        Ok(with_title(tidy_font_sizes(&document), label))
    }

    pub(crate) fn rect(
        &self,
        x0: f64,
        y0: f64,
        x1: f64,
        y1: f64,
        fill: Rgb,
    ) -> Result<(), ChartError> {
        self.area
            .draw(&Rectangle::new(
                [(px(x0), px(y0)), (px(x1), px(y1))],
                fill.plot().filled(),
            ))
            .map_err(draw_error)
    }

    pub(crate) fn outline(
        &self,
        x0: f64,
        y0: f64,
        x1: f64,
        y1: f64,
        colour: Rgb,
        width: f64,
    ) -> Result<(), ChartError> {
        let style = ShapeStyle {
            color: colour.plot().to_rgba(),
            filled: false,
            stroke_width: stroke(width),
        };
        self.area
            .draw(&Rectangle::new([(px(x0), px(y0)), (px(x1), px(y1))], style))
            .map_err(draw_error)
    }

    pub(crate) fn line(
        &self,
        points: &[(f64, f64)],
        colour: Rgb,
        width: f64,
    ) -> Result<(), ChartError> {
        let points: Vec<(i32, i32)> = points.iter().map(|&(x, y)| (px(x), px(y))).collect();
        self.area
            .draw(&PathElement::new(
                points,
                colour.plot().stroke_width(stroke(width)),
            ))
            .map_err(draw_error)
    }

    pub(crate) fn dashed(
        &self,
        from: (f64, f64),
        to: (f64, f64),
        colour: Rgb,
        width: f64,
        dash: f64,
    ) -> Result<(), ChartError> {
        let points = [(px(from.0), px(from.1)), (px(to.0), px(to.1))];
        self.area
            .draw(&DashedPathElement::new(
                points,
                px(dash).max(1),
                px(dash).max(1),
                colour.plot().stroke_width(stroke(width)),
            ))
            .map_err(draw_error)
    }

    pub(crate) fn circle(&self, x: f64, y: f64, radius: f64, fill: Rgb) -> Result<(), ChartError> {
        self.area
            .draw(&Circle::new(
                (px(x), px(y)),
                px(radius).max(1),
                fill.plot().filled(),
            ))
            .map_err(draw_error)
    }

    pub(crate) fn ring(
        &self,
        x: f64,
        y: f64,
        radius: f64,
        colour: Rgb,
        width: f64,
    ) -> Result<(), ChartError> {
        self.area
            .draw(&Circle::new(
                (px(x), px(y)),
                px(radius).max(1),
                colour.plot().stroke_width(stroke(width)),
            ))
            .map_err(draw_error)
    }

    /// A filled polygon; `opacity` below 1 lets what is beneath show through.
    pub(crate) fn polygon(
        &self,
        points: &[(f64, f64)],
        fill: Rgb,
        opacity: f64,
    ) -> Result<(), ChartError> {
        let points: Vec<(i32, i32)> = points.iter().map(|&(x, y)| (px(x), px(y))).collect();
        self.area
            .draw(&Polygon::new(points, fill.plot().mix(opacity).filled()))
            .map_err(draw_error)
    }

    /// One line of caller text, vertically centred on `y`. Control characters become spaces;
    /// plotters escapes the rest for XML.
    pub(crate) fn text(
        &self,
        text: &str,
        x: f64,
        y: f64,
        font: Font,
        colour: Rgb,
        align: Align,
    ) -> Result<(), ChartError> {
        let text = clean(text);
        if text.trim().is_empty() {
            return Ok(());
        }
        let h = match align {
            Align::Start => HPos::Left,
            Align::Middle => HPos::Center,
            Align::End => HPos::Right,
        };
        let weight = if font.bold {
            FontStyle::Bold
        } else {
            FontStyle::Normal
        };
        let desc = FontDesc::new(
            FontFamily::Name(FONT_FAMILY),
            font.px * PLOTTERS_FONT_FACTOR,
            weight,
        );
        let ink = colour.plot();
        let style = TextStyle::from(desc)
            .color(&ink)
            .pos(Pos::new(h, VPos::Center));
        self.area
            .draw(&Text::new(text, (px(x), px(y)), style))
            .map_err(draw_error)
    }
}

fn stroke(width: f64) -> u32 {
    width.round().max(1.0) as u32
}

/// Caller text with control characters (invalid in XML, meaningless in a label) replaced.
pub(crate) fn clean(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// plotters writes font sizes as computed (`14.625000000000002`): round them to 0.01 px.
fn tidy_font_sizes(document: &str) -> String {
    const ATTRIBUTE: &str = "font-size=\"";
    let mut out = String::with_capacity(document.len());
    let mut rest = document;
    while let Some(start) = rest.find(ATTRIBUTE) {
        let value_start = start + ATTRIBUTE.len();
        out.push_str(&rest[..value_start]);
        rest = &rest[value_start..];
        let end = rest.find('"').unwrap_or(rest.len());
        match rest[..end].parse::<f64>() {
            Ok(size) => {
                let rounded = format!("{size:.2}");
                out.push_str(rounded.trim_end_matches('0').trim_end_matches('.'));
            }
            Err(_) => out.push_str(&rest[..end]),
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Inserts `<title>` (and `role="img"`) after the root element so the chart has an accessible
/// name; the title text is XML-escaped.
fn with_title(mut document: String, label: &str) -> String {
    let label = clean(label);
    if let Some(end) = document.find('>') {
        let mut title = String::from("\n<title>");
        title.push_str(&escape(label.trim()));
        title.push_str("</title>");
        document.insert_str(end + 1, &title);
        document.insert_str(end, " role=\"img\"");
    }
    document
}

/// XML-escapes text for element content or a double-quoted attribute.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            other => out.push(other),
        }
    }
    out
}

/// Estimated advance width in pixels of `text` at `px` pixels: CJK and other wide characters a
/// full em, Latin letters and digits about half. Generous rather than tight, so that what is
/// laid out with it does not overlap.
pub(crate) fn text_width(text: &str, px: f64) -> f64 {
    text.chars().map(char_width).sum::<f64>() * px
}

fn char_width(c: char) -> f64 {
    match c {
        ' ' => 0.28,
        'i' | 'j' | 'l' | '.' | ',' | ':' | ';' | '\'' | '!' | '|' => 0.3,
        'f' | 't' | 'r' | '(' | ')' | '[' | ']' | '-' => 0.38,
        'm' | 'w' => 0.85,
        'M' | 'W' | '%' | '@' => 0.9,
        'A'..='Z' => 0.68,
        '0'..='9' | 'a'..='z' | '=' | '+' | '<' | '>' | '&' | '?' => 0.58,
        c if is_wide(c) => 1.0,
        c if c.is_ascii() => 0.6,
        _ => 0.65,
    }
}

/// East Asian wide and fullwidth characters (Han, kana, Hangul, CJK punctuation, fullwidth forms).
pub(crate) fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x20000..=0x3FFFD)
}

/// `text` shortened with "…" so that it fits in `max` pixels at `font`.
pub(crate) fn fit(text: &str, font: Font, max: f64) -> String {
    let text = clean(text);
    if font.width(&text) <= max {
        return text;
    }
    let mut out = String::new();
    let budget = max - font.width("…");
    for c in text.chars() {
        let mut next = out.clone();
        next.push(c);
        if font.width(&next) > budget {
            break;
        }
        out = next;
    }
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

/// Greedy line breaking of `items` joined by `separator` into lines at most `max` wide. An item
/// wider than a line is shortened with "…".
pub(crate) fn wrap(items: &[String], separator: &str, font: Font, max: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for item in items {
        let item = fit(item, font, max);
        if current.is_empty() {
            current = item;
            continue;
        }
        let candidate = format!("{current}{separator}{item}");
        if font.width(&candidate) <= max {
            current = candidate;
        } else {
            lines.push(std::mem::replace(&mut current, item));
        }
    }
    if !current.is_empty() {
        lines.push(current);
    }
    lines
}

/// `text` broken into at most `max_lines` lines no wider than `max`: between words, or between
/// any two CJK characters; the last line is shortened with "…" if the text does not fit.
pub(crate) fn wrap_text(text: &str, font: Font, max: f64, max_lines: usize) -> Vec<String> {
    let text = clean(text);
    // Tokens: a CJK character alone, or a run of other characters with its trailing spaces.
    let mut tokens: Vec<String> = Vec::new();
    for c in text.trim().chars() {
        let joins = match tokens.last() {
            Some(last) => {
                c.is_whitespace()
                    || (!is_wide(c)
                        && last
                            .chars()
                            .last()
                            .is_some_and(|p| !is_wide(p) && !p.is_whitespace()))
            }
            None => false,
        };
        match tokens.last_mut() {
            Some(last) if joins => last.push(c),
            _ => tokens.push(c.to_string()),
        }
    }
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for (i, token) in tokens.iter().enumerate() {
        let candidate = format!("{current}{token}");
        if current.is_empty() || font.width(candidate.trim_end()) <= max {
            current = candidate;
            continue;
        }
        if lines.len() + 1 == max_lines {
            let rest: String = tokens[i..].concat();
            current = fit(&format!("{current}{rest}"), font, max);
            break;
        }
        lines.push(current.trim_end().to_string());
        current = token.clone();
    }
    let current = fit(current.trim_end(), font, max);
    if !current.is_empty() {
        lines.push(current);
    }
    lines
}

/// NPS points as the site shows them: one decimal, never "-0.0".
pub(crate) fn points(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded == 0.0 {
        "0.0".to_string()
    } else {
        format!("{rounded:.1}")
    }
}

/// A whole number with the sign written as the site writes it ("-20", "0", "40").
pub(crate) fn tick(value: f64) -> String {
    let rounded = value.round();
    if rounded == 0.0 {
        "0".to_string()
    } else {
        format!("{rounded:.0}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_is_estimated_a_full_em_per_character() {
        assert_eq!(text_width("第1梯队", 10.0), 10.0 * (3.0 + 0.58));
        assert!(text_width("Tier 1", 10.0) < text_width("第1梯队", 10.0));
    }

    #[test]
    fn long_names_are_shortened_to_fit() {
        let font = Font::regular(10.0);
        let short = fit("深圳市南山区某某口腔连锁医疗机构有限公司", font, 60.0);
        assert!(short.ends_with('…'));
        assert!(font.width(&short) <= 60.0);
        assert_eq!(fit("A&B", font, 60.0), "A&B");
    }

    #[test]
    fn items_wrap_into_lines_that_fit() {
        let font = Font::regular(10.0);
        let items: Vec<String> = (0..20).map(|i| format!("品牌{i} (n = 12)")).collect();
        let lines = wrap(&items, "，", font, 200.0);
        assert!(lines.len() > 1);
        for line in &lines {
            assert!(font.width(line) <= 200.0, "{line}");
        }
        assert_eq!(lines.join("，").matches("品牌").count(), 20);
    }

    #[test]
    fn headings_wrap_between_words_or_cjk_characters() {
        let font = Font::regular(10.0);
        let lines = wrap_text(
            "Elderly care in Shenzhen: word-of-mouth ranking",
            font,
            120.0,
            3,
        );
        assert!(lines.len() > 1, "{lines:?}");
        assert!(lines.iter().all(|l| font.width(l) <= 120.0), "{lines:?}");
        assert_eq!(lines[0], "Elderly care in");
        let lines = wrap_text("2026年深圳市养老机构口碑排名", font, 60.0, 2);
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(lines[1].ends_with('…'), "{lines:?}");
        assert_eq!(wrap_text("", font, 60.0, 2), Vec::<String>::new());
    }

    #[test]
    fn control_characters_never_reach_the_document() {
        assert_eq!(clean("a\u{0}b\nc"), "a b c");
        let svg = with_title("<svg a=\"1\">\n</svg>".to_string(), "A&B <x>\u{1}");
        assert_eq!(
            svg,
            "<svg a=\"1\" role=\"img\">\n<title>A&amp;B &lt;x&gt;</title>\n</svg>"
        );
    }

    #[test]
    fn font_sizes_are_rounded() {
        let svg = "<text font-size=\"14.625000000000002\" x=\"1\">a</text><text font-size=\"12\">";
        assert_eq!(
            tidy_font_sizes(svg),
            "<text font-size=\"14.63\" x=\"1\">a</text><text font-size=\"12\">"
        );
    }

    #[test]
    fn numbers_are_written_as_on_the_site() {
        assert_eq!(points(-0.04), "0.0");
        assert_eq!(points(42.06), "42.1");
        assert_eq!(tick(-20.0), "-20");
        assert_eq!(tick(-0.0), "0");
    }
}
