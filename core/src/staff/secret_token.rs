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

/// The secret of an `Authorization: Bearer …` value. The scheme's name is case-insensitive
/// (RFC 9110), so `bearer …` works too; an empty secret is none.
pub fn bearer_secret(authorization: &str) -> Option<&str> {
    let (scheme, secret) = authorization.trim().split_once(' ')?;
    let secret = secret.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !secret.is_empty()).then_some(secret)
}

/// What the database keeps instead of the secret. Unsalted is fine: the secret has 256 bits.
pub fn digest(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bearer_scheme_is_case_insensitive() {
        assert_eq!(bearer_secret("Bearer abc"), Some("abc"));
        assert_eq!(bearer_secret("bearer  abc "), Some("abc"));
        assert_eq!(bearer_secret("BEARER abc"), Some("abc"));
        assert_eq!(bearer_secret("Bearer "), None);
        assert_eq!(bearer_secret("Basic abc"), None);
        assert_eq!(bearer_secret("Bearerabc"), None);
    }

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
