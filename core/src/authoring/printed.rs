//! What poster batches and invitation batches share: a name staff type for them, and a code
//! printed on paper that people may have to type back.

use super::definition::Problem;
use super::AuthoringError;
use crate::submission::secret::random_bytes;

pub const NAME_MAX_CHARS: usize = 100;
/// Letters and digits nobody confuses when typing a code from paper (no 0/O, 1/I/L).
const CODE_ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/// A batch's name, trimmed: 1 to 100 visible characters.
pub fn batch_name(name: &str) -> Result<&str, AuthoringError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(AuthoringError::invalid("name", Problem::Required));
    }
    if name.chars().count() > NAME_MAX_CHARS || name.chars().any(char::is_control) {
        return Err(AuthoringError::invalid("name", Problem::TooLong));
    }
    Ok(name)
}

/// A fresh random code of `LEN` characters from the unambiguous alphabet.
pub fn new_code<const LEN: usize>() -> String {
    random_bytes::<LEN>()
        .iter()
        .map(|b| CODE_ALPHABET[usize::from(*b) % CODE_ALPHABET.len()] as char)
        .collect()
}
