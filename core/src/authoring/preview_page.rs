//! The page behind a preview link: the frozen results cut down to the link's subject. The
//! cutting happens here, before anything leaves the back end, so no page, script or payload a
//! preview can reach holds another subject's numbers or name.

use time::OffsetDateTime;

use super::embargo;
use super::preview_links::{access, PreviewAccess};
use super::AuthoringError;
use crate::db::{timestamp, Database};
use crate::results::snapshots::{self, Snapshot};
use domain::ledger::Ledger;
use domain::preview::{BrandPreview, PreviewPage, ReplyPanel};
use domain::results::ResultStatus;

/// The preview behind `token` at `now`; `None` for an unknown or revoked link.
pub async fn preview_page(
    db: &Database,
    token: &str,
    now: OffsetDateTime,
) -> Result<Option<PreviewPage>, AuthoringError> {
    let (survey_id, subject, subject_name_zh, subject_name_en, expires_at) =
        match access(db, token, now).await? {
            PreviewAccess::Unknown => return Ok(None),
            PreviewAccess::Expired => return Ok(Some(PreviewPage::Expired)),
            PreviewAccess::Granted {
                survey_id,
                subject,
                subject_name_zh,
                subject_name_en,
                expires_at,
            } => (
                survey_id,
                subject,
                subject_name_zh,
                subject_name_en,
                expires_at,
            ),
        };
    let expires_on = timestamp::council_date(&expires_at).unwrap_or(expires_at);
    let frozen = match embargo::frozen_snapshot(db, &survey_id).await? {
        Some((snapshot, publish_at)) => Some((snapshot, timestamp::council_minute(&publish_at))),
        None => snapshots::find(db, &survey_id, None)
            .await
            .map_err(|e| {
                AuthoringError::Database(crate::db::DatabaseError::Corrupt(e.to_string()))
            })?
            .map(|snapshot| (snapshot, None)),
    };
    let Some((snapshot, public_from)) = frozen else {
        return Ok(Some(PreviewPage::NotReady {
            subject_name_zh,
            subject_name_en,
            expires_on,
        }));
    };
    let mut preview = cut_to_subject(
        snapshot,
        &subject,
        subject_name_zh,
        subject_name_en,
        public_from,
        expires_on,
    )?;
    preview.reply = super::replies::panel(db, &survey_id, &subject, now).await?;
    Ok(Some(PreviewPage::Ready(Box::new(preview))))
}

/// The snapshot with every other subject taken out of the results and the ledger; totals stay
/// (they are the sector's, not any one subject's).
fn cut_to_subject(
    snapshot: Snapshot,
    subject: &str,
    subject_name_zh: String,
    subject_name_en: String,
    public_from: Option<String>,
    expires_on: String,
) -> Result<BrandPreview, AuthoringError> {
    let mut results = snapshot.results;
    let ranked_count = results
        .subjects
        .iter()
        .filter(|s| s.status == ResultStatus::Ranked)
        .count();
    results.subjects.retain(|s| s.subject == subject);
    let mut ledger: Ledger = serde_json::from_value(snapshot.ledger).map_err(|e| {
        AuthoringError::Database(crate::db::DatabaseError::Corrupt(format!(
            "snapshot ledger: {e}"
        )))
    })?;
    ledger.subjects.retain(|line| line.subject == subject);
    Ok(BrandPreview {
        subject: subject.to_string(),
        subject_name_zh,
        subject_name_en,
        results,
        ranked_count,
        ledger,
        method_version: snapshot.method_version,
        data_hash: snapshot.data_hash,
        public_from,
        expires_on,
        reply: ReplyPanel::default(),
    })
}
