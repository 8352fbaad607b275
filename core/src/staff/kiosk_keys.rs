//! Kiosk keys: the only way to answer over the API. Staff issue one per kiosk or partner,
//! scoped to surveys and optionally capped per council day; shown once, stored as a digest,
//! revocable, every change audited. Without one, `POST …/responses` is refused, so a script can
//! no longer pour answers in through the API.

use std::collections::BTreeMap;

use serde::Serialize;
use sqlx::FromRow;
use time::OffsetDateTime;

use super::audit::{self, Change};
use super::{secret_token, Actor, StaffError};
use crate::db::timestamp::{self, COUNCIL_OFFSET};
use crate::db::{new_id, Database, DatabaseError};

/// Prefix of kiosk keys: recognisable in logs, and never mistaken for a staff API token.
pub const KIOSK_KEY_PREFIX: &str = "koubei_kiosk_";
/// The highest daily cap a key can have (the database checks the same bound).
pub const MAX_DAILY_LIMIT: i64 = 1_000_000;

/// A kiosk key as listed (never with its secret).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct KioskKey {
    pub id: String,
    pub name: String,
    /// Slugs of the surveys the key may answer, sorted.
    pub surveys: Vec<String>,
    /// Answers per council day; `None`: no cap.
    pub daily_limit: Option<i64>,
    /// Answers it sent that were stored today (council time).
    pub answers_today: i64,
    pub created_at: String,
    pub revoked_at: Option<String>,
    pub last_used_at: Option<String>,
}

/// A key just created: `secret` is shown once and never again.
pub struct CreatedKioskKey {
    pub kiosk_key: KioskKey,
    pub secret: String,
}

/// What a new key is for.
pub struct NewKioskKey<'a> {
    pub name: &'a str,
    pub survey_slugs: &'a [String],
    pub daily_limit: Option<i64>,
}

pub async fn create(
    db: &Database,
    actor: &Actor,
    new: NewKioskKey<'_>,
) -> Result<CreatedKioskKey, StaffError> {
    let name = new.name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(StaffError::InvalidTokenName);
    }
    if new
        .daily_limit
        .is_some_and(|limit| !(1..=MAX_DAILY_LIMIT).contains(&limit))
    {
        return Err(StaffError::InvalidDailyLimit);
    }
    let mut slugs: Vec<String> = new
        .survey_slugs
        .iter()
        .map(|slug| slug.trim().to_string())
        .filter(|slug| !slug.is_empty())
        .collect();
    slugs.sort();
    slugs.dedup();
    if slugs.is_empty() {
        return Err(StaffError::UnknownSurveys(Vec::new()));
    }
    let secret = format!("{KIOSK_KEY_PREFIX}{}", secret_token::mint());
    let kiosk_key = KioskKey {
        id: new_id(),
        name: name.to_string(),
        surveys: slugs.clone(),
        daily_limit: new.daily_limit,
        answers_today: 0,
        created_at: timestamp::now(),
        revoked_at: None,
        last_used_at: None,
    };
    let mut tx = db.begin_write().await?;
    let mut survey_ids = Vec::with_capacity(slugs.len());
    let mut unknown = Vec::new();
    for slug in &slugs {
        let id: Option<(String,)> = sqlx::query_as("SELECT id FROM surveys WHERE slug = $1")
            .bind(slug)
            .fetch_optional(&mut *tx)
            .await?;
        match id {
            Some((id,)) => survey_ids.push(id),
            None => unknown.push(slug.clone()),
        }
    }
    if !unknown.is_empty() {
        return Err(StaffError::UnknownSurveys(unknown));
    }
    sqlx::query(
        "INSERT INTO kiosk_keys (id, name, key_hash, daily_limit, created_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(&kiosk_key.id)
    .bind(&kiosk_key.name)
    .bind(secret_token::digest(&secret))
    .bind(kiosk_key.daily_limit)
    .bind(&kiosk_key.created_at)
    .execute(&mut *tx)
    .await?;
    for survey_id in &survey_ids {
        sqlx::query("INSERT INTO kiosk_key_surveys (kiosk_key_id, survey_id) VALUES ($1, $2)")
            .bind(&kiosk_key.id)
            .bind(survey_id)
            .execute(&mut *tx)
            .await?;
    }
    audit::record(
        &mut tx,
        actor,
        Change::new("kiosk_key.create", "kiosk_key", &kiosk_key.id).after(&kiosk_key),
    )
    .await?;
    tx.commit().await?;
    Ok(CreatedKioskKey { kiosk_key, secret })
}

#[derive(FromRow)]
struct KeyRow {
    id: String,
    name: String,
    daily_limit: Option<i64>,
    created_at: String,
    revoked_at: Option<String>,
    last_used_at: Option<String>,
    answers_today: i64,
}

