//! The server secret: the key for respondent cookies, client and network hashes, form tokens and
//! invitations. Kept in a key file outside the database (`key_file`), or, where no file is
//! named on PostgreSQL, in the database, so restarts and every instance agree on it.

use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::db::{timestamp, Database, DatabaseError};

const SECRET_NAME: &str = "respondent-key";

/// A 256-bit key. `Debug` never shows it.
#[derive(Clone)]
pub struct ServerSecret {
    key: [u8; 32],
}

impl std::fmt::Debug for ServerSecret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ServerSecret(…)")
    }
}

impl ServerSecret {
    /// Reads the secret from the database, creating it on first use. Two instances starting at
    /// once both try to insert; the loser reads the winner's.
    pub async fn load_or_create(db: &Database) -> Result<ServerSecret, DatabaseError> {
        if let Some(secret) = Self::load(db).await? {
            return Ok(secret);
        }
        let fresh = hex::encode(random_bytes::<32>());
        sqlx::query(
            "INSERT INTO server_secrets (name, value, created_at) VALUES ($1, $2, $3)
             ON CONFLICT (name) DO NOTHING",
        )
        .bind(SECRET_NAME)
        .bind(&fresh)
        .bind(timestamp::now())
        .execute(db.pool())
        .await?;
        Self::load(db)
            .await?
            .ok_or_else(|| DatabaseError::Corrupt("the server secret vanished".to_string()))
    }

    /// The key as bytes, for moving it into a key file.
    pub(super) fn bytes(&self) -> [u8; 32] {
        self.key
    }

    /// A key from its bytes (a key file, or a fixed key for fuzzing).
    pub fn from_bytes(key: [u8; 32]) -> ServerSecret {
        ServerSecret { key }
    }

    /// Removes the key from the database once its key file holds it.
    pub(super) async fn forget_stored(db: &Database) -> Result<(), DatabaseError> {
        sqlx::query("DELETE FROM server_secrets WHERE name = $1")
            .bind(SECRET_NAME)
            .execute(db.pool())
            .await?;
        Ok(())
    }

    /// The key kept in the database, if it is there.
    pub(super) async fn load(db: &Database) -> Result<Option<ServerSecret>, DatabaseError> {
        let row: Option<(String,)> =
            sqlx::query_as("SELECT value FROM server_secrets WHERE name = $1")
                .bind(SECRET_NAME)
                .fetch_optional(db.pool())
                .await?;
        row.map(|(value,)| {
            let bytes = hex::decode(value.trim())
                .ok()
                .and_then(|b| <[u8; 32]>::try_from(b).ok())
                .ok_or_else(|| DatabaseError::Corrupt("the server secret is malformed".into()))?;
            Ok(ServerSecret { key: bytes })
        })
        .transpose()
    }

    #[cfg(test)]
    pub fn for_tests(byte: u8) -> ServerSecret {
        ServerSecret { key: [byte; 32] }
    }

    /// HMAC-SHA256 of `purpose` and `input`, as 32 hex characters (128 bits). The purpose keeps
    /// hashes made for different jobs from ever being comparable.
    pub fn keyed_hash(&self, purpose: &str, input: &str) -> String {
        let mut mac = self.mac();
        mac.update(purpose.as_bytes());
        mac.update(&[0]);
        mac.update(input.as_bytes());
        hex::encode(&mac.finalize().into_bytes()[..16])
    }

    /// Whether `tag` is `keyed_hash(purpose, input)`, compared in constant time.
    pub fn verify(&self, purpose: &str, input: &str, tag: &str) -> bool {
        let Some(tag) = hex::decode(tag).ok().filter(|t| t.len() == 16) else {
            return false;
        };
        let mut mac = self.mac();
        mac.update(purpose.as_bytes());
        mac.update(&[0]);
        mac.update(input.as_bytes());
        mac.verify_truncated_left(&tag).is_ok()
    }

    fn mac(&self) -> Hmac<Sha256> {
        <Hmac<Sha256> as Mac>::new_from_slice(&self.key)
            .unwrap_or_else(|_| unreachable!("HMAC takes keys of any length"))
    }
}

/// Bytes from the operating system's random source.
pub fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).unwrap_or_else(|error| {
        // Without randomness no cookie or key can be trusted: stopping is the only safe choice.
        panic!("the operating system's random source failed: {error}")
    });
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_depend_on_key_purpose_and_input() {
        let secret = ServerSecret::for_tests(1);
        let hash = secret.keyed_hash("client", "1.2.3.4");
        assert_eq!(hash.len(), 32);
        assert_eq!(hash, secret.keyed_hash("client", "1.2.3.4"));
        assert_ne!(hash, secret.keyed_hash("respondent", "1.2.3.4"));
        assert_ne!(hash, secret.keyed_hash("client", "1.2.3.5"));
        assert_ne!(
            hash,
            ServerSecret::for_tests(2).keyed_hash("client", "1.2.3.4")
        );
    }

    #[test]
    fn verification_accepts_only_the_right_tag() {
        let secret = ServerSecret::for_tests(7);
        let tag = secret.keyed_hash("cookie", "abc");
        assert!(secret.verify("cookie", "abc", &tag));
        assert!(!secret.verify("cookie", "abd", &tag));
        assert!(!secret.verify("cookie", "abc", &tag[..30]));
        assert!(!secret.verify("cookie", "abc", "not hex"));
        assert!(!format!("{secret:?}").contains("07"));
    }
}
