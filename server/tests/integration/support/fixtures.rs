//! Minimal rows for tests that exercise the schema directly.

use koubei_core::db::{new_id, timestamp, Database};

pub struct Fixture {
    pub sector_id: String,
    pub subject_id: String,
    pub survey_id: String,
}

/// A sector with one subject, and an open survey that covers it.
pub async fn sector_with_survey(db: &Database, slug: &str) -> Fixture {
    let now = timestamp::now();
    let sector_id = new_id();
    let subject_id = new_id();
    let survey_id = new_id();
    let pool = db.pool();
    sqlx::query("INSERT INTO sectors (id, slug, name_zh, name_en, created_at) VALUES ($1, $2, '测试行业', 'Test sector', $3)")
        .bind(&sector_id)
        .bind(slug)
        .bind(&now)
        .execute(pool)
        .await
        .expect("sector");
    sqlx::query("INSERT INTO subjects (id, sector_id, slug, name_zh, name_en, created_at) VALUES ($1, $2, $3, '测试品牌', 'Test brand', $4)")
        .bind(&subject_id)
        .bind(&sector_id)
        .bind(format!("{slug}-brand"))
        .bind(&now)
        .execute(pool)
        .await
        .expect("subject");
    sqlx::query("INSERT INTO surveys (id, sector_id, slug, title_zh, title_en, status, created_at) VALUES ($1, $2, $3, '测试调查', 'Test survey', 'open', $4)")
        .bind(&survey_id)
        .bind(&sector_id)
        .bind(format!("{slug}-survey"))
        .bind(&now)
        .execute(pool)
        .await
        .expect("survey");
    sqlx::query(
        "INSERT INTO survey_subjects (survey_id, subject_id, sector_id) VALUES ($1, $2, $3)",
    )
    .bind(&survey_id)
    .bind(&subject_id)
    .bind(&sector_id)
    .execute(pool)
    .await
    .expect("survey subject");
    Fixture {
        sector_id,
        subject_id,
        survey_id,
    }
}

/// Inserts a response; the database's verdict is returned, not unwrapped.
pub async fn insert_response(
    db: &Database,
    survey_id: &str,
    subject_id: &str,
    score: i64,
    respondent_key: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO responses (id, survey_id, subject_id, score, lang, respondent_key, created_at)
         VALUES ($1, $2, $3, $4, 'zh-CN', $5, $6)",
    )
    .bind(new_id())
    .bind(survey_id)
    .bind(subject_id)
    .bind(score)
    .bind(respondent_key)
    .bind(timestamp::now())
    .execute(db.pool())
    .await
    .map(|_| ())
}

/// A second subject in the fixture's sector, added to its survey.
pub async fn add_subject(db: &Database, fixture: &Fixture, slug: &str) -> String {
    let id = new_id();
    sqlx::query("INSERT INTO subjects (id, sector_id, slug, name_zh, name_en, created_at) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(&id)
        .bind(&fixture.sector_id)
        .bind(slug)
        .bind(format!("{slug}品牌"))
        .bind(format!("Brand {slug}"))
        .bind(timestamp::now())
        .execute(db.pool())
        .await
        .expect("subject");
    sqlx::query("INSERT INTO survey_subjects (survey_id, subject_id, sector_id, position) VALUES ($1, $2, $3, 1)")
        .bind(&fixture.survey_id)
        .bind(&id)
        .bind(&fixture.sector_id)
        .execute(db.pool())
        .await
        .expect("survey subject");
    id
}

/// Moves a survey to another status (draft, open, closed, published).
pub async fn set_status(db: &Database, survey_id: &str, status: &str) {
    sqlx::query("UPDATE surveys SET status = $1 WHERE id = $2")
        .bind(status)
        .bind(survey_id)
        .execute(db.pool())
        .await
        .expect("status");
}

/// The stored responses of a survey: (subject id, score, reason, flags, lang), oldest first.
pub async fn stored_responses(
    db: &Database,
    survey_id: &str,
) -> Vec<(String, i64, Option<String>, i64, String)> {
    sqlx::query_as(
        "SELECT subject_id, score, reason, quality_flags, lang FROM responses
         WHERE survey_id = $1 ORDER BY created_at, id",
    )
    .bind(survey_id)
    .fetch_all(db.pool())
    .await
    .expect("responses")
}