const SELECT_KEYS: &str = "SELECT k.id, k.name, k.daily_limit, k.created_at, k.revoked_at,
        k.last_used_at,
        (SELECT COUNT(*) FROM responses r
         WHERE r.kiosk_key_id = k.id AND r.created_at >= $1) AS answers_today
    FROM kiosk_keys k";

/// Every key, newest first, with its surveys and the answers it had stored today.
pub async fn list(db: &Database) -> Result<Vec<KioskKey>, StaffError> {
    let rows: Vec<KeyRow> = sqlx::query_as(&format!("{SELECT_KEYS} ORDER BY k.created_at DESC"))
        .bind(council_day_start(OffsetDateTime::now_utc()))
        .fetch_all(db.pool())
        .await?;
    let scopes: Vec<(String, String)> = sqlx::query_as(
        "SELECT ks.kiosk_key_id, s.slug FROM kiosk_key_surveys ks
         JOIN surveys s ON s.id = ks.survey_id ORDER BY s.slug",
    )
    .fetch_all(db.pool())
    .await?;
    let mut surveys: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (key, slug) in scopes {
        surveys.entry(key).or_default().push(slug);
    }
    Ok(rows
        .into_iter()
        .map(|row| {
            let slugs = surveys.remove(&row.id).unwrap_or_default();
            listed(row, slugs)
        })
        .collect())
}

fn listed(row: KeyRow, surveys: Vec<String>) -> KioskKey {
    KioskKey {
        id: row.id,
        name: row.name,
        surveys,
        daily_limit: row.daily_limit,
        answers_today: row.answers_today,
        created_at: row.created_at,
        revoked_at: row.revoked_at,
        last_used_at: row.last_used_at,
    }
}

async fn one(db: &Database, id: &str) -> Result<KioskKey, StaffError> {
    let row: KeyRow = sqlx::query_as(&format!("{SELECT_KEYS} WHERE k.id = $2"))
        .bind(council_day_start(OffsetDateTime::now_utc()))
        .bind(id)
        .fetch_optional(db.pool())
        .await?
        .ok_or(StaffError::NotFound)?;
    let slugs: Vec<(String,)> = sqlx::query_as(
        "SELECT s.slug FROM kiosk_key_surveys ks JOIN surveys s ON s.id = ks.survey_id
         WHERE ks.kiosk_key_id = $1 ORDER BY s.slug",
    )
    .bind(id)
    .fetch_all(db.pool())
    .await?;
    Ok(listed(row, slugs.into_iter().map(|(slug,)| slug).collect()))
}

