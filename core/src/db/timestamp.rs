//! Times are stored as fixed-width UTC text (`2026-11-28T22:25:03.123Z`) on both databases, so
//! they compare and sort correctly as strings and read well in either database's console.

use time::format_description::FormatItem;
use time::macros::{format_description, offset};
use time::{OffsetDateTime, UtcOffset};

const STORED: &[FormatItem<'static>] =
    format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z");
const DATE: &[FormatItem<'static>] = format_description!("[year]-[month]-[day]");

/// The council's civil time zone (China Standard Time has no daylight saving).
pub const COUNCIL_OFFSET: UtcOffset = offset!(+8);

/// Formats an instant in the stored form.
pub fn format(at: OffsetDateTime) -> String {
    at.to_offset(UtcOffset::UTC)
        .format(STORED)
        .unwrap_or_else(|_| unreachable!("the stored format has no fallible components"))
}

/// Milliseconds since the Unix epoch (for signed form times).
pub fn unix_ms(at: OffsetDateTime) -> i64 {
    (at.unix_timestamp_nanos() / 1_000_000) as i64
}

/// The current time in the stored form.
pub fn now() -> String {
    format(OffsetDateTime::now_utc())
}

/// Parses a stored time; `None` for anything not in the stored form.
pub fn parse(stored: &str) -> Option<OffsetDateTime> {
    let naive = stored.strip_suffix('Z')?;
    time::PrimitiveDateTime::parse(
        naive,
        format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]"),
    )
    .ok()
    .map(|t| t.assume_utc())
}

/// Date and minute of a stored time in the council's time zone, for display.
pub fn council_minute(stored: &str) -> Option<String> {
    parse(stored)?
        .to_offset(COUNCIL_OFFSET)
        .format(format_description!("[year]-[month]-[day] [hour]:[minute]"))
        .ok()
}

/// Reads a minute in the council's time zone, `2027-03-15 10:00` or `2027-03-15T10:00` (a
/// browser's date-time field), as an instant; `None` for anything else.
pub fn parse_council_minute(text: &str) -> Option<OffsetDateTime> {
    let text = text.trim().replacen('T', " ", 1);
    time::PrimitiveDateTime::parse(
        &text,
        format_description!("[year]-[month]-[day] [hour]:[minute]"),
    )
    .ok()
    .map(|t| t.assume_offset(COUNCIL_OFFSET).to_offset(UtcOffset::UTC))
}

/// The calendar date of a stored time in the council's time zone, for display.
pub fn council_date(stored: &str) -> Option<String> {
    parse(stored)?.to_offset(COUNCIL_OFFSET).format(DATE).ok()
}

/// The stored time at which a council day (`2026-12-07`) begins (00:00 Beijing time); `days`
/// later with `days = 1` is where it ends. `None` for text that is not a date.
pub fn council_day_start(date: &str, days: i64) -> Option<String> {
    let day = time::Date::parse(date.trim(), DATE).ok()?;
    let start = day.with_hms(0, 0, 0).ok()?.assume_offset(COUNCIL_OFFSET);
    Some(format(start + time::Duration::days(days)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn formats_fixed_width_utc() {
        let at = datetime!(2026-11-28 22:25:03.1234 +08:00);
        assert_eq!(format(at), "2026-11-28T14:25:03.123Z");
        assert_eq!(
            format(datetime!(2027-01-02 03:04:05 UTC)),
            "2027-01-02T03:04:05.000Z"
        );
    }

    #[test]
    fn display_times_are_in_china_time() {
        assert_eq!(
            council_minute("2026-12-06T16:05:09.000Z").as_deref(),
            Some("2026-12-07 00:05")
        );
        assert_eq!(council_minute("yesterday"), None);
    }

    #[test]
    fn parse_inverts_format() {
        let stored = "2026-11-28T14:25:03.123Z";
        assert_eq!(parse(stored).map(format).as_deref(), Some(stored));
        assert_eq!(parse("2026-11-28 14:25:03"), None);
    }

    #[test]
    fn council_date_is_shenzhen_local() {
        assert_eq!(
            council_date("2027-01-31T15:59:59.000Z").as_deref(),
            Some("2027-01-31")
        );
        assert_eq!(
            council_date("2027-01-31T16:00:00.000Z").as_deref(),
            Some("2027-02-01")
        );
    }

    #[test]
    fn a_council_day_begins_at_midnight_beijing_time() {
        assert_eq!(
            council_day_start("2026-12-07", 0).as_deref(),
            Some("2026-12-06T16:00:00.000Z")
        );
        assert_eq!(
            council_day_start(" 2026-12-31 ", 1).as_deref(),
            Some("2026-12-31T16:00:00.000Z")
        );
        assert_eq!(council_day_start("2026-13-01", 0), None);
        assert_eq!(council_day_start("yesterday", 0), None);
    }
}
