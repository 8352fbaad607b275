//! What an invitation says: `BATCHCODE-N-TAG`, its batch's code, its number in the batch, and a
//! keyed hash of both. Nothing per invitation is stored until it is spent, so staff can print a
//! batch again whenever they like, and nobody without the server secret can make one up.

use super::secret::ServerSecret;

const PURPOSE: &str = "invitation";
/// Hex digits of the keyed hash an invitation carries: 48 bits, far beyond guessing through a
/// rate-limited form, short enough for a small QR code.
const TAG_LEN: usize = 12;

/// A genuine invitation: its batch's code and its number (from 1).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Invitation {
    pub batch_code: String,
    pub number: i64,
}

/// Invitation `number` of the batch with `batch_code`, as printed in its link.
pub fn invitation_code(secret: &ServerSecret, batch_code: &str, number: i64) -> String {
    let body = format!("{batch_code}-{number}");
    let tag = secret.keyed_hash(PURPOSE, &body);
    format!("{body}-{}", &tag[..TAG_LEN])
}

/// Reads an invitation code; `None` for anything the server did not issue (typos, edits,
/// guesses). Case and surrounding spaces do not matter: people copy codes from paper.
pub fn read_invitation_code(secret: &ServerSecret, text: &str) -> Option<Invitation> {
    let text = text.trim();
    if text.len() > 64 {
        return None;
    }
    let mut parts = text.splitn(3, '-');
    let batch_code = parts.next()?.to_ascii_uppercase();
    let number = parts.next()?;
    let tag = parts.next()?.to_ascii_lowercase();
    let well_formed = (4..=16).contains(&batch_code.len())
        && batch_code.bytes().all(|b| b.is_ascii_alphanumeric())
        && !number.is_empty()
        && number.len() <= 6
        && number.bytes().all(|b| b.is_ascii_digit())
        && tag.len() == TAG_LEN;
    if !well_formed {
        return None;
    }
    let number: i64 = number.parse().ok().filter(|n| *n >= 1)?;
    let expected = invitation_code(secret, &batch_code, number);
    let expected_tag = expected.rsplit('-').next().unwrap_or_default();
    same_in_constant_time(expected_tag.as_bytes(), tag.as_bytes())
        .then_some(Invitation { batch_code, number })
}

/// Compares without stopping at the first difference, so timing tells a guesser nothing.
fn same_in_constant_time(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |diff, (x, y)| diff | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_issued_invitation_reads_back_whatever_its_case() {
        let secret = ServerSecret::for_tests(9);
        let code = invitation_code(&secret, "K7Q2MXPA", 17);
        assert!(code.starts_with("K7Q2MXPA-17-"), "{code}");
        let expected = Some(Invitation {
            batch_code: "K7Q2MXPA".into(),
            number: 17,
        });
        assert_eq!(read_invitation_code(&secret, &code), expected);
        assert_eq!(
            read_invitation_code(&secret, &format!("  {}  ", code.to_lowercase())),
            expected
        );
    }

    #[test]
    fn edited_or_made_up_invitations_are_not_read() {
        let secret = ServerSecret::for_tests(9);
        let code = invitation_code(&secret, "K7Q2MXPA", 17);
        let next_number = code.replacen("-17-", "-18-", 1);
        assert_eq!(read_invitation_code(&secret, &next_number), None);
        let other_server = ServerSecret::for_tests(10);
        assert_eq!(read_invitation_code(&other_server, &code), None);
        for junk in [
            "",
            "K7Q2MXPA",
            "K7Q2MXPA-17",
            "K7Q2MXPA-0-000000000000",
            "a-1-b",
        ] {
            assert_eq!(read_invitation_code(&secret, junk), None, "{junk}");
        }
        let mut flipped = code.clone();
        let last = flipped.pop().expect("a tag");
        flipped.push(if last == '0' { '1' } else { '0' });
        assert_eq!(read_invitation_code(&secret, &flipped), None);
    }
}
