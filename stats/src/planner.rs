//! How many responses does a subject need for a given margin of error?

use serde::{Deserialize, Serialize};

use crate::{Level, StatsError};

/// Assumed promoter and detractor shares (each in [0, 1], together at most 1).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Shares {
    pub promoters: f64,
    pub detractors: f64,
}

impl Shares {
    /// Variance of one response's NPS contribution; without assumptions, its maximum (1, at
    /// half promoters and half detractors).
    fn variance(shares: Option<Shares>) -> Result<f64, StatsError> {
        let Some(Shares {
            promoters: p,
            detractors: d,
        }) = shares
        else {
            return Ok(1.0);
        };
        let valid = |x: f64| x.is_finite() && (0.0..=1.0).contains(&x);
        if !(valid(p) && valid(d) && p + d <= 1.0 + 1e-12) {
            return Err(StatsError::InvalidShares(p, d));
        }
        Ok((p + d) - (p - d) * (p - d))
    }
}

/// The n whose Wald interval has half-width at most `margin` NPS points at `level`.
pub fn sample_size(margin: f64, level: Level, shares: Option<Shares>) -> Result<u64, StatsError> {
    if !(margin.is_finite() && margin > 0.0 && margin <= 200.0) {
        return Err(StatsError::InvalidMargin(margin));
    }
    let variance = Shares::variance(shares)?;
    let unit_margin = margin / 100.0;
    let n = level.z().powi(2) * variance / (unit_margin * unit_margin);
    // Guard against 1067.0000000001 becoming 1068 from rounding noise.
    Ok(((n - 1e-9).ceil()).max(1.0) as u64)
}

/// The half-width (NPS points) that `n` responses give at `level`; `None` for n = 0.
pub fn margin_for(n: u64, level: Level, shares: Option<Shares>) -> Result<Option<f64>, StatsError> {
    let variance = Shares::variance(shares)?;
    Ok((n > 0).then(|| 100.0 * level.z() * (variance / n as f64).sqrt()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_worst_case_needs_the_most() {
        let worst = sample_size(5.0, Level::default(), None).unwrap();
        let assumed = Shares {
            promoters: 0.5,
            detractors: 0.2,
        };
        assert!(sample_size(5.0, Level::default(), Some(assumed)).unwrap() < worst);
        assert_eq!(worst, 1537); // 1.959964² / 0.05² = 1536.58
    }

    #[test]
    fn margin_for_inverts_sample_size() {
        let n = sample_size(4.0, Level::default(), None).unwrap();
        let margin = margin_for(n, Level::default(), None).unwrap().unwrap();
        assert!(margin <= 4.0 && margin > 3.99);
        assert_eq!(margin_for(0, Level::default(), None), Ok(None));
    }

    #[test]
    fn impossible_inputs_are_refused() {
        assert!(sample_size(0.0, Level::default(), None).is_err());
        assert!(sample_size(f64::NAN, Level::default(), None).is_err());
        let shares = Shares {
            promoters: 0.7,
            detractors: 0.4,
        };
        assert!(sample_size(5.0, Level::default(), Some(shares)).is_err());
    }
}
