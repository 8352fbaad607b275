//! The table both writers take: column names and rows of typed cells.

/// A sheet of data to export: a header row of column names, then the rows.
///
/// Rows may be shorter or longer than `columns`; cells are written as given.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// One cell. Numbers stay numbers in both formats so spreadsheets can sum and sort them.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    /// Spreadsheets hold numbers as doubles: integers beyond ±2^53 lose precision there.
    Integer(i64),
    /// Non-finite values (NaN, ±inf) are written as empty cells.
    Number(f64),
}

impl From<&str> for Cell {
    fn from(text: &str) -> Self {
        Cell::Text(text.to_owned())
    }
}

impl From<String> for Cell {
    fn from(text: String) -> Self {
        Cell::Text(text)
    }
}

impl From<i64> for Cell {
    fn from(value: i64) -> Self {
        Cell::Integer(value)
    }
}

impl From<f64> for Cell {
    fn from(value: f64) -> Self {
        Cell::Number(value)
    }
}

impl<T: Into<Cell>> From<Option<T>> for Cell {
    fn from(value: Option<T>) -> Self {
        value.map_or(Cell::Empty, Into::into)
    }
}

/// A float as spreadsheet text: the shortest digits that round-trip, `None` when not finite.
///
/// Plain decimals for ordinary magnitudes (what staff expect to read), exponent form outside
/// them so that 1e300 is not 301 characters; both forms parse as numbers in Excel, WPS and XML.
pub(crate) fn format_number(value: f64) -> Option<String> {
    if !value.is_finite() {
        return None;
    }
    if value == 0.0 {
        // Also turns -0.0 into "0": a spreadsheet has no negative zero to show.
        return Some("0".to_owned());
    }
    let magnitude = value.abs();
    if (1e-5..1e15).contains(&magnitude) {
        Some(format!("{value}"))
    } else {
        Some(format!("{value:e}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_numbers_are_plain_shortest_decimals() {
        assert_eq!(format_number(-12.5).as_deref(), Some("-12.5"));
        assert_eq!(
            format_number(0.1 + 0.2).as_deref(),
            Some("0.30000000000000004")
        );
        assert_eq!(format_number(42.0).as_deref(), Some("42"));
        assert_eq!(format_number(-0.0).as_deref(), Some("0"));
    }

    #[test]
    fn extreme_magnitudes_use_exponent_form_that_round_trips() {
        for value in [1e300, -2.5e-7, 1e15, f64::MIN_POSITIVE] {
            let text = format_number(value).unwrap();
            assert!(text.contains('e'), "{text}");
            assert_eq!(text.parse::<f64>().unwrap(), value);
        }
    }

    #[test]
    fn non_finite_numbers_have_no_text() {
        assert_eq!(format_number(f64::NAN), None);
        assert_eq!(format_number(f64::INFINITY), None);
        assert_eq!(format_number(f64::NEG_INFINITY), None);
    }

    #[test]
    fn options_become_empty_cells_or_values() {
        assert_eq!(Cell::from(None::<i64>), Cell::Empty);
        assert_eq!(Cell::from(Some("好")), Cell::Text("好".to_owned()));
    }
}