/// Revokes a key at once, on every instance; revoking one already revoked changes nothing.
pub async fn revoke(db: &Database, actor: &Actor, id: &str) -> Result<KioskKey, StaffError> {
    let before = one(db, id).await?;
    if before.revoked_at.is_some() {
        return Ok(before);
    }
    let after = KioskKey {
        revoked_at: Some(timestamp::now()),
        ..before.clone()
    };
    let mut tx = db.begin_write().await?;
    sqlx::query("UPDATE kiosk_keys SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL")
        .bind(&after.revoked_at)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    audit::record(
        &mut tx,
        actor,
        Change::new("kiosk_key.revoke", "kiosk_key", id)
            .before(&before)
            .after(&after),
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

/// Why a kiosk may not send this answer.
#[derive(Debug, thiserror::Error)]
pub enum KioskRefusal {
    #[error("unknown or revoked kiosk key")]
    Unknown,
    #[error("no such survey")]
    SurveyNotFound,
    #[error("the kiosk key does not cover this survey")]
    NotForSurvey,
    #[error("the kiosk key has sent its {limit} answers for today")]
    OverDailyLimit { limit: i64, retry_after_s: u64 },
    #[error(transparent)]
    Database(#[from] DatabaseError),
}

impl From<sqlx::Error> for KioskRefusal {
    fn from(error: sqlx::Error) -> Self {
        KioskRefusal::Database(DatabaseError::Query(error))
    }
}

/// An admitted kiosk, with the place it took in today's count if it has a cap; give that back
/// with [`release`] if the answer is then not stored, so refused answers do not use up the cap.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KioskPass {
    pub kiosk_key_id: String,
    counted_on: Option<String>,
}

#[derive(FromRow)]
struct AdmitRow {
    id: String,
    daily_limit: Option<i64>,
    last_used_at: Option<String>,
    covers: i64,
    survey_exists: i64,
}

/// Checks a presented secret against a survey and takes one place in the key's daily count.
pub async fn admit(
    db: &Database,
    secret: &str,
    survey_slug: &str,
) -> Result<KioskPass, KioskRefusal> {
    if !secret.starts_with(KIOSK_KEY_PREFIX) {
        return Err(KioskRefusal::Unknown);
    }
    let row: AdmitRow = sqlx::query_as(
        "SELECT k.id, k.daily_limit, k.last_used_at,
            (SELECT COUNT(*) FROM kiosk_key_surveys ks JOIN surveys s ON s.id = ks.survey_id
             WHERE ks.kiosk_key_id = k.id AND s.slug = $2) AS covers,
            (SELECT COUNT(*) FROM surveys WHERE slug = $2) AS survey_exists
         FROM kiosk_keys k WHERE k.key_hash = $1 AND k.revoked_at IS NULL",
    )
    .bind(secret_token::digest(secret))
    .bind(survey_slug)
    .fetch_optional(db.pool())
    .await?
    .ok_or(KioskRefusal::Unknown)?;
    if row.survey_exists == 0 {
        return Err(KioskRefusal::SurveyNotFound);
    }
    if row.covers == 0 {
        return Err(KioskRefusal::NotForSurvey);
    }
    let now = OffsetDateTime::now_utc();
    let counted_on = match row.daily_limit {
        Some(limit) => {
            let day = council_day(now);
            if !take_place(db, &row.id, &day, limit).await? {
                return Err(KioskRefusal::OverDailyLimit {
                    limit,
                    retry_after_s: seconds_to_next_council_day(now),
                });
            }
            Some(day)
        }
        None => None,
    };
    let stamp = timestamp::format(now);
    // At most one write a minute for "last used" (stored times compare as text).
    if row.last_used_at.as_deref().map(|t| &t[..t.len().min(16)]) != Some(&stamp[..16]) {
        sqlx::query("UPDATE kiosk_keys SET last_used_at = $1 WHERE id = $2")
            .bind(&stamp)
            .bind(&row.id)
            .execute(db.pool())
            .await?;
    }
    Ok(KioskPass {
        kiosk_key_id: row.id,
        counted_on,
    })
}

/// Takes one place in a capped key's count for `day`; `false` when the cap is reached. One
/// statement takes the place only while the count is below the cap, so concurrent answers on
/// several instances cannot overshoot it.
async fn take_place(
    db: &Database,
    kiosk_key_id: &str,
    day: &str,
    limit: i64,
) -> Result<bool, KioskRefusal> {
    let taken = sqlx::query(
        "INSERT INTO kiosk_key_days (kiosk_key_id, day, answers) VALUES ($1, $2, 1)
         ON CONFLICT (kiosk_key_id, day) DO UPDATE SET answers = kiosk_key_days.answers + 1
         WHERE kiosk_key_days.answers < $3",
    )
    .bind(kiosk_key_id)
    .bind(day)
    .bind(limit)
    .execute(db.pool())
    .await?
    .rows_affected();
    Ok(taken > 0)
}

/// Gives back a place taken by [`admit`] for an answer that was not stored.
pub async fn release(db: &Database, pass: &KioskPass) -> Result<(), DatabaseError> {
    let Some(day) = &pass.counted_on else {
        return Ok(());
    };
    sqlx::query(
        "UPDATE kiosk_key_days SET answers = answers - 1
         WHERE kiosk_key_id = $1 AND day = $2 AND answers > 0",
    )
    .bind(&pass.kiosk_key_id)
    .bind(day)
    .execute(db.pool())
    .await?;
    Ok(())
}

/// The council's calendar date of an instant: caps renew at midnight in Shenzhen, not UTC.
fn council_day(at: OffsetDateTime) -> String {
    let local = at.to_offset(COUNCIL_OFFSET);
    format!(
        "{:04}-{:02}-{:02}",
        local.year(),
        u8::from(local.month()),
        local.day()
    )
}

/// The stored form of the instant the council's current day began.
fn council_day_start(at: OffsetDateTime) -> String {
    let local = at.to_offset(COUNCIL_OFFSET);
    timestamp::format(local.replace_time(time::Time::MIDNIGHT))
}

fn seconds_to_next_council_day(at: OffsetDateTime) -> u64 {
    let local = at.to_offset(COUNCIL_OFFSET);
    let since_midnight =
        u64::from(local.hour()) * 3600 + u64::from(local.minute()) * 60 + u64::from(local.second());
    (86_400 - since_midnight).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn the_day_turns_at_midnight_in_shenzhen() {
        assert_eq!(
            council_day(datetime!(2026-12-06 15:59:59 UTC)),
            "2026-12-06"
        );
        assert_eq!(
            council_day(datetime!(2026-12-06 16:00:00 UTC)),
            "2026-12-07"
        );
        assert_eq!(
            seconds_to_next_council_day(datetime!(2026-12-06 15:59:00 UTC)),
            60
        );
        assert_eq!(
            seconds_to_next_council_day(datetime!(2026-12-06 16:00:00 UTC)),
            86_400
        );
        assert_eq!(
            council_day_start(datetime!(2026-12-06 17:30:00 UTC)),
            "2026-12-06T16:00:00.000Z"
        );
    }
}
