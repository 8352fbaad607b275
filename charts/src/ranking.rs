//! The ranking chart: one row per ranked subject with its NPS and interval, tiers as shaded
//! bands, and the subjects with too few responses listed apart, never plotted.

use crate::axis::Axis;
use crate::canvas::{fit, points, tick, wrap, Align, Canvas, Font};
use crate::header::Header;
use crate::{ChartError, Size, Theme};

/// One subject of a ranking, in the order the chart shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct RankingRow {
    pub name: String,
    /// Responses counted for the subject.
    pub n: u64,
    /// `None`: too few responses to be ranked (listed below the chart, not plotted).
    pub result: Option<Ranked>,
}

/// A ranked subject's estimate: NPS and interval on the −100..100 scale, and its tier (1 = top).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Ranked {
    pub nps: f64,
    pub ci_low: f64,
    pub ci_high: f64,
    pub tier: usize,
}

/// The words of a ranking chart, in the reader's language.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RankingLabels {
    pub title: String,
    /// Second line under the title: wave, method and level, for example.
    pub subtitle: String,
    /// Title of the NPS axis.
    pub axis: String,
    /// A tier's label; `{n}` becomes the tier number ("第{n}梯队", "Tier {n}").
    pub tier: String,
    /// Heading of the list of subjects with too few responses to rank ("样本不足，未排名").
    pub insufficient: String,
}

impl RankingLabels {
    fn tier(&self, tier: usize) -> String {
        if self.tier.contains("{n}") {
            self.tier.replace("{n}", &tier.to_string())
        } else {
            format!("{}{tier}", self.tier)
        }
    }
}

