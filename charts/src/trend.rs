//! The trend chart: a sector's subjects across waves, one line per subject with its interval as
//! a translucent band, and a ring on every point whose change from the previous one the caller
//! marks as statistically significant.

use crate::axis::Axis;
use crate::canvas::{fit, tick, wrap_text, Align, Canvas, Font};
use crate::header::Header;
use crate::theme::Rgb;
use crate::{ChartError, Size, Theme};

/// One subject across the waves: `points[i]` belongs to wave `i`, `None` where the subject was
/// not surveyed or not ranked.
#[derive(Clone, Debug, PartialEq)]
pub struct TrendSeries {
    pub name: String,
    pub points: Vec<Option<TrendPoint>>,
}

/// A subject's estimate in one wave.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TrendPoint {
    pub nps: f64,
    pub ci_low: f64,
    pub ci_high: f64,
    /// The change from this subject's previous point (the nearest earlier wave it has) to this
    /// one is statistically significant, as the caller's test decided. Ignored on a first point.
    pub significant_change: bool,
}

/// The words of a trend chart, in the reader's language.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TrendLabels {
    pub title: String,
    pub subtitle: String,
    /// Title of the NPS axis, shown above it.
    pub axis: String,
    /// Legend entry for the ring marking a significant change ("较上期变化显著").
    pub significant: String,
}

/// Marker shapes, combined with the colours so that subjects stay apart without colour too.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    Circle,
    Square,
    Triangle,
    Diamond,
}

const SHAPES: [Shape; 4] = [
    Shape::Circle,
    Shape::Square,
    Shape::Triangle,
    Shape::Diamond,
];

