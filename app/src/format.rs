//! Numbers as readers see them.

/// NPS points with one decimal ("40.0", "-3.2"), never "-0.0".
pub fn points(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded == 0.0 {
        "0.0".to_string()
    } else {
        format!("{rounded:.1}")
    }
}

/// A level as a percentage without noise: 0.95 → "95", 0.975 → "97.5", 0.99999 → "99.999".
pub fn percent(level: f64) -> String {
    let text = format!("{:.10}", level * 100.0);
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_have_one_decimal_and_no_negative_zero() {
        assert_eq!(points(40.0), "40.0");
        assert_eq!(points(-3.24), "-3.2");
        assert_eq!(points(-0.04), "0.0");
        assert_eq!(points(99.96), "100.0");
    }

    #[test]
    fn percentages_drop_trailing_zeros() {
        assert_eq!(percent(0.95), "95");
        assert_eq!(percent(0.9), "90");
        assert_eq!(percent(0.975), "97.5");
        assert_eq!(percent(0.999), "99.9");
        assert_eq!(percent(0.99999), "99.999");
        assert_eq!(percent(1e-9), "0.0000001");
    }
}
