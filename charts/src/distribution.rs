//! The distribution chart: per subject a 100 % stacked bar of detractors, passives and promoters.

use crate::canvas::{fit, Align, Canvas, Font};
use crate::header::Header;
use crate::theme::Rgb;
use crate::{ChartError, Size, Theme};

/// One subject's answers by category, in the order the chart shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DistributionRow {
    pub name: String,
    pub detractors: u64,
    pub passives: u64,
    pub promoters: u64,
}

impl DistributionRow {
    fn n(&self) -> u64 {
        self.detractors
            .saturating_add(self.passives)
            .saturating_add(self.promoters)
    }
}

/// The words of a distribution chart, in the reader's language.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DistributionLabels {
    pub title: String,
    pub subtitle: String,
    /// Legend entries ("贬损者 0–6", "Detractors (0–6)").
    pub detractors: String,
    pub passives: String,
    pub promoters: String,
}

/// Draws the distribution as an SVG document.
pub fn distribution_svg(
    rows: &[DistributionRow],
    labels: &DistributionLabels,
    size: Size,
    theme: Theme,
) -> Result<String, ChartError> {
    size.validate()?;
    let p = theme.palette();
    let s = size.scale();
    let width = f64::from(size.width);
    let margin = 16.0 * s;
    let inner = width - 2.0 * margin;
    let header = Header::new(&labels.title, &labels.subtitle, s, margin, inner);
    let label_font = Font::regular(13.0 * s);
    let small = Font::regular(12.0 * s);
    let share_font = Font::bold(12.0 * s);

    let categories = [
        (labels.detractors.as_str(), p.detractor),
        (labels.passives.as_str(), p.passive),
        (labels.promoters.as_str(), p.promoter),
    ];
    // The legend, wrapped into lines of (x offset, label, colour).
    let swatch = 11.0 * s;
    let mut legend: Vec<Vec<(f64, &str, Rgb)>> = vec![Vec::new()];
    let mut x = 0.0;
    for (label, colour) in categories {
        let item = swatch + 6.0 * s + small.width(label);
        if x > 0.0 && x + item > inner {
            legend.push(Vec::new());
            x = 0.0;
        }
        if let Some(line) = legend.last_mut() {
            line.push((x, label, colour));
        }
        x += item + 20.0 * s;
    }

    let n_labels: Vec<String> = rows.iter().map(|row| format!("n = {}", row.n())).collect();
    let n_w = n_labels.iter().map(|l| small.width(l)).fold(0.0, f64::max);
    let min_plot = (0.4 * inner).max(120.0 * s);
    let widest_name = rows
        .iter()
        .map(|row| label_font.width(row.name.trim()))
        .fold(0.0, f64::max);
    let name_room = (inner - n_w - 14.0 * s - min_plot).max(40.0 * s);
    let name_w = (widest_name.min(0.3 * inner) + 12.0 * s).min(name_room);
    let plot_x0 = margin + name_w;
    let plot_x1 = width - margin - n_w - 14.0 * s;

    let legend_h = 20.0 * s * legend.len() as f64;
    let legend_top = header.bottom() + 6.0 * s;
    let head_h = legend_top + legend_h + 8.0 * s;
    let axis_h = 26.0 * s;
    let fixed_h = head_h + axis_h + margin;
    let slots = rows.len().max(1) as f64;
    let height = size.height_or(fixed_h + 30.0 * s * slots);
    let pitch = ((f64::from(height) - fixed_h) / slots).min(44.0 * s);
    if pitch < label_font.px * 1.15 {
        return Err(ChartError::Crowded {
            height,
            rows: rows.len(),
        });
    }
    let plot_top = head_h;
    let plot_bottom = plot_top + pitch * slots;
    let at = |share: f64| plot_x0 + share * (plot_x1 - plot_x0);

    Canvas::svg(size.width, height, p.background, &labels.title, |canvas| {
        header.draw(canvas, &p)?;
        for (i, line) in legend.iter().enumerate() {
            let y = legend_top + 20.0 * s * (i as f64 + 0.5);
            for &(dx, label, colour) in line {
                let x = margin + dx;
                canvas.rect(x, y - swatch / 2.0, x + swatch, y + swatch / 2.0, colour)?;
                let text = fit(label, small, inner - dx - swatch - 6.0 * s);
                canvas.text(&text, x + swatch + 6.0 * s, y, small, p.text, Align::Start)?;
            }
        }

        for quarter in 0..=4 {
            let share = f64::from(quarter) / 4.0;
            let x = at(share);
            canvas.line(&[(x, plot_top), (x, plot_bottom)], p.grid, 1.0)?;
            let label = format!("{}%", quarter * 25);
            canvas.text(
                &label,
                x,
                plot_bottom + 12.0 * s,
                small,
                p.muted,
                Align::Middle,
            )?;
        }

        let bar = (pitch * 0.64).min(26.0 * s);
        for (i, (row, n_label)) in rows.iter().zip(&n_labels).enumerate() {
            let y = plot_top + pitch * (i as f64 + 0.5);
            let (y0, y1) = (y - bar / 2.0, y + bar / 2.0);
            canvas.text(
                &fit(row.name.trim(), label_font, name_w - 12.0 * s),
                margin,
                y,
                label_font,
                p.text,
                Align::Start,
            )?;
            canvas.text(n_label, width - margin, y, small, p.muted, Align::End)?;
            let n = row.n();
            if n == 0 {
                canvas.outline(at(0.0), y0, at(1.0), y1, p.axis, 1.0)?;
                continue;
            }
            let counts = [row.detractors, row.passives, row.promoters];
            let percents = whole_percents(counts);
            let mut cumulative = 0u64;
            for ((count, percent), (_, colour)) in counts.iter().zip(percents).zip(categories) {
                let x0 = at(cumulative as f64 / n as f64);
                cumulative += count;
                let x1 = at(cumulative as f64 / n as f64);
                if *count == 0 {
                    continue;
                }
                canvas.rect(x0, y0, x1, y1, colour)?;
                let label = format!("{percent}%");
                if share_font.width(&label) + 8.0 * s <= x1 - x0 && share_font.px <= bar {
                    canvas.text(
                        &label,
                        (x0 + x1) / 2.0,
                        y,
                        share_font,
                        colour.ink(),
                        Align::Middle,
                    )?;
                }
            }
        }
        Ok(())
    })
}

/// Whole percentages that add up to 100 (largest remainder), so the printed shares of a bar
/// never total 99 or 101.
fn whole_percents(counts: [u64; 3]) -> [u64; 3] {
    let n: u64 = counts.iter().sum();
    if n == 0 {
        return [0; 3];
    }
    let exact = counts.map(|c| c as f64 * 100.0 / n as f64);
    let mut whole = exact.map(|e| e.floor() as u64);
    let mut order = [0usize, 1, 2];
    order.sort_by(|&a, &b| (exact[b] - exact[b].floor()).total_cmp(&(exact[a] - exact[a].floor())));
    let missing = 100u64.saturating_sub(whole.iter().sum());
    for &i in order.iter().take(missing as usize) {
        whole[i] += 1;
    }
    whole
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_are_whole_percents_adding_to_100() {
        assert_eq!(whole_percents([1, 1, 1]), [34, 33, 33]);
        assert_eq!(whole_percents([0, 0, 5]), [0, 0, 100]);
        assert_eq!(whole_percents([0, 0, 0]), [0, 0, 0]);
        for counts in [[7, 11, 13], [1, 2, 997], [333, 333, 334]] {
            assert_eq!(
                whole_percents(counts).iter().sum::<u64>(),
                100,
                "{counts:?}"
            );
        }
    }
}
