//! Receipt codes: what a respondent keeps to see or withdraw their own submission later
//! (`/my-answers`). A code is derived from the submission with the server key, so a retried
//! submission gets the same code and nobody without the key can make one; the database keeps
//! only a keyed digest of it.

use super::secret::ServerSecret;

/// Crockford's base-32 alphabet: no I, L, O or U, so a code read aloud or copied by hand from
/// a phone survives the usual confusions (which [`ReceiptCode::parse`] also forgives).
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// Characters in a code: 50 bits, far beyond guessing through a rate-limited page.
pub const CODE_LEN: usize = 10;

/// A receipt code in its canonical form: ten characters of [`ALPHABET`].
#[derive(Clone, PartialEq, Eq)]
pub struct ReceiptCode(String);

impl std::fmt::Debug for ReceiptCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // A code is a credential: logs never show it.
        f.write_str("ReceiptCode(…)")
    }
}

impl ReceiptCode {
    /// The code of one submission of one survey.
    pub fn of_submission(secret: &ServerSecret, survey_id: &str, submission_id: &str) -> Self {
        let hash = secret.keyed_hash("receipt-code", &format!("{survey_id}\n{submission_id}"));
        let bytes = hex::decode(&hash).unwrap_or_default();
        // 5 bits per character from the first 7 bytes (56 bits; 50 used).
        let mut bits: u64 = 0;
        for byte in bytes.iter().take(7) {
            bits = (bits << 8) | u64::from(*byte);
        }
        let code = (0..CODE_LEN)
            .map(|i| ALPHABET[((bits >> (51 - 5 * i)) & 31) as usize] as char)
            .collect();
        ReceiptCode(code)
    }

    /// A code as a person typed it: any case, with spaces or hyphens, full-width characters,
    /// and O/I/L for 0/1/1. `None` when it cannot be a code.
    pub fn parse(typed: &str) -> Option<ReceiptCode> {
        let mut code = String::with_capacity(CODE_LEN);
        for c in typed.chars() {
            let c = full_width_to_ascii(c).to_ascii_uppercase();
            let c = match c {
                ' ' | '-' | '\u{3000}' | '\t' => continue,
                'O' => '0',
                'I' | 'L' => '1',
                other => other,
            };
            if !c.is_ascii() || !ALPHABET.contains(&(c as u8)) {
                return None;
            }
            code.push(c);
        }
        (code.len() == CODE_LEN).then_some(ReceiptCode(code))
    }

    /// The digest stored with the submission's answers.
    pub fn digest(&self, secret: &ServerSecret) -> String {
        secret.keyed_hash("receipt-digest", &self.0)
    }

    /// The code as shown to people: two groups of five, easy to copy by hand.
    pub fn display(&self) -> String {
        format!("{}-{}", &self.0[..5], &self.0[5..])
    }
}

fn full_width_to_ascii(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_submission_always_gets_the_same_code_and_another_one_another() {
        let secret = ServerSecret::for_tests(7);
        let a = ReceiptCode::of_submission(&secret, "survey", "submission-a");
        assert_eq!(
            a,
            ReceiptCode::of_submission(&secret, "survey", "submission-a")
        );
        assert_ne!(
            a,
            ReceiptCode::of_submission(&secret, "survey", "submission-b")
        );
        assert_ne!(
            a,
            ReceiptCode::of_submission(&ServerSecret::for_tests(8), "survey", "submission-a")
        );
        assert_eq!(a.display().len(), CODE_LEN + 1);
    }

    #[test]
    fn typed_codes_are_forgiven_case_spacing_full_width_and_look_alikes() {
        let secret = ServerSecret::for_tests(7);
        let code = ReceiptCode::of_submission(&secret, "s", "x");
        let shown = code.display();
        assert_eq!(ReceiptCode::parse(&shown), Some(code.clone()));
        assert_eq!(
            ReceiptCode::parse(&shown.to_lowercase()),
            Some(code.clone())
        );
        let spaced: String = shown.chars().flat_map(|c| [c, ' ']).collect();
        assert_eq!(ReceiptCode::parse(&spaced), Some(code.clone()));
        let full_width: String = shown
            .chars()
            .map(|c| match c {
                '!'..='~' => char::from_u32(c as u32 + 0xFEE0).unwrap(),
                other => other,
            })
            .collect();
        assert_eq!(ReceiptCode::parse(&full_width), Some(code.clone()));
        assert_eq!(
            ReceiptCode::parse("O1L0I-ABCDE").map(|c| c.display()),
            Some("01101-ABCDE".to_string())
        );
    }

    #[test]
    fn things_that_are_not_codes_are_refused() {
        for typed in [
            "",
            "ABCDE",
            "ABCDE-FGHJKM",
            "ABCDE-FGHJU",
            "ABCDE-FGH#K",
            "漢字漢字漢字漢字漢字",
        ] {
            assert_eq!(ReceiptCode::parse(typed), None, "{typed}");
        }
    }
}
