//! Keyset paging for the staff API's long lists (responses, the audit log): `limit` (default
//! 100, at most 500), and `next`, the cursor for the following page or `null` on the last.

use app::i18n::Locale;

use super::json::{self, Reply};
use super::messages::staff_api;

pub const DEFAULT_LIMIT: i64 = 100;
pub const MAX_LIMIT: i64 = 500;

/// The `limit` query parameter; blank means the default.
pub fn limit(text: &str, locale: Locale) -> Reply<i64> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(DEFAULT_LIMIT);
    }
    text.parse::<i64>()
        .ok()
        .filter(|n| (1..=MAX_LIMIT).contains(n))
        .ok_or_else(|| json::invalid("limit", "invalid_filter", staff_api(locale).invalid_value))
}

/// Cuts a page fetched with `limit + 1` rows down to `limit`; the extra row's presence means
/// there is a next page, which starts after the last row kept.
pub fn cut<T>(rows: &mut Vec<T>, limit: i64, id: impl Fn(&T) -> &str) -> Option<String> {
    let limit = usize::try_from(limit).unwrap_or_default();
    if rows.len() > limit {
        rows.truncate(limit);
        rows.last().map(|row| id(row).to_string())
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_default_and_are_bounded() {
        assert_eq!(limit(" ", Locale::En).ok(), Some(DEFAULT_LIMIT));
        assert_eq!(limit("500", Locale::En).ok(), Some(500));
        for bad in ["0", "501", "-1", "ten"] {
            assert!(limit(bad, Locale::En).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_cursor_is_the_last_row_kept_when_more_follow() {
        let mut rows = vec!["c", "b", "a"];
        assert_eq!(cut(&mut rows, 2, |r| r), Some("b".to_string()));
        assert_eq!(rows, ["c", "b"]);
        let mut rows = vec!["c", "b"];
        assert_eq!(cut(&mut rows, 2, |r| r), None);
    }
}