/// Draws the trend as an SVG document. `waves` are the x-axis labels, oldest first.
pub fn trend_svg(
    waves: &[String],
    series: &[TrendSeries],
    labels: &TrendLabels,
    size: Size,
    theme: Theme,
) -> Result<String, ChartError> {
    size.validate()?;
    check(waves, series)?;
    let p = theme.palette();
    let s = size.scale();
    let width = f64::from(size.width);
    let margin = 16.0 * s;
    let inner = width - 2.0 * margin;
    let header = Header::new(&labels.title, &labels.subtitle, s, margin, inner);
    let small = Font::regular(12.0 * s);
    let label_font = Font::regular(13.0 * s);

    let style = |i: usize| (p.series[i % p.series.len()], SHAPES[i % SHAPES.len()]);
    let any_significant = series.iter().any(|one| {
        one.points
            .iter()
            .flatten()
            .skip(1)
            .any(|point| point.significant_change)
    });

    // Legend: one item per subject, then the significance ring; wrapped by estimated width.
    let key = 26.0 * s;
    let mut items: Vec<(String, Option<usize>)> = series
        .iter()
        .enumerate()
        .map(|(i, one)| (fit(one.name.trim(), small, inner - key - 6.0 * s), Some(i)))
        .collect();
    if any_significant {
        items.push((fit(&labels.significant, small, inner - key - 6.0 * s), None));
    }
    let mut legend: Vec<Vec<(f64, &str, Option<usize>)>> = vec![Vec::new()];
    let mut x = 0.0;
    for (text, index) in &items {
        let item = key + 6.0 * s + small.width(text);
        if x > 0.0 && x + item > inner {
            legend.push(Vec::new());
            x = 0.0;
        }
        if let Some(line) = legend.last_mut() {
            line.push((x, text.as_str(), *index));
        }
        x += item + 18.0 * s;
    }

    let axis_title = wrap_text(&labels.axis, small, inner, 2);
    let axis_title_top = header.bottom() + 8.0 * s;
    let head_h = axis_title_top + 20.0 * s * axis_title.len() as f64;
    let x_labels_h = 30.0 * s;
    let legend_h = 20.0 * s * legend.len() as f64 + 6.0 * s;
    let fixed_h = head_h + 10.0 * s + x_labels_h + legend_h + margin;
    let height = size.height_or(fixed_h + (width * 0.42).clamp(200.0 * s, 900.0 * s));
    let plot_h = f64::from(height) - fixed_h;
    if plot_h < 100.0 * s {
        return Err(ChartError::Crowded {
            height,
            rows: series.len(),
        });
    }
    let plot_top = head_h + 10.0 * s;
    let plot_bottom = plot_top + plot_h;
    let plot_x0 = margin + small.width("-100") + 10.0 * s;
    let plot_x1 = width - margin;
    let step = (plot_x1 - plot_x0) / waves.len() as f64;
    let wave_x = |i: usize| plot_x0 + step * (i as f64 + 0.5);

    let (low, high) = series
        .iter()
        .flat_map(|one| one.points.iter().flatten())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), point| {
            (l.min(point.ci_low), h.max(point.ci_high))
        });
    let axis = Axis::nps(low, high, plot_bottom - 6.0 * s, plot_top + 6.0 * s);
    let ticks = axis.ticks(small.px * 2.2);
    let wave_labels: Vec<String> = waves
        .iter()
        .map(|wave| fit(wave.trim(), small, step - 4.0 * s))
        .collect();
    let band_opacity = match theme {
        Theme::Light => 0.14,
        Theme::Dark => 0.22,
    };
    let marker = 4.5 * s;

    Canvas::svg(size.width, height, p.background, &labels.title, |canvas| {
        header.draw(canvas, &p)?;
        for (i, line) in axis_title.iter().enumerate() {
            let y = axis_title_top + 20.0 * s * (i as f64 + 0.5);
            canvas.text(line, margin, y, small, p.muted, Align::Start)?;
        }

        for &t in &ticks {
            let y = axis.at(t);
            let (colour, stroke) = if t == 0.0 {
                (p.axis, 1.5 * s)
            } else {
                (p.grid, 1.0)
            };
            canvas.line(&[(plot_x0, y), (plot_x1, y)], colour, stroke)?;
            canvas.text(&tick(t), plot_x0 - 8.0 * s, y, small, p.muted, Align::End)?;
        }
        canvas.line(
            &[(plot_x0, plot_bottom), (plot_x1, plot_bottom)],
            p.axis,
            1.0,
        )?;
        for (i, label) in wave_labels.iter().enumerate() {
            let x = wave_x(i);
            canvas.line(&[(x, plot_bottom), (x, plot_bottom + 5.0 * s)], p.axis, 1.0)?;
            canvas.text(
                label,
                x,
                plot_bottom + 16.0 * s,
                label_font,
                p.text,
                Align::Middle,
            )?;
        }

        // Bands first, so every line and marker stays on top of every band.
        for (k, one) in series.iter().enumerate() {
            let (colour, _) = style(k);
            for (i, point) in one.points.iter().enumerate() {
                let Some(point) = point else { continue };
                let next = one.points.get(i + 1).copied().flatten();
                let previous = i.checked_sub(1).and_then(|j| one.points[j]);
                if let Some(next) = next {
                    let band = [
                        (wave_x(i), axis.at(point.ci_low)),
                        (wave_x(i + 1), axis.at(next.ci_low)),
                        (wave_x(i + 1), axis.at(next.ci_high)),
                        (wave_x(i), axis.at(point.ci_high)),
                    ];
                    canvas.polygon(&band, colour, band_opacity)?;
                } else if previous.is_none() {
                    // A point on its own: its interval as a short translucent bar.
                    let (x0, x1) = (wave_x(i) - 5.0 * s, wave_x(i) + 5.0 * s);
                    let (y0, y1) = (axis.at(point.ci_low), axis.at(point.ci_high));
                    canvas.polygon(
                        &[(x0, y0), (x1, y0), (x1, y1), (x0, y1)],
                        colour,
                        band_opacity * 1.6,
                    )?;
                }
            }
        }

        for (k, one) in series.iter().enumerate() {
            let (colour, shape) = style(k);
            let present: Vec<(usize, TrendPoint)> = one
                .points
                .iter()
                .enumerate()
                .filter_map(|(i, point)| point.map(|point| (i, point)))
                .collect();
            for pair in present.windows(2) {
                let (i, a) = pair[0];
                let (j, b) = pair[1];
                let from = (wave_x(i), axis.at(a.nps));
                let to = (wave_x(j), axis.at(b.nps));
                if j == i + 1 {
                    canvas.line(&[from, to], colour, 2.0 * s)?;
                } else {
                    // Across waves without an estimate: dashed, so no value is implied there.
                    canvas.dashed(from, to, colour, 1.5 * s, 5.0 * s)?;
                }
            }
            for (n, &(i, point)) in present.iter().enumerate() {
                let (x, y) = (wave_x(i), axis.at(point.nps));
                draw_marker(canvas, shape, x, y, marker, colour)?;
                if n > 0 && point.significant_change {
                    canvas.ring(x, y, marker * 2.1, p.text, 1.5 * s)?;
                }
            }
        }

        let legend_top = plot_bottom + x_labels_h + 6.0 * s;
        for (row, line) in legend.iter().enumerate() {
            let y = legend_top + 20.0 * s * (row as f64 + 0.5);
            for &(dx, text, index) in line {
                let x = margin + dx;
                match index {
                    Some(k) => {
                        let (colour, shape) = style(k);
                        canvas.line(&[(x, y), (x + key, y)], colour, 2.0 * s)?;
                        draw_marker(canvas, shape, x + key / 2.0, y, marker, colour)?;
                    }
                    None => {
                        canvas.ring(x + key / 2.0, y, marker * 2.1, p.text, 1.5 * s)?;
                    }
                }
                canvas.text(text, x + key + 6.0 * s, y, small, p.text, Align::Start)?;
            }
        }
        Ok(())
    })
}

