//! The formula-injection guard shared by the CSV and XLSX writers.

use std::borrow::Cow;

/// Prefixes `'` to text that a spreadsheet could take for a formula (OWASP CSV injection advice).
///
/// Triggers are a leading `=`, `+`, `-`, `@`, tab or carriage return. Respondents write free text
/// (reasons) that staff open in Excel/WPS, so a reason like `=HYPERLINK(..)` must stay inert.
/// Apply it to text only: numbers are typed cells and a negative NPS must stay a number.
pub fn neutralize(text: &str) -> Cow<'_, str> {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => Cow::Owned(format!("'{text}")),
        _ => Cow::Borrowed(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_trigger_character_is_prefixed_with_a_quote() {
        for text in ["=1+1", "+86 138", "-12.5", "@SUM(A1)", "\tcmd", "\r=cmd"] {
            let neutral = neutralize(text);
            assert!(matches!(neutral, Cow::Owned(_)), "{text:?}");
            assert_eq!(neutral, format!("'{text}"));
        }
    }

    #[test]
    fn other_text_is_borrowed_unchanged() {
        for text in [
            "",
            "服务很好",
            "a=b",
            " =1+1",
            "'=1",
            "1-2",
            "\n=1",
            "ok@example.com",
        ] {
            assert!(
                matches!(neutralize(text), Cow::Borrowed(t) if t == text),
                "{text:?}"
            );
        }
    }
}
