//! The NPS axis: the data's range rounded out to tens (never beyond −100..100) and tick values
//! spaced so their labels do not crowd.

/// A linear NPS axis mapped onto pixels `start..end`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Axis {
    pub min: f64,
    pub max: f64,
    pub start: f64,
    pub end: f64,
}

impl Axis {
    /// The axis for values between `low` and `high`: rounded out to tens, at least 20 points
    /// wide, within −100..100. With no values (`low > high`) the full −100..100.
    pub(crate) fn nps(low: f64, high: f64, start: f64, end: f64) -> Axis {
        if low.is_nan() || high.is_nan() || low > high {
            return Axis {
                min: -100.0,
                max: 100.0,
                start,
                end,
            };
        }
        let mut min = ((low / 10.0).floor() * 10.0).clamp(-100.0, 100.0);
        let mut max = ((high / 10.0).ceil() * 10.0).clamp(-100.0, 100.0);
        while max - min < 20.0 {
            if max < 100.0 {
                max += 10.0;
            }
            if max - min < 20.0 && min > -100.0 {
                min -= 10.0;
            }
        }
        Axis {
            min,
            max,
            start,
            end,
        }
    }

    /// The pixel position of `value`.
    pub(crate) fn at(&self, value: f64) -> f64 {
        let value = value.clamp(self.min, self.max);
        self.start + (value - self.min) / (self.max - self.min) * (self.end - self.start)
    }

    /// Tick values: multiples of the smallest step among 10, 20, 25 and 50 whose labels are at
    /// least `gap` pixels apart.
    pub(crate) fn ticks(&self, gap: f64) -> Vec<f64> {
        let span = self.max - self.min;
        let length = (self.end - self.start).abs();
        let step = [10.0, 20.0, 25.0, 50.0]
            .into_iter()
            .find(|step| step / span * length >= gap)
            .unwrap_or(100.0);
        let first = (self.min / step).ceil() as i64;
        let last = (self.max / step).floor() as i64;
        (first..=last).map(|k| k as f64 * step).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_range_is_rounded_out_to_tens() {
        let axis = Axis::nps(-12.5, 43.0, 0.0, 100.0);
        assert_eq!((axis.min, axis.max), (-20.0, 50.0));
        let axis = Axis::nps(-100.0, 100.0, 0.0, 100.0);
        assert_eq!((axis.min, axis.max), (-100.0, 100.0));
    }

    #[test]
    fn a_narrow_range_is_widened_within_the_scale() {
        let axis = Axis::nps(30.0, 30.0, 0.0, 100.0);
        assert_eq!((axis.min, axis.max), (20.0, 40.0));
        let axis = Axis::nps(100.0, 100.0, 0.0, 100.0);
        assert_eq!((axis.min, axis.max), (80.0, 100.0));
        let axis = Axis::nps(-100.0, -99.0, 0.0, 100.0);
        assert_eq!((axis.min, axis.max), (-100.0, -80.0));
    }

    #[test]
    fn no_values_give_the_whole_scale() {
        let axis = Axis::nps(f64::INFINITY, f64::NEG_INFINITY, 0.0, 100.0);
        assert_eq!((axis.min, axis.max), (-100.0, 100.0));
    }

    #[test]
    fn positions_are_linear_and_clamped() {
        let axis = Axis::nps(-100.0, 100.0, 100.0, 300.0);
        assert_eq!(axis.at(0.0), 200.0);
        assert_eq!(axis.at(-100.0), 100.0);
        assert_eq!(axis.at(150.0), 300.0);
    }

    #[test]
    fn ticks_thin_out_on_a_short_axis() {
        let wide = Axis::nps(-100.0, 100.0, 0.0, 1000.0);
        assert_eq!(wide.ticks(40.0).len(), 21);
        let narrow = Axis::nps(-100.0, 100.0, 0.0, 200.0);
        assert_eq!(narrow.ticks(40.0), vec![-100.0, -50.0, 0.0, 50.0, 100.0]);
        let zoomed = Axis::nps(-5.0, 45.0, 0.0, 400.0);
        assert_eq!(
            zoomed.ticks(40.0),
            vec![-10.0, 0.0, 10.0, 20.0, 30.0, 40.0, 50.0]
        );
    }
}