fn draw_marker(
    canvas: &Canvas<'_>,
    shape: Shape,
    x: f64,
    y: f64,
    r: f64,
    colour: Rgb,
) -> Result<(), ChartError> {
    match shape {
        Shape::Circle => canvas.circle(x, y, r, colour),
        Shape::Square => {
            let h = r * 0.9;
            canvas.rect(x - h, y - h, x + h, y + h, colour)
        }
        Shape::Triangle => canvas.polygon(
            &[
                (x, y - r * 1.2),
                (x + r * 1.1, y + r * 0.8),
                (x - r * 1.1, y + r * 0.8),
            ],
            colour,
            1.0,
        ),
        Shape::Diamond => canvas.polygon(
            &[
                (x, y - r * 1.25),
                (x + r * 1.1, y),
                (x, y + r * 1.25),
                (x - r * 1.1, y),
            ],
            colour,
            1.0,
        ),
    }
}

fn check(waves: &[String], series: &[TrendSeries]) -> Result<(), ChartError> {
    if waves.is_empty() {
        return Err(ChartError::Data("a trend needs at least one wave".into()));
    }
    let tolerance = 1e-9;
    let on_scale = |v: f64| v.is_finite() && (-100.0 - tolerance..=100.0 + tolerance).contains(&v);
    for one in series {
        if one.points.len() != waves.len() {
            return Err(ChartError::Data(format!(
                "{}: {} points for {} waves",
                one.name,
                one.points.len(),
                waves.len()
            )));
        }
        for point in one.points.iter().flatten() {
            let TrendPoint {
                nps,
                ci_low,
                ci_high,
                ..
            } = *point;
            if !(on_scale(nps) && on_scale(ci_low) && on_scale(ci_high))
                || ci_low > nps + tolerance
                || nps > ci_high + tolerance
            {
                return Err(ChartError::Data(format!(
                    "{}: NPS {nps} with interval {ci_low}..{ci_high} is not a valid estimate",
                    one.name
                )));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn point(nps: f64) -> Option<TrendPoint> {
        Some(TrendPoint {
            nps,
            ci_low: nps - 5.0,
            ci_high: nps + 5.0,
            significant_change: false,
        })
    }

    #[test]
    fn every_series_needs_a_point_or_gap_per_wave() {
        let waves = vec!["2025".to_string(), "2026".to_string()];
        let short = TrendSeries {
            name: "A".into(),
            points: vec![point(1.0)],
        };
        let result = trend_svg(
            &waves,
            &[short],
            &TrendLabels::default(),
            Size::default(),
            Theme::Light,
        );
        assert!(matches!(result, Err(ChartError::Data(_))));
        assert!(trend_svg(
            &[],
            &[],
            &TrendLabels::default(),
            Size::default(),
            Theme::Light
        )
        .is_err());
    }

    #[test]
    fn a_gap_is_bridged_by_a_dashed_line() {
        let waves: Vec<String> = ["2024", "2025", "2026"].map(String::from).to_vec();
        let draw = |middle: Option<TrendPoint>| {
            let one = TrendSeries {
                name: "A".into(),
                points: vec![point(10.0), middle, point(20.0)],
            };
            let labels = TrendLabels::default();
            trend_svg(&waves, &[one], &labels, Size::default(), Theme::Light).unwrap_or_default()
        };
        // plotters draws a dashed path as one short line per dash.
        let lines = |svg: String| svg.matches("<polyline").count();
        assert!(lines(draw(None)) > lines(draw(point(15.0))) + 5);
    }
}
