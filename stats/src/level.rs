use serde::{Deserialize, Serialize};

use crate::StatsError;

/// A confidence (or credible) level strictly between 0 and 1; 0.95 by default.
#[derive(Clone, Copy, Debug, PartialEq, PartialOrd, Serialize, Deserialize)]
#[serde(try_from = "f64", into = "f64")]
pub struct Level(f64);

impl Level {
    pub fn new(value: f64) -> Result<Level, StatsError> {
        let level = Level(value);
        if value.is_finite() && value > 0.0 && value < 1.0 && level.z().is_finite() {
            Ok(level)
        } else {
            Err(StatsError::InvalidLevel(value))
        }
    }

    pub fn value(self) -> f64 {
        self.0
    }

    /// The two-sided normal quantile z with P(|Z| ≤ z) = level.
    pub fn z(self) -> f64 {
        // From the small tail, not 1 − tail: levels like 0.9999999999999999 stay finite.
        -crate::numeric::normal_quantile((1.0 - self.0) / 2.0)
    }

    /// The z for a two-sided test at this level split over `comparisons` (Bonferroni), computed
    /// from the tail so that very many comparisons stay finite.
    pub fn bonferroni_z(self, comparisons: f64) -> f64 {
        -crate::numeric::normal_quantile((1.0 - self.0) / (2.0 * comparisons.max(1.0)))
    }
}

impl Default for Level {
    fn default() -> Level {
        Level(0.95)
    }
}

impl TryFrom<f64> for Level {
    type Error = StatsError;

    fn try_from(value: f64) -> Result<Level, StatsError> {
        Level::new(value)
    }
}

impl From<Level> for f64 {
    fn from(level: Level) -> f64 {
        level.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_open_unit_interval_values_are_levels() {
        for bad in [0.0, 1.0, -0.5, 1.5, f64::NAN, f64::INFINITY] {
            assert!(Level::new(bad).is_err(), "{bad}");
        }
        assert!(Level::new(1e-9).is_ok());
        assert!(Level::new(0.999_999).is_ok());
        let almost_one = Level::new(0.999_999_999_999_999_9).expect("still below 1");
        assert!(almost_one.z().is_finite() && almost_one.z() > 8.0);
    }

    #[test]
    fn z_matches_the_familiar_values() {
        assert!((Level::default().z() - 1.959_963_984_540_054).abs() < 1e-12);
        assert!((Level::new(0.9).unwrap().z() - 1.644_853_626_951_472_2).abs() < 1e-12);
        assert!((Level::new(0.99).unwrap().z() - 2.575_829_303_548_900_4).abs() < 1e-12);
    }
}
