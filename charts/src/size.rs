//! The size a chart is drawn at, checked against the limits the server accepts.

use crate::ChartError;

/// Narrowest and widest chart, in pixels.
pub const WIDTH_RANGE: (u32, u32) = (320, 2400);
/// Lowest and highest chart, in pixels.
pub const HEIGHT_RANGE: (u32, u32) = (200, 4000);

/// A chart's size in pixels. `height: None` lets the chart choose a height from its number of
/// rows (clamped to [`HEIGHT_RANGE`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Size {
    pub width: u32,
    pub height: Option<u32>,
}

impl Size {
    /// A fixed width and height.
    pub fn new(width: u32, height: u32) -> Self {
        Size {
            width,
            height: Some(height),
        }
    }

    /// A fixed width; the height follows the content.
    pub fn auto_height(width: u32) -> Self {
        Size {
            width,
            height: None,
        }
    }

    /// Checks the requested size; call it to reject a request before gathering any data.
    pub fn validate(self) -> Result<(), ChartError> {
        let (min, max) = WIDTH_RANGE;
        if !(min..=max).contains(&self.width) {
            return Err(ChartError::Width {
                got: self.width,
                min,
                max,
            });
        }
        if let Some(height) = self.height {
            let (min, max) = HEIGHT_RANGE;
            if !(min..=max).contains(&height) {
                return Err(ChartError::Height {
                    got: height,
                    min,
                    max,
                });
            }
        }
        Ok(())
    }

    /// The requested height, or `auto` (the chart's own wish) clamped to the limits.
    pub(crate) fn height_or(self, auto: f64) -> u32 {
        let (min, max) = HEIGHT_RANGE;
        self.height
            .unwrap_or_else(|| (auto.ceil().max(0.0) as u32).clamp(min, max))
    }

    /// The factor every length and font size is multiplied by: 1 at 800 pixels wide, so a
    /// wide chart meant for print keeps its proportions.
    pub(crate) fn scale(self) -> f64 {
        (f64::from(self.width) / 800.0).clamp(0.9, 3.0)
    }
}

impl Default for Size {
    /// 800 pixels wide, automatic height.
    fn default() -> Self {
        Size::auto_height(800)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_inside_the_limits_pass() {
        assert_eq!(Size::new(320, 200).validate(), Ok(()));
        assert_eq!(Size::new(2400, 4000).validate(), Ok(()));
        assert_eq!(Size::auto_height(800).validate(), Ok(()));
    }

    #[test]
    fn sizes_outside_the_limits_name_the_limit() {
        assert_eq!(
            Size::new(319, 500).validate(),
            Err(ChartError::Width {
                got: 319,
                min: 320,
                max: 2400
            })
        );
        assert_eq!(
            Size::new(2401, 500).validate().map_err(|e| e.status_code()),
            Err(400)
        );
        assert_eq!(
            Size::new(800, 199).validate(),
            Err(ChartError::Height {
                got: 199,
                min: 200,
                max: 4000
            })
        );
        assert!(Size::new(800, 4001).validate().is_err());
    }

    #[test]
    fn automatic_height_is_clamped() {
        assert_eq!(Size::auto_height(800).height_or(50.0), 200);
        assert_eq!(Size::auto_height(800).height_or(612.2), 613);
        assert_eq!(Size::auto_height(800).height_or(1e9), 4000);
        assert_eq!(Size::new(800, 300).height_or(1e9), 300);
    }
}