/// Draws the ranking as an SVG document.
pub fn ranking_svg(
    rows: &[RankingRow],
    labels: &RankingLabels,
    size: Size,
    theme: Theme,
) -> Result<String, ChartError> {
    size.validate()?;
    let ranked: Vec<(&RankingRow, Ranked)> = rows
        .iter()
        .filter_map(|row| row.result.map(|result| (row, result)))
        .collect();
    for (row, result) in &ranked {
        check(row, result)?;
    }
    let unranked: Vec<String> = rows
        .iter()
        .filter(|row| row.result.is_none())
        .map(|row| format!("{} (n = {})", row.name.trim(), row.n))
        .collect();

    let s = size.scale();
    let width = f64::from(size.width);
    let margin = 16.0 * s;
    let inner = width - 2.0 * margin;
    let header = Header::new(&labels.title, &labels.subtitle, s, margin, inner);
    let label_font = Font::regular(13.0 * s);
    let value_font = Font::bold(13.0 * s);
    let small = Font::regular(12.0 * s);
    let tier_font = Font::bold(12.0 * s);

    // Columns: tier label | name | plot | value | n.
    let tier_labels: Vec<String> = ranked
        .iter()
        .map(|(_, result)| labels.tier(result.tier))
        .collect();
    let tier_w = tier_labels
        .iter()
        .map(|label| tier_font.width(label) + 14.0 * s)
        .fold(0.0, f64::max);
    let n_labels: Vec<String> = ranked
        .iter()
        .map(|(row, _)| format!("n = {}", row.n))
        .collect();
    let n_w = n_labels.iter().map(|l| small.width(l)).fold(0.0, f64::max);
    let show_values = width >= 560.0;
    let value_w = if show_values {
        value_font.width("-100.0") + 12.0 * s
    } else {
        0.0
    };
    let right_w = n_w + value_w + 14.0 * s;
    let min_plot = (0.3 * inner).max(120.0 * s);
    let widest_name = ranked
        .iter()
        .map(|(row, _)| label_font.width(row.name.trim()))
        .fold(0.0, f64::max);
    let name_room = (inner - tier_w - right_w - min_plot).max(40.0 * s);
    let name_w = (widest_name.min(0.3 * inner) + 12.0 * s).min(name_room);
    let plot_x0 = margin + tier_w + name_w;
    let plot_x1 = width - margin - right_w;
    let pad = 10.0 * s;

    // Rows, top to bottom: title, subtitle, [top axis], plot rows, axis, axis title, list.
    let list_lines = wrap(&unranked, "  ·  ", small, inner);
    let head_h = header.bottom() + 10.0 * s;
    let top_axis = ranked.len() > 12;
    let top_axis_h = if top_axis { 20.0 * s } else { 0.0 };
    let bottom_axis_h = 22.0 * s + 22.0 * s;
    let list_h = if list_lines.is_empty() {
        0.0
    } else {
        12.0 * s + 22.0 * s + 19.0 * s * list_lines.len() as f64
    };
    let fixed_h = head_h + top_axis_h + bottom_axis_h + list_h + margin;
    let slots = ranked.len().max(1) as f64;
    let height = size.height_or(fixed_h + 26.0 * s * slots);
    let pitch = ((f64::from(height) - fixed_h) / slots).min(40.0 * s);
    if pitch < label_font.px * 1.15 {
        return Err(ChartError::Crowded {
            height,
            rows: ranked.len(),
        });
    }

    let plot_top = head_h + top_axis_h;
    let plot_bottom = plot_top + pitch * slots;
    let (low, high) = ranked
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), (_, r)| {
            (l.min(r.ci_low), h.max(r.ci_high))
        });
    let axis = Axis::nps(low, high, plot_x0 + pad, plot_x1 - pad);
    let ticks = axis.ticks(small.width("-100") + 16.0 * s);
    let p = theme.palette();

    Canvas::svg(size.width, height, p.background, &labels.title, |canvas| {
        header.draw(canvas, &p)?;

        // Tier bands: consecutive rows of one tier share a band; every other band is shaded.
        let mut start = 0;
        let mut band = 0;
        while start < ranked.len() {
            let tier = ranked[start].1.tier;
            let end = ranked[start..]
                .iter()
                .position(|(_, r)| r.tier != tier)
                .map_or(ranked.len(), |offset| start + offset);
            let y0 = plot_top + pitch * start as f64;
            let y1 = plot_top + pitch * end as f64;
            if band % 2 == 0 {
                canvas.rect(margin, y0, width - margin, y1, p.band)?;
            }
            canvas.text(
                &tier_labels[start],
                margin + 6.0 * s,
                y0 + pitch / 2.0,
                tier_font,
                p.muted,
                Align::Start,
            )?;
            band += 1;
            start = end;
        }

        for &t in &ticks {
            let x = axis.at(t);
            if t == 0.0 {
                canvas.line(&[(x, plot_top), (x, plot_bottom)], p.axis, 1.5 * s)?;
            } else {
                canvas.line(&[(x, plot_top), (x, plot_bottom)], p.grid, 1.0)?;
            }
            canvas.text(
                &tick(t),
                x,
                plot_bottom + 11.0 * s,
                small,
                p.muted,
                Align::Middle,
            )?;
            if top_axis {
                canvas.text(
                    &tick(t),
                    x,
                    plot_top - 10.0 * s,
                    small,
                    p.muted,
                    Align::Middle,
                )?;
            }
        }
        canvas.line(
            &[
                (axis.start - pad, plot_bottom),
                (axis.end + pad, plot_bottom),
            ],
            p.axis,
            1.0,
        )?;
        canvas.text(
            &fit(&labels.axis, small, inner),
            (axis.start + axis.end) / 2.0,
            plot_bottom + 33.0 * s,
            small,
            p.muted,
            Align::Middle,
        )?;

        let cap = (pitch * 0.35).min(10.0 * s) / 2.0;
        let radius = (4.5 * s).min(pitch * 0.3);
        for (i, ((row, result), n_label)) in ranked.iter().zip(&n_labels).enumerate() {
            let y = plot_top + pitch * (i as f64 + 0.5);
            canvas.text(
                &fit(row.name.trim(), label_font, name_w - 12.0 * s),
                margin + tier_w,
                y,
                label_font,
                p.text,
                Align::Start,
            )?;
            let (x_low, x_high) = (axis.at(result.ci_low), axis.at(result.ci_high));
            canvas.line(&[(x_low, y), (x_high, y)], p.estimate, 2.0 * s)?;
            canvas.line(&[(x_low, y - cap), (x_low, y + cap)], p.estimate, 1.5 * s)?;
            canvas.line(&[(x_high, y - cap), (x_high, y + cap)], p.estimate, 1.5 * s)?;
            canvas.circle(axis.at(result.nps), y, radius, p.estimate)?;
            if show_values {
                canvas.text(
                    &points(result.nps),
                    width - margin - n_w - 14.0 * s,
                    y,
                    value_font,
                    p.text,
                    Align::End,
                )?;
            }
            canvas.text(n_label, width - margin, y, small, p.muted, Align::End)?;
        }

        if !list_lines.is_empty() {
            let mut y = plot_bottom + bottom_axis_h + 12.0 * s + 11.0 * s;
            canvas.text(
                &fit(&labels.insufficient, Font::bold(12.0 * s), inner),
                margin,
                y,
                Font::bold(12.0 * s),
                p.text,
                Align::Start,
            )?;
            y += 11.0 * s + 10.0 * s;
            for line in &list_lines {
                canvas.text(line, margin, y, small, p.muted, Align::Start)?;
                y += 19.0 * s;
            }
        }
        Ok(())
    })
}

