//! The running tallies: counted responses per survey, subject and score. Every write that
//! changes what counts (stored responses, exclusions, restorations) adjusts them in its own
//! transaction; `recount` computes the same from the responses themselves, to check them.

use std::collections::BTreeMap;

use sqlx::AnyConnection;

use crate::db::{Backend, Database, DatabaseError};

/// Scores 0..=10 → responses, per subject id.
pub type Histograms = BTreeMap<String, [u64; 11]>;

/// One change to a tally.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TallyKey {
    pub survey_id: String,
    pub subject_id: String,
    pub score: i64,
}

/// The upsert adding to `rows` tallies, creating those missing (per row: survey id, subject id,
/// score, responses to add); `placeholder` names the `n`th parameter (from 1).
pub(crate) fn add_sql(rows: usize, placeholder: impl Fn(usize) -> String) -> String {
    let values: Vec<String> = (0..rows)
        .map(|row| {
            let [survey, subject, score, responses] =
                [1, 2, 3, 4].map(|column| placeholder(row * 4 + column));
            format!("({survey}, {subject}, {score}, {responses})")
        })
        .collect();
    format!(
        "INSERT INTO subject_tallies (survey_id, subject_id, score, responses) VALUES {} \
         ON CONFLICT (survey_id, subject_id, score) \
         DO UPDATE SET responses = subject_tallies.responses + excluded.responses",
        values.join(", ")
    )
}

/// Adds `delta` responses (negative to take away) to each key, creating tallies as needed.
pub async fn adjust(
    conn: &mut AnyConnection,
    backend: Backend,
    changes: &BTreeMap<TallyKey, i64>,
) -> Result<(), DatabaseError> {
    // Both engines check the CHECK (responses >= 0) on the proposed row before an upsert's
    // conflict is seen, so taking away is an UPDATE of the tally that must exist.
    for (key, delta) in changes.iter().filter(|(_, d)| **d < 0) {
        let updated = sqlx::query(
            "UPDATE subject_tallies SET responses = responses + $1
             WHERE survey_id = $2 AND subject_id = $3 AND score = $4",
        )
        .bind(*delta)
        .bind(&key.survey_id)
        .bind(&key.subject_id)
        .bind(key.score)
        .execute(&mut *conn)
        .await?
        .rows_affected();
        if updated != 1 {
            return Err(DatabaseError::Corrupt(format!(
                "no tally to take a response from ({key:?}); run a recount"
            )));
        }
    }
    let changes: Vec<(&TallyKey, &i64)> = changes.iter().filter(|(_, d)| **d > 0).collect();
    // 4 parameters per row; 200 rows keep far below both engines' limits.
    for chunk in changes.chunks(200) {
        let sql = add_sql(chunk.len(), |n| backend.placeholder(n));
        let mut query = sqlx::query(&sql);
        for (key, delta) in chunk {
            query = query
                .bind(key.survey_id.clone())
                .bind(key.subject_id.clone())
                .bind(key.score)
                .bind(**delta);
        }
        query.execute(&mut *conn).await?;
    }
    Ok(())
}

fn histograms(rows: Vec<(String, i64, i64)>) -> Histograms {
    let mut histograms = Histograms::new();
    for (subject_id, score, responses) in rows {
        if let (Ok(score), Ok(responses)) = (usize::try_from(score), u64::try_from(responses)) {
            if score <= 10 {
                histograms.entry(subject_id).or_insert([0; 11])[score] += responses;
            }
        }
    }
    histograms
}

/// The tallies of a survey.
pub async fn read(conn: &mut AnyConnection, survey_id: &str) -> Result<Histograms, DatabaseError> {
    let rows: Vec<(String, i64, i64)> = sqlx::query_as(
        "SELECT subject_id, score, responses FROM subject_tallies WHERE survey_id = $1",
    )
    .bind(survey_id)
    .fetch_all(conn)
    .await?;
    Ok(histograms(rows))
}

/// The condition under which a suspect cluster lets a response `r` count: it has none, or staff
/// released it.
pub const CLUSTER_LETS_COUNT: &str =
    "(r.cluster_id IS NULL OR EXISTS (SELECT 1 FROM suspect_clusters c
                                            WHERE c.id = r.cluster_id AND c.status = 'released'))";

/// The condition a response `r` counts under: no standing exclusion, and no suspect cluster
/// unless staff released it. Every count of "counted" uses this one definition.
pub fn counted() -> String {
    format!(
        "NOT EXISTS (SELECT 1 FROM exclusions x WHERE x.response_id = r.id AND x.restored_at IS NULL)
         AND {CLUSTER_LETS_COUNT}"
    )
}

fn recount_sql(also: &str) -> String {
    format!(
        "SELECT r.subject_id, r.score, COUNT(*) AS responses
         FROM responses r
         WHERE r.survey_id = $1 AND {} {also}
         GROUP BY r.subject_id, r.score",
        counted()
    )
}

/// The verified answers' histograms: counted answers that came through an invitation (a scan of
/// the survey's responses; the running tallies hold every counted answer).
pub async fn read_verified(
    conn: &mut AnyConnection,
    survey_id: &str,
) -> Result<Histograms, DatabaseError> {
    let rows: Vec<(String, i64, i64)> =
        sqlx::query_as(&recount_sql(super::live::Basis::Verified.condition()))
            .bind(survey_id)
            .fetch_all(conn)
            .await?;
    Ok(histograms(rows))
}

/// The same numbers counted from the responses (a full scan of the survey's responses).
pub async fn recount(db: &Database, survey_id: &str) -> Result<Histograms, DatabaseError> {
    let rows: Vec<(String, i64, i64)> = sqlx::query_as(&recount_sql(""))
        .bind(survey_id)
        .fetch_all(db.pool())
        .await?;
    Ok(histograms(rows))
}

/// Replaces a survey's tallies with a recount (after bulk loads such as the demo data).
pub async fn rebuild(conn: &mut AnyConnection, survey_id: &str) -> Result<(), DatabaseError> {
    sqlx::query("DELETE FROM subject_tallies WHERE survey_id = $1")
        .bind(survey_id)
        .execute(&mut *conn)
        .await?;
    sqlx::query(&format!(
        "INSERT INTO subject_tallies (survey_id, subject_id, score, responses)
         SELECT $1, subject_id, score, responses FROM ({}) counted",
        recount_sql("").replace("$1", "$2")
    ))
    .bind(survey_id)
    .bind(survey_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Drops zero entries, so tallies and recounts compare equal however they were reached.
pub fn nonzero(histograms: &Histograms) -> Histograms {
    histograms
        .iter()
        .filter(|(_, h)| h.iter().any(|n| *n > 0))
        .map(|(k, v)| (k.clone(), *v))
        .collect()
}
