//! Quotes: staff pick a subject's reasons to show beside its results, under a theme. Only a
//! counted reason that mentions the theme, only from a theme with at least
//! `QUOTE_MIN_MENTIONS` mentions for the subject, at most `QUOTES_PER_SUBJECT` per subject, and
//! always shown redacted. A pick joins the next snapshot (publication or correction).

use domain::themes::{QUOTES_PER_SUBJECT, QUOTE_MIN_MENTIONS};
use sqlx::AnyConnection;

use super::reading::{read_survey, SurveyReading};
use crate::authoring::{audit_change, AuthoringError};
use crate::db::{timestamp, Database};
use crate::staff::Actor;

/// A pick as stored, oldest first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredQuote {
    pub response_id: String,
    pub theme: String,
}

/// Why a pick is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuoteRefusal {
    /// No counted answer with a reason by that id in this survey.
    NoSuchReason,
    /// The sector's lexicon has no such theme.
    UnknownTheme,
    /// The reason does not mention the theme.
    NotAboutTheme,
    /// Fewer than `QUOTE_MIN_MENTIONS` of the subject's reasons mention the theme.
    TooFewMentions,
    /// The subject already has `QUOTES_PER_SUBJECT` quotes.
    TooManyQuotes,
}

impl QuoteRefusal {
    pub fn code(self) -> &'static str {
        match self {
            QuoteRefusal::NoSuchReason => "no_such_reason",
            QuoteRefusal::UnknownTheme => "unknown_theme",
            QuoteRefusal::NotAboutTheme => "not_about_theme",
            QuoteRefusal::TooFewMentions => "too_few_mentions",
            QuoteRefusal::TooManyQuotes => "too_many_quotes",
        }
    }

    /// Whether a different request could succeed (422) rather than the state refusing (409).
    pub fn is_input(self) -> bool {
        !matches!(self, QuoteRefusal::TooManyQuotes)
    }
}

/// The survey's picks, oldest first.
pub async fn list(
    conn: &mut AnyConnection,
    survey_id: &str,
) -> Result<Vec<StoredQuote>, sqlx::Error> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT response_id, theme_key FROM quotes WHERE survey_id = $1
         ORDER BY picked_at, response_id",
    )
    .bind(survey_id)
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(response_id, theme)| StoredQuote { response_id, theme })
        .collect())
}

/// The survey's id and sector id, by slug.
pub(crate) async fn survey_ids(
    conn: &mut AnyConnection,
    slug: &str,
) -> Result<(String, String), AuthoringError> {
    let row: Option<(String, String)> =
        sqlx::query_as("SELECT id, sector_id FROM surveys WHERE slug = $1")
            .bind(slug)
            .fetch_optional(conn)
            .await?;
    row.ok_or(AuthoringError::NotFound)
}

fn refuse(refusal: QuoteRefusal) -> AuthoringError {
    AuthoringError::Quote(refusal)
}

/// Checks a pick against the survey's reading and the picks so far.
pub fn check_pick(
    reading: &SurveyReading,
    picked: &[StoredQuote],
    response_id: &str,
    theme_key: &str,
) -> Result<(), QuoteRefusal> {
    let subject = reading
        .subjects
        .iter()
        .find(|s| s.reasons.iter().any(|r| r.response_id == response_id))
        .ok_or(QuoteRefusal::NoSuchReason)?;
    let theme = reading
        .theme_index(theme_key)
        .ok_or(QuoteRefusal::UnknownTheme)?;
    let reason = subject
        .reasons
        .iter()
        .find(|r| r.response_id == response_id)
        .ok_or(QuoteRefusal::NoSuchReason)?;
    if !reason.mentions(theme) {
        return Err(QuoteRefusal::NotAboutTheme);
    }
    if reading.mentions(subject, theme) < QUOTE_MIN_MENTIONS {
        return Err(QuoteRefusal::TooFewMentions);
    }
    let of_subject = picked
        .iter()
        .filter(|q| {
            subject
                .reasons
                .iter()
                .any(|r| r.response_id == q.response_id)
        })
        .count();
    if of_subject >= QUOTES_PER_SUBJECT {
        return Err(QuoteRefusal::TooManyQuotes);
    }
    Ok(())
}

/// Picks a reason as a quote of its subject under a theme. Picking it again under another
/// theme moves it.
pub async fn pick(
    db: &Database,
    actor: &Actor,
    survey_slug: &str,
    response_id: &str,
    theme_key: &str,
) -> Result<(), AuthoringError> {
    let mut tx = db.begin_write().await?;
    let (survey_id, sector_id) = survey_ids(&mut tx, survey_slug).await?;
    // One pick at a time per survey, so two editors cannot both take a subject's last place.
    // SQLite's write transaction is already exclusive; PostgreSQL's needs the row locked.
    if db.backend() == crate::db::Backend::Postgres {
        sqlx::query("SELECT id FROM surveys WHERE id = $1 FOR UPDATE")
            .bind(&survey_id)
            .execute(&mut *tx)
            .await?;
    }
    let reading = read_survey(&mut tx, &survey_id, &sector_id).await?;
    let picked: Vec<StoredQuote> = list(&mut tx, &survey_id)
        .await?
        .into_iter()
        .filter(|q| q.response_id != response_id)
        .collect();
    check_pick(&reading, &picked, response_id, theme_key).map_err(refuse)?;
    sqlx::query("DELETE FROM quotes WHERE response_id = $1")
        .bind(response_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO quotes (response_id, survey_id, theme_key, picked_by, picked_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(response_id)
    .bind(&survey_id)
    .bind(theme_key)
    .bind(actor.label())
    .bind(timestamp::now())
    .execute(&mut *tx)
    .await?;
    audit_change(
        &mut tx,
        actor,
        "quote.pick",
        "response",
        response_id,
        None,
        Some(serde_json::json!({ "survey": survey_slug, "theme": theme_key })),
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Takes a quote back; `NotFound` when the reason was not picked in this survey.
pub async fn unpick(
    db: &Database,
    actor: &Actor,
    survey_slug: &str,
    response_id: &str,
) -> Result<(), AuthoringError> {
    let mut tx = db.begin_write().await?;
    let (survey_id, _) = survey_ids(&mut tx, survey_slug).await?;
    let removed = sqlx::query("DELETE FROM quotes WHERE response_id = $1 AND survey_id = $2")
        .bind(response_id)
        .bind(&survey_id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    if removed == 0 {
        return Err(AuthoringError::NotFound);
    }
    audit_change(
        &mut tx,
        actor,
        "quote.unpick",
        "response",
        response_id,
        Some(serde_json::json!({ "survey": survey_slug })),
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
