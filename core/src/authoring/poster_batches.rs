//! Poster batches: a set of printed posters or handbooks whose QR link carries one channel code
//! (`/s/{survey}?c=CODE`), so the ledger can say which posters brought which answers.

use serde::Serialize;

use super::definition::Problem;
use super::printed::{batch_name, new_code};
use super::{audit_change, AuthoringError};
use crate::db::{new_id, timestamp, Database, DatabaseError};
use crate::staff::Actor;

pub const LOCATION_MAX_CHARS: usize = 200;
pub const MAX_PRINT_COUNT: i64 = 1_000_000;
const CODE_LEN: usize = 8;

#[derive(Clone, Debug, Serialize)]
pub struct PosterBatch {
    pub id: String,
    pub code: String,
    pub name: String,
    pub location: String,
    pub print_count: i64,
    pub created_at: String,
    /// Answers that came in through this batch's posters.
    pub answers: i64,
}

/// What staff type for a new batch.
pub struct NewPosterBatch<'a> {
    pub name: &'a str,
    pub location: &'a str,
    pub print_count: &'a str,
}

/// Creates a batch for the survey (`survey_slug`), with a fresh code.
pub async fn create(
    db: &Database,
    actor: &Actor,
    survey_slug: &str,
    new: NewPosterBatch<'_>,
) -> Result<PosterBatch, AuthoringError> {
    let name = batch_name(new.name)?;
    let location = new.location.trim();
    if location.chars().count() > LOCATION_MAX_CHARS || location.chars().any(char::is_control) {
        return Err(AuthoringError::invalid("location", Problem::TooLong));
    }
    let print_count = match new.print_count.trim().parse::<i64>() {
        Ok(n) if (1..=MAX_PRINT_COUNT).contains(&n) => n,
        _ => return Err(AuthoringError::invalid("print_count", Problem::OutOfRange)),
    };
    let mut tx = db.begin_write().await?;
    let survey: Option<(String,)> = sqlx::query_as("SELECT id FROM surveys WHERE slug = $1")
        .bind(survey_slug)
        .fetch_optional(&mut *tx)
        .await?;
    let (survey_id,) = survey.ok_or(AuthoringError::NotFound)?;
    let batch = PosterBatch {
        id: new_id(),
        code: new_code::<CODE_LEN>(),
        name: name.to_string(),
        location: location.to_string(),
        print_count,
        created_at: timestamp::now(),
        answers: 0,
    };
    sqlx::query(
        "INSERT INTO poster_batches (id, survey_id, code, name, location, print_count, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(&batch.id)
    .bind(&survey_id)
    .bind(&batch.code)
    .bind(&batch.name)
    .bind(&batch.location)
    .bind(batch.print_count)
    .bind(&batch.created_at)
    .execute(&mut *tx)
    .await?;
    audit_change(
        &mut tx,
        actor,
        "poster_batch.create",
        "poster_batch",
        &batch.id,
        None,
        Some(serde_json::json!({
            "survey": survey_slug, "code": batch.code, "name": batch.name,
            "location": batch.location, "print_count": batch.print_count,
        })),
    )
    .await?;
    tx.commit().await?;
    Ok(batch)
}

/// A survey's batches, oldest first, with the answers each brought.
pub async fn list(db: &Database, survey_id: &str) -> Result<Vec<PosterBatch>, DatabaseError> {
    let rows: Vec<(String, String, String, String, i64, String, i64)> = sqlx::query_as(
        "SELECT b.id, b.code, b.name, b.location, b.print_count, b.created_at,
                (SELECT COUNT(*) FROM responses r WHERE r.poster_batch_id = b.id)
         FROM poster_batches b WHERE b.survey_id = $1 ORDER BY b.created_at, b.id",
    )
    .bind(survey_id)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(id, code, name, location, print_count, created_at, answers)| PosterBatch {
                id,
                code,
                name,
                location,
                print_count,
                created_at,
                answers,
            },
        )
        .collect())
}

/// The id of the survey's batch with this code; `None` for an unknown or malformed code
/// (ignored, never an error: a torn poster still leads to the survey).
pub async fn by_code(
    db: &Database,
    survey_id: &str,
    code: &str,
) -> Result<Option<String>, DatabaseError> {
    let code = code.trim().to_ascii_uppercase();
    if code.len() < 4 || code.len() > 16 || !code.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Ok(None);
    }
    let found: Option<(String,)> =
        sqlx::query_as("SELECT id FROM poster_batches WHERE survey_id = $1 AND code = $2")
            .bind(survey_id)
            .bind(&code)
            .fetch_optional(db.pool())
            .await?;
    Ok(found.map(|(id,)| id))
}

/// Whether the batch (id) belongs to the survey.
pub async fn belongs_to(
    db: &Database,
    batch_id: &str,
    survey_id: &str,
) -> Result<bool, DatabaseError> {
    let found: Option<(i64,)> =
        sqlx::query_as("SELECT 1 FROM poster_batches WHERE id = $1 AND survey_id = $2")
            .bind(batch_id)
            .bind(survey_id)
            .fetch_optional(db.pool())
            .await?;
    Ok(found.is_some())
}
