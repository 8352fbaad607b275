//! Signed statements (verifiable badges): what a badge or an embed card claims — survey,
//! snapshot, subject, NPS, interval, tier, publication and expiry — signed with the council's
//! Ed25519 key, so anyone can check a copied badge against the council's public key or at
//! `/verify/{token}`. A token is `base64url(statement JSON) "." base64url(signature)`.
//!
//! The key is made once, on first use, and kept in `server_secrets` (every instance on one
//! database signs alike; it does not change when the respondent key moves to a key file).

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use sha2::{Digest, Sha256};
use time::{Duration, OffsetDateTime};

use super::snapshots::{self, Snapshot};
use super::ResultsError;
use crate::db::{timestamp, Database, DatabaseError};
use crate::submission::random_bytes;
use domain::results::SubjectResult;
pub use domain::verify::{Standing, Statement};

const KEY_NAME: &str = "badge-signing-key";

/// How long a statement stays valid after its snapshot's publication.
pub const VALID_DAYS: i64 = 365;

/// The longest token `read` looks at: a statement is a few hundred bytes.
const MAX_TOKEN_LEN: usize = 4096;

/// The statement a snapshot makes about one of its subjects.
pub fn statement_of(survey: &str, snapshot: &Snapshot, subject: &SubjectResult) -> Statement {
    let expires_at = timestamp::parse(&snapshot.published_at)
        .map(|at| timestamp::format(at + Duration::days(VALID_DAYS)))
        .unwrap_or_else(|| snapshot.published_at.clone());
    Statement {
        v: 1,
        survey: survey.to_string(),
        snapshot: snapshot.number,
        subject: subject.subject.clone(),
        subject_name_zh: subject.name_zh.clone(),
        subject_name_en: subject.name_en.clone(),
        status: subject.status,
        nps: subject.nps.map(one_decimal),
        ci_low: subject.ci_low.map(one_decimal),
        ci_high: subject.ci_high.map(one_decimal),
        level: snapshot.level,
        tier: subject.tier,
        published_at: snapshot.published_at.clone(),
        expires_at,
    }
}

/// Rounded as shown (and short in the token).
fn one_decimal(value: f64) -> f64 {
    (value * 10.0).round() / 10.0
}

/// The council's signing key.
#[derive(Clone)]
pub struct BadgeKey {
    signing: SigningKey,
}

impl std::fmt::Debug for BadgeKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "BadgeKey({})", self.key_id())
    }
}

impl BadgeKey {
    /// The key stored in the database, made on first use. Two instances starting at once both
    /// try to insert one; the loser reads the winner's.
    pub async fn load_or_create(db: &Database) -> Result<BadgeKey, DatabaseError> {
        if let Some(key) = Self::load(db).await? {
            return Ok(key);
        }
        sqlx::query(
            "INSERT INTO server_secrets (name, value, created_at) VALUES ($1, $2, $3)
             ON CONFLICT (name) DO NOTHING",
        )
        .bind(KEY_NAME)
        .bind(hex::encode(random_bytes::<32>()))
        .bind(timestamp::now())
        .execute(db.pool())
        .await?;
        Self::load(db)
            .await?
            .ok_or_else(|| DatabaseError::Corrupt("the badge signing key vanished".into()))
    }

    async fn load(db: &Database) -> Result<Option<BadgeKey>, DatabaseError> {
        let row: Option<(String,)> =
            sqlx::query_as("SELECT value FROM server_secrets WHERE name = $1")
                .bind(KEY_NAME)
                .fetch_optional(db.pool())
                .await?;
        row.map(|(value,)| {
            let seed: [u8; 32] = hex::decode(value.trim())
                .ok()
                .and_then(|bytes| bytes.try_into().ok())
                .ok_or_else(|| DatabaseError::Corrupt("the badge signing key".into()))?;
            Ok(BadgeKey::from_seed(seed))
        })
        .transpose()
    }

    pub fn from_seed(seed: [u8; 32]) -> BadgeKey {
        BadgeKey {
            signing: SigningKey::from_bytes(&seed),
        }
    }

    pub fn verifying_key(&self) -> VerifyingKey {
        self.signing.verifying_key()
    }

