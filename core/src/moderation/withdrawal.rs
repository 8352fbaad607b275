//! A respondent's own way out: with the receipt code of a submission, they see what was stored
//! (`find`) and may withdraw it (`withdraw`). A withdrawal is an exclusion with the reason
//! `withdrawn`, made by the respondent: the answers stop counting at once, their reasons and
//! fingerprints are erased, staff cannot restore them, and a published snapshot changes only by
//! a correction, like any exclusion.

use std::collections::BTreeMap;

use super::exclusions::{count, tally_of};
use super::ModerationError;
use crate::db::{new_id, timestamp, Database};
use crate::staff::audit::{self, Change};
use crate::staff::Actor;
use domain::answers::AgeBand;
use domain::my_answers::{StoredAnswer, StoredSubmission};
use domain::ExclusionReason;

/// A submission's answers found by receipt digest: (response id, survey id, survey slug,
/// titles, sent at, lang, age band, district slug, subject names, score, reason, withdrawn at,
/// personal data cleared at).
type Row = (
    String,
    String,
    String,
    String,
    String,
    String,
    String,
    Option<String>,
    Option<String>,
    String,
    String,
    i64,
    Option<String>,
    Option<String>,
    Option<String>,
);

const FIND: &str = "SELECT r.id, r.survey_id, s.slug, s.title_zh, s.title_en, r.created_at, r.lang,
            r.age_band, r.district, su.name_zh, su.name_en, r.score, r.reason,
            (SELECT x.excluded_at FROM exclusions x WHERE x.response_id = r.id
                AND x.restored_at IS NULL AND x.reason = 'withdrawn'),
            s.personal_data_cleared_at
     FROM responses r
     JOIN surveys s ON s.id = r.survey_id
     JOIN survey_subjects ss ON ss.survey_id = r.survey_id AND ss.subject_id = r.subject_id
     JOIN subjects su ON su.id = r.subject_id
     WHERE r.receipt_digest = $1
     ORDER BY ss.position, su.slug";

/// The submission with this receipt digest; `None` when there is none.
pub async fn find(
    db: &Database,
    digest: &str,
    code: &str,
) -> Result<Option<StoredSubmission>, ModerationError> {
    let rows: Vec<Row> = sqlx::query_as(FIND)
        .bind(digest)
        .fetch_all(db.pool())
        .await?;
    let Some(first) = rows.first() else {
        return Ok(None);
    };
    let district: Option<(String, String)> = match &first.8 {
        Some(slug) => sqlx::query_as(
            "SELECT name_zh, name_en FROM survey_districts WHERE survey_id = $1 AND slug = $2",
        )
        .bind(&first.1)
        .bind(slug)
        .fetch_optional(db.pool())
        .await?
        .or_else(|| Some((slug.clone(), slug.clone()))),
        None => None,
    };
    let stored = StoredSubmission {
        code: code.to_string(),
        survey_slug: first.2.clone(),
        survey_title_zh: first.3.clone(),
        survey_title_en: first.4.clone(),
        sent_at: timestamp::council_minute(&first.5).unwrap_or_else(|| first.5.clone()),
        lang: first.6.clone(),
        age_band: first.7.as_deref().and_then(AgeBand::parse),
        district_zh: district.as_ref().map(|d| d.0.clone()),
        district_en: district.map(|d| d.1),
        withdrawn_at: first.13.as_deref().and_then(timestamp::council_minute),
        personal_data_cleared: first.14.is_some(),
        answers: rows
            .iter()
            .map(|row| StoredAnswer {
                subject_name_zh: row.9.clone(),
                subject_name_en: row.10.clone(),
                score: row.11,
                reason: row.12.clone(),
            })
            .collect(),
    };
    Ok(Some(stored))
}

/// What a withdrawal did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Withdrawal {
    /// Withdrawn now: this many answers stopped counting.
    Done(usize),
    /// It had been withdrawn before; nothing changed.
    AlreadyWithdrawn,
    /// No submission has this receipt.
    NotFound,
}

/// Withdraws every answer of the submission with this receipt digest, in one audited
/// transaction.
pub async fn withdraw(db: &Database, digest: &str) -> Result<Withdrawal, ModerationError> {
    let mut tx = db.begin_write().await?;
    let answers: Vec<(String, String, Option<String>)> = sqlx::query_as(
        "SELECT r.id, r.survey_id, x.reason FROM responses r
         LEFT JOIN exclusions x ON x.response_id = r.id AND x.restored_at IS NULL
         WHERE r.receipt_digest = $1 ORDER BY r.id",
    )
    .bind(digest)
    .fetch_all(&mut *tx)
    .await?;
    let Some((_, survey_id, _)) = answers.first().cloned() else {
        return Ok(Withdrawal::NotFound);
    };
    let withdrawn = ExclusionReason::Withdrawn.as_str();
    if answers
        .iter()
        .all(|(_, _, reason)| reason.as_deref() == Some(withdrawn))
    {
        return Ok(Withdrawal::AlreadyWithdrawn);
    }
    let actor = Actor::Respondent;
    let at = timestamp::now();
    let mut replaced = BTreeMap::new();
    for (response_id, _, standing) in &answers {
        match standing.as_deref() {
            Some(reason) if reason == withdrawn => continue,
            // Excluded by staff already: it counts nowhere, so the tallies stay; the staff
            // exclusion gives way to the respondent's own.
            Some(reason) => {
                replaced.insert(response_id.clone(), reason.to_string());
                sqlx::query(
                    "UPDATE exclusions SET restored_by = $1, restored_at = $2
                     WHERE response_id = $3 AND restored_at IS NULL",
                )
                .bind(actor.label())
                .bind(&at)
                .bind(response_id)
                .execute(&mut *tx)
                .await?;
            }
            None => {
                let key = tally_of(&mut tx, response_id).await?;
                count(&mut tx, db, key, -1).await?;
            }
        }
        sqlx::query(
            "INSERT INTO exclusions (id, response_id, reason, note, excluded_by, excluded_at)
             VALUES ($1, $2, $3, '', $4, $5)",
        )
        .bind(new_id())
        .bind(response_id)
        .bind(withdrawn)
        .bind(actor.label())
        .bind(&at)
        .execute(&mut *tx)
        .await?;
    }
    // Personal information goes with the withdrawal; the score stays for the record (and for
    // the data hash of any snapshot that counted it).
    sqlx::query(
        "UPDATE responses SET reason = NULL, client_hash = NULL, network_hash = NULL
         WHERE receipt_digest = $1",
    )
    .bind(digest)
    .execute(&mut *tx)
    .await?;
    // A withdrawn reason is no longer anyone's to quote.
    sqlx::query(
        "DELETE FROM quotes WHERE response_id IN
            (SELECT id FROM responses WHERE receipt_digest = $1)",
    )
    .bind(digest)
    .execute(&mut *tx)
    .await?;
    let ids: Vec<&str> = answers.iter().map(|(id, _, _)| id.as_str()).collect();
    let mut change = Change::new("response.withdraw", "survey", &survey_id);
    change.after = Some(serde_json::json!({
        "withdrawn_responses": ids,
        "replaced_staff_exclusions": replaced,
    }));
    audit::record(&mut tx, &actor, change).await?;
    tx.commit().await?;
    let done = answers
        .iter()
        .filter(|(_, _, reason)| reason.as_deref() != Some(withdrawn))
        .count();
    Ok(Withdrawal::Done(done))
}
