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

/// An interval as its two ends in brackets ("[-3.2, 40.0]"), or a dash when there is none: the
/// one way pages write an interval.
pub fn interval(low: Option<f64>, high: Option<f64>) -> String {
    match (low, high) {
        (Some(low), Some(high)) => format!("[{}, {}]", points(low), points(high)),
        _ => "—".to_string(),
    }
}

/// A level as a percentage without noise: 0.95 → "95", 0.975 → "97.5", 0.99999 → "99.999".
pub fn percent(level: f64) -> String {
    let text = format!("{:.10}", level * 100.0);
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// A share of a whole as a percentage with one decimal ("45.2"); "—" for an empty whole.
pub fn share(part: u64, whole: u64) -> String {
    if whole == 0 {
        return "—".to_string();
    }
    format!("{:.1}", part as f64 * 100.0 / whole as f64)
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
    fn shares_have_one_decimal() {
        assert_eq!(share(1, 3), "33.3");
        assert_eq!(share(2, 3), "66.7");
        assert_eq!(share(0, 5), "0.0");
        assert_eq!(share(0, 0), "—");
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
