//! Bearer secrets (session cookies, API tokens): random, shown once, stored only as a SHA-256.

use sha2::{Digest, Sha256};

use crate::submission::random_bytes;

/// Prefix of API tokens, so that a leaked one is recognisable in logs and secret scanners.
pub const API_TOKEN_PREFIX: &str = "koubei_";

/// 256 random bits as hex.
pub fn mint() -> String {
    hex::encode(random_bytes::<32>())
}

/// A new API token: the prefix and 256 random bits.
pub fn mint_api_token() -> String {
    format!("{API_TOKEN_PREFIX}{}", mint())
}

/// What the database keeps instead of the secret. Unsalted is fine: the secret has 256 bits.
pub fn digest(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_digests_are_fixed_width() {
        let a = mint_api_token();
        assert!(a.starts_with(API_TOKEN_PREFIX));
        assert_eq!(a.len(), API_TOKEN_PREFIX.len() + 64);
        assert_ne!(a, mint_api_token());
        assert_eq!(digest(&a).len(), 64);
        assert_eq!(digest(&a), digest(&a));
    }
}