    /// The public key as base64url, as published at the well-known address.
    pub fn public_key(&self) -> String {
        URL_SAFE_NO_PAD.encode(self.verifying_key().to_bytes())
    }

    /// A short name of the key: the first 8 bytes of its SHA-256, in hex.
    pub fn key_id(&self) -> String {
        hex::encode(&Sha256::digest(self.verifying_key().to_bytes())[..8])
    }

    /// The statement and its signature as one token.
    pub fn sign(&self, statement: &Statement) -> String {
        let body = serde_json::to_vec(statement)
            .unwrap_or_else(|_| unreachable!("a statement is plain data"));
        let signature = self.signing.sign(&body);
        format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode(&body),
            URL_SAFE_NO_PAD.encode(signature.to_bytes())
        )
    }

    /// The statement in `token` when the token is well formed and this key signed it.
    pub fn read(&self, token: &str) -> Option<Statement> {
        if token.len() > MAX_TOKEN_LEN {
            return None;
        }
        let (body, signature) = token.split_once('.')?;
        let body = URL_SAFE_NO_PAD.decode(body).ok()?;
        let signature = Signature::from_slice(&URL_SAFE_NO_PAD.decode(signature).ok()?).ok()?;
        self.verifying_key().verify_strict(&body, &signature).ok()?;
        serde_json::from_slice(&body).ok()
    }
}

/// Checks a genuine statement against the snapshots as they are now.
pub async fn standing(
    db: &Database,
    statement: &Statement,
    now: OffsetDateTime,
) -> Result<Standing, ResultsError> {
    let survey_id: Option<(String,)> = sqlx::query_as("SELECT id FROM surveys WHERE slug = $1")
        .bind(&statement.survey)
        .fetch_optional(db.pool())
        .await?;
    let latest = match survey_id {
        Some((id,)) => snapshots::find(db, &id, None).await?,
        None => None,
    };
    if let Some(latest) = latest.filter(|l| l.number > statement.snapshot) {
        return Ok(Standing::Superseded {
            latest: latest.number,
            now: latest
                .results
                .subjects
                .into_iter()
                .find(|s| s.subject == statement.subject)
                .map(Box::new),
            changelog: latest.changelog,
        });
    }
    if statement.expires_at <= timestamp::format(now) {
        return Ok(Standing::Expired);
    }
    Ok(Standing::Valid)
}

#[cfg(test)]
mod tests {
    use super::*;
    use domain::results::ResultStatus;

    fn statement() -> Statement {
        Statement {
            v: 1,
            survey: "dental-clinics-2025".into(),
            snapshot: 1,
            subject: "smile-line-dental".into(),
            subject_name_zh: "微笑线齿科".into(),
            subject_name_en: "Smile Line Dental".into(),
            status: ResultStatus::Ranked,
            nps: Some(30.1),
            ci_low: Some(22.1),
            ci_high: Some(37.6),
            level: 0.95,
            tier: Some(1),
            published_at: "2026-03-15T02:00:00.000Z".into(),
            expires_at: "2027-03-15T02:00:00.000Z".into(),
        }
    }

    #[test]
    fn a_signed_statement_reads_back_only_with_the_key_that_signed_it() {
        let key = BadgeKey::from_seed([7; 32]);
        let token = key.sign(&statement());
        assert_eq!(key.read(&token), Some(statement()));
        assert_eq!(BadgeKey::from_seed([8; 32]).read(&token), None);
        assert_eq!(key.key_id().len(), 16);
    }

    #[test]
    fn a_changed_number_or_a_broken_token_is_not_genuine() {
        let key = BadgeKey::from_seed([7; 32]);
        let token = key.sign(&statement());
        let (_, signature) = token.split_once('.').expect("two parts");
        let mut inflated = statement();
        inflated.nps = Some(60.0);
        let forged_body = URL_SAFE_NO_PAD.encode(serde_json::to_vec(&inflated).expect("json"));
        assert_eq!(key.read(&format!("{forged_body}.{signature}")), None);
        for broken in [
            "",
            ".",
            "abc",
            "abc.def",
            &token[..token.len() - 2],
            &"a".repeat(5000),
        ] {
            assert_eq!(key.read(broken), None, "{broken}");
        }
    }
}
