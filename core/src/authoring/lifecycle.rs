//! A survey's life: draft → open → closed → published, with closed → open to extend a wave.
//! The rules are here, on the server, for the console, the API and the CLI alike.

use super::audit_change;
use super::AuthoringError;
use crate::db::Database;
use crate::staff::Actor;
use domain::SurveyStatus;

/// Whether a survey may move from `from` to `to`.
pub fn allowed(from: SurveyStatus, to: SurveyStatus) -> bool {
    use SurveyStatus::*;
    matches!(
        (from, to),
        (Draft, Open) | (Open, Closed) | (Closed, Open) | (Closed, Published)
    )
}

/// The statuses a survey can move to from `from`, for the console's buttons.
pub fn next_statuses(from: SurveyStatus) -> Vec<SurveyStatus> {
    use SurveyStatus::*;
    [Open, Closed, Published]
        .into_iter()
        .filter(|to| allowed(from, *to))
        .collect()
}

/// Moves a survey to `to`, or explains why not and changes nothing. The status is compared and
/// set in one statement, so two staff members clicking at once cannot both succeed.
pub async fn transition(
    db: &Database,
    actor: &Actor,
    slug: &str,
    to: SurveyStatus,
) -> Result<SurveyStatus, AuthoringError> {
    if to == SurveyStatus::Published {
        // Whatever arrived since the last background pass is looked at before anything freezes.
        scan_before_freezing(db, slug).await?;
    }
    let mut tx = db.begin_write().await?;
    let row: Option<(String, String)> =
        sqlx::query_as("SELECT id, status FROM surveys WHERE slug = $1")
            .bind(slug)
            .fetch_optional(&mut *tx)
            .await?;
    let (id, status) = row.ok_or(AuthoringError::NotFound)?;
    let from = SurveyStatus::parse(&status).ok_or_else(|| {
        AuthoringError::Database(crate::db::DatabaseError::Corrupt("survey status".into()))
    })?;
    if !allowed(from, to) {
        return Err(AuthoringError::IllegalTransition { from, to });
    }
    // A survey waiting for its embargo neither reopens nor publishes early: cancel it first.
    if let Some(publish_at) = super::embargo::is_embargoed(&mut tx, &id).await? {
        return Err(AuthoringError::Embargoed { publish_at });
    }
    let changed = sqlx::query("UPDATE surveys SET status = $1 WHERE id = $2 AND status = $3")
        .bind(to.as_str())
        .bind(&id)
        .bind(from.as_str())
        .execute(&mut *tx)
        .await?
        .rows_affected();
    if changed != 1 {
        return Err(AuthoringError::IllegalTransition { from, to });
    }
    let mut frozen = None;
    if to == SurveyStatus::Published {
        let open = crate::integrity::clusters::open_count(&mut tx, &id).await?;
        if open > 0 {
            return Err(AuthoringError::UndecidedClusters(open));
        }
        // Publishing and freezing the first snapshot are one step: both or neither.
        let survey = crate::results::live::find_survey_on(&mut tx, slug)
            .await
            .map_err(freeze_error)?
            .ok_or(AuthoringError::NotFound)?;
        frozen = Some(
            crate::results::snapshots::freeze(&mut tx, actor, &survey, "")
                .await
                .map_err(freeze_error)?,
        );
    }
    audit_change(
        &mut tx,
        actor,
        &format!("survey.{}", verb(to)),
        "survey",
        &id,
        Some(serde_json::json!({ "slug": slug, "status": from })),
        Some(serde_json::json!({
            "slug": slug, "status": to,
            "snapshot": frozen.as_ref().map(|s| s.number),
            "data_hash": frozen.as_ref().map(|s| s.data_hash.clone()),
        })),
    )
    .await?;
    tx.commit().await?;
    Ok(from)
}

/// Runs the detectors over a survey about to be frozen (published or corrected).
pub async fn scan_before_freezing(
    db: &Database,
    slug: &str,
) -> Result<(), crate::db::DatabaseError> {
    let id: Option<(String,)> = sqlx::query_as("SELECT id FROM surveys WHERE slug = $1")
        .bind(slug)
        .fetch_optional(db.pool())
        .await?;
    if let Some((id,)) = id {
        crate::integrity::scan(db, &id).await?;
    }
    Ok(())
}

fn freeze_error(error: crate::results::ResultsError) -> AuthoringError {
    match error {
        crate::results::ResultsError::Database(e) => AuthoringError::Database(e),
        other => AuthoringError::Database(crate::db::DatabaseError::Corrupt(other.to_string())),
    }
}

fn verb(to: SurveyStatus) -> &'static str {
    match to {
        SurveyStatus::Open => "open",
        SurveyStatus::Closed => "close",
        SurveyStatus::Published => "publish",
        SurveyStatus::Draft => "draft",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use SurveyStatus::*;

    #[test]
    fn the_lifecycle_moves_forward_and_may_reopen_but_never_unpublishes() {
        assert!(allowed(Draft, Open));
        assert!(allowed(Open, Closed));
        assert!(allowed(Closed, Open));
        assert!(allowed(Closed, Published));
        for to in [Draft, Open, Closed, Published] {
            assert!(!allowed(Published, to), "published → {to}");
        }
        assert!(!allowed(Draft, Published));
        assert!(!allowed(Open, Published));
        assert!(!allowed(Open, Draft));
        assert_eq!(next_statuses(Closed), vec![Open, Published]);
    }
}
