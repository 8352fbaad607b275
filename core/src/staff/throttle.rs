//! Sign-in throttling, decided before the password is checked, that slows guessing without
//! letting a stranger lock a known person out.
//!
//! A client is its network address alone (a keyed hash; the user agent is the attacker's to
//! change). Three rules over a sliding window:
//! - one address guessing one account: five failures, then that address waits;
//! - one address trying many accounts: twenty failures, then it waits for every account;
//! - one account guessed from many addresses: past fifty failures, every address that has
//!   itself failed for the account waits, while an address with no failures — the owner at
//!   their own desk — still signs in with the right password.
//!
//! Each lockout is written to the audit log once, when it starts; `koubei admin unlock` (and
//! a successful sign-in) forgives an account's failures.

use serde::Serialize;
use time::{Duration, OffsetDateTime};

use super::audit::{self, Change};
use super::{secret_token, Actor, StaffError};
use crate::db::{new_id, timestamp, Database};

/// Failures counted over this sliding window.
pub const WINDOW: Duration = Duration::minutes(15);
/// Guessing one account's password from one address: five tries, then wait.
pub const MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS: i64 = 5;
/// Spraying many accounts from one address: a little more room for typos across an office.
pub const MAX_FAILURES_PER_ADDRESS: i64 = 20;
/// Guessing one account from many addresses: then only addresses that failed for it wait.
pub const MAX_FAILURES_PER_ACCOUNT: i64 = 50;

/// Which rule locked an attempt out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
enum Rule {
    AccountAndAddress,
    Address,
    Account,
}

impl Rule {
    fn limit(self) -> i64 {
        match self {
            Rule::AccountAndAddress => MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS,
            Rule::Address => MAX_FAILURES_PER_ADDRESS,
            Rule::Account => MAX_FAILURES_PER_ACCOUNT,
        }
    }

    /// Every rule binds the same four parameters (account digest, address hash, window start,
    /// limit); a rule that does not filter by one compares it with itself.
    fn sql(self) -> &'static str {
        match self {
            Rule::AccountAndAddress => {
                "SELECT failed_at FROM sign_in_failures
                 WHERE email_digest = $1 AND client_hash = $2 AND failed_at > $3
                 ORDER BY failed_at DESC LIMIT $4"
            }
            Rule::Address => {
                "SELECT failed_at FROM sign_in_failures
                 WHERE client_hash = $2 AND failed_at > $3 AND $1 = $1
                 ORDER BY failed_at DESC LIMIT $4"
            }
            Rule::Account => {
                "SELECT failed_at FROM sign_in_failures
                 WHERE email_digest = $1 AND failed_at > $3 AND $2 = $2
                 ORDER BY failed_at DESC LIMIT $4"
            }
        }
    }
}

/// Refuses the attempt with the seconds to wait when a rule has locked it out.
/// `address_hash` is the keyed hash of the client's network address.
pub async fn check(db: &Database, email: &str, address_hash: &str) -> Result<(), StaffError> {
    let now = OffsetDateTime::now_utc();
    let digest = secret_token::digest(email);
    let mut locked_until: Option<OffsetDateTime> = None;
    // This address's own failures for the account, read once: the first rule's count, and
    // whether the many-addresses rule applies (it never stops an address that has not failed).
    let own = failures(db, Rule::AccountAndAddress, &digest, address_hash, now).await?;
    let mut rules = vec![(Rule::AccountAndAddress, own.clone())];
    rules.push((
        Rule::Address,
        failures(db, Rule::Address, &digest, address_hash, now).await?,
    ));
    if !own.is_empty() {
        rules.push((
            Rule::Account,
            failures(db, Rule::Account, &digest, address_hash, now).await?,
        ));
    }
    for (rule, rows) in rules {
        if let Some(oldest) = oldest_if_full(rule, &rows) {
            locked_until = locked_until.max(Some(oldest + WINDOW));
        }
    }
    match locked_until {
        Some(until) if until > now => Err(StaffError::Throttled {
            retry_after_s: (until - now).whole_seconds().max(1) as u64,
        }),
        _ => Ok(()),
    }
}

/// The oldest of a rule's latest `limit` failures, when there are that many.
fn oldest_if_full(rule: Rule, rows: &[(String,)]) -> Option<OffsetDateTime> {
    if (rows.len() as i64) < rule.limit() {
        return None;
    }
    rows.last().and_then(|(at,)| timestamp::parse(at))
}

async fn failures(
    db: &Database,
    rule: Rule,
    email_digest: &str,
    address_hash: &str,
    now: OffsetDateTime,
) -> Result<Vec<(String,)>, StaffError> {
    Ok(sqlx::query_as(rule.sql())
        .bind(email_digest)
        .bind(address_hash)
        .bind(timestamp::format(now - WINDOW))
        .bind(rule.limit())
        .fetch_all(db.pool())
        .await?)
}

/// What the audit log keeps about a lockout: never the address typed, only digests' prefixes.
#[derive(Serialize)]
struct Lockout {
    rule: Rule,
    failures: i64,
    window_minutes: i64,
    account: String,
    address: String,
}

/// Counts a failed attempt (also sweeps failures older than the window), and audits any
/// lockout this failure starts. `user_id` names the account when the address is a staff one.
pub async fn record_failure(
    db: &Database,
    email: &str,
    address_hash: &str,
    user_id: Option<&str>,
) -> Result<(), StaffError> {
    let now = OffsetDateTime::now_utc();
    let digest = secret_token::digest(email);
    let mut tx = db.begin_write().await?;
    sqlx::query("DELETE FROM sign_in_failures WHERE failed_at < $1")
        .bind(timestamp::format(now - WINDOW))
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO sign_in_failures (id, email_digest, client_hash, failed_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(new_id())
    .bind(&digest)
    .bind(address_hash)
    .bind(timestamp::format(now))
    .execute(&mut *tx)
    .await?;
    for rule in [Rule::AccountAndAddress, Rule::Address, Rule::Account] {
        let counted: Vec<(String,)> = sqlx::query_as(rule.sql())
            .bind(&digest)
            .bind(address_hash)
            .bind(timestamp::format(now - WINDOW))
            .bind(rule.limit() + 1)
            .fetch_all(&mut *tx)
            .await?;
        // Exactly at the limit: this failure is the one that starts the lockout.
        if counted.len() as i64 == rule.limit() {
            let lockout = Lockout {
                rule,
                failures: rule.limit(),
                window_minutes: WINDOW.whole_minutes(),
                account: digest[..16].to_string(),
                address: address_hash[..address_hash.len().min(16)].to_string(),
            };
            let (entity, entity_id) = match user_id {
                Some(id) => ("staff_user", id.to_string()),
                None => ("sign_in", digest[..16].to_string()),
            };
            audit::record(
                &mut tx,
                &Actor::Anonymous,
                Change::new("sign_in.locked", entity, &entity_id).after(&lockout),
            )
            .await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

/// Forgives an account's failures (a successful sign-in, or `koubei admin unlock`); returns
/// how many there were.
pub async fn clear(db: &Database, email: &str) -> Result<u64, StaffError> {
    Ok(
        sqlx::query("DELETE FROM sign_in_failures WHERE email_digest = $1")
            .bind(secret_token::digest(email))
            .execute(db.pool())
            .await?
            .rows_affected(),
    )
}