/// An estimate the chart can draw honestly: finite, inside its interval, on the NPS scale.
fn check(row: &RankingRow, result: &Ranked) -> Result<(), ChartError> {
    let Ranked {
        nps,
        ci_low,
        ci_high,
        tier,
    } = *result;
    let tolerance = 1e-9;
    let on_scale = |v: f64| v.is_finite() && (-100.0 - tolerance..=100.0 + tolerance).contains(&v);
    if !(on_scale(nps) && on_scale(ci_low) && on_scale(ci_high)) {
        return Err(ChartError::Data(format!(
            "{}: NPS {nps} and interval {ci_low}..{ci_high} must be finite and within -100..100",
            row.name
        )));
    }
    if ci_low > nps + tolerance || nps > ci_high + tolerance {
        return Err(ChartError::Data(format!(
            "{}: NPS {nps} lies outside its interval {ci_low}..{ci_high}",
            row.name
        )));
    }
    if tier == 0 {
        return Err(ChartError::Data(format!(
            "{}: tiers count from 1",
            row.name
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(name: &str, nps: f64, tier: usize) -> RankingRow {
        RankingRow {
            name: name.to_string(),
            n: 200,
            result: Some(Ranked {
                nps,
                ci_low: nps - 8.0,
                ci_high: nps + 8.0,
                tier,
            }),
        }
    }

    #[test]
    fn tier_labels_fill_in_the_number() {
        let mut labels = RankingLabels {
            tier: "第{n}梯队".into(),
            ..RankingLabels::default()
        };
        assert_eq!(labels.tier(2), "第2梯队");
        labels.tier = "Tier ".into();
        assert_eq!(labels.tier(3), "Tier 3");
    }

    #[test]
    fn estimates_outside_their_interval_are_refused() {
        let mut bad = row("A", 10.0, 1);
        if let Some(result) = bad.result.as_mut() {
            result.ci_low = 20.0;
        }
        let error = ranking_svg(
            &[bad],
            &RankingLabels::default(),
            Size::default(),
            Theme::Light,
        );
        assert!(matches!(error, Err(ChartError::Data(_))));
        let nan = row("B", f64::NAN, 1);
        assert!(ranking_svg(
            &[nan],
            &RankingLabels::default(),
            Size::default(),
            Theme::Light
        )
        .is_err());
        let tier0 = row("C", 0.0, 0);
        assert!(ranking_svg(
            &[tier0],
            &RankingLabels::default(),
            Size::default(),
            Theme::Light
        )
        .is_err());
    }

    #[test]
    fn too_many_rows_for_a_fixed_height_is_a_size_error() {
        let rows: Vec<RankingRow> = (0..80).map(|i| row(&format!("S{i}"), 0.0, 1)).collect();
        let error = ranking_svg(
            &rows,
            &RankingLabels::default(),
            Size::new(800, 300),
            Theme::Light,
        );
        assert_eq!(
            error,
            Err(ChartError::Crowded {
                height: 300,
                rows: 80
            })
        );
        assert!(ranking_svg(
            &rows,
            &RankingLabels::default(),
            Size::auto_height(800),
            Theme::Light
        )
        .is_ok());
    }
}
