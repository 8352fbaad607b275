//! The rules that live in the database itself, checked on both engines.

use koubei_core::db::{new_id, timestamp, Backend};

use crate::on_both_databases;
use crate::support::fixtures::{insert_response, sector_with_survey};
use crate::support::TestApp;

const KEY_A: &str = "0123456789abcdef-respondent-a";
const KEY_B: &str = "0123456789abcdef-respondent-b";

async fn scores_outside_0_to_10_are_refused_by_the_database(app: TestApp) {
    let f = sector_with_survey(&app.db, "scores").await;
    for score in [0, 10] {
        let key = format!("{KEY_A}-{score}");
        insert_response(&app.db, &f.survey_id, &f.subject_id, score, &key)
            .await
            .expect("a score within 0–10 is stored");
    }
    for score in [-1, 11] {
        let key = format!("{KEY_B}-{score}");
        let error = insert_response(&app.db, &f.survey_id, &f.subject_id, score, &key)
            .await
            .expect_err("a score outside 0–10 is refused");
        assert!(error.as_database_error().is_some(), "{error}");
    }
}

async fn one_respondent_answers_once_per_survey_and_subject(app: TestApp) {
    let f = sector_with_survey(&app.db, "dup").await;
    insert_response(&app.db, &f.survey_id, &f.subject_id, 9, KEY_A)
        .await
        .expect("first answer");
    let error = insert_response(&app.db, &f.survey_id, &f.subject_id, 3, KEY_A)
        .await
        .expect_err("second answer for the same subject");
    let db_error = error.as_database_error().expect("a database error");
    assert!(db_error.is_unique_violation(), "{db_error}");
    insert_response(&app.db, &f.survey_id, &f.subject_id, 3, KEY_B)
        .await
        .expect("another respondent");
}

async fn a_response_needs_a_subject_the_survey_covers(app: TestApp) {
    let first = sector_with_survey(&app.db, "first").await;
    let second = sector_with_survey(&app.db, "second").await;
    let error = insert_response(&app.db, &first.survey_id, &second.subject_id, 8, KEY_A)
        .await
        .expect_err("subject of another survey");
    assert!(
        error
            .as_database_error()
            .expect("database error")
            .is_foreign_key_violation(),
        "{error}"
    );
}

async fn a_survey_covers_only_subjects_of_its_own_sector(app: TestApp) {
    let first = sector_with_survey(&app.db, "own").await;
    let other = sector_with_survey(&app.db, "other").await;
    let result = sqlx::query(
        "INSERT INTO survey_subjects (survey_id, subject_id, sector_id) VALUES ($1, $2, $3)",
    )
    .bind(&first.survey_id)
    .bind(&other.subject_id)
    .bind(&first.sector_id)
    .execute(app.db.pool())
    .await;
    let error = result.expect_err("subject from another sector");
    assert!(
        error
            .as_database_error()
            .expect("database error")
            .is_foreign_key_violation(),
        "{error}"
    );
}

async fn survey_statuses_and_methods_are_constrained(app: TestApp) {
    let f = sector_with_survey(&app.db, "rules").await;
    let insert = |status: &'static str, method: &'static str, level: f64| {
        let pool = app.db.pool().clone();
        let sector_id = f.sector_id.clone();
        async move {
            sqlx::query(
                "INSERT INTO surveys (id, sector_id, slug, title_zh, title_en, status, interval_method, interval_level, created_at)
                 VALUES ($1, $2, $3, '题', 'Title', $4, $5, $6, $7)",
            )
            .bind(new_id())
            .bind(sector_id)
            .bind(format!("s-{}", new_id()))
            .bind(status)
            .bind(method)
            .bind(level)
            .bind(timestamp::now())
            .execute(&pool)
            .await
        }
    };
    insert("published", "bayes", 0.9)
        .await
        .expect("valid survey");
    insert("archived", "wald", 0.95)
        .await
        .expect_err("unknown status");
    insert("open", "t-test", 0.95)
        .await
        .expect_err("unknown method");
    insert("open", "wald", 1.0)
        .await
        .expect_err("level must be below 1");
}

async fn the_schema_is_recorded_as_migrated(app: TestApp) {
    let recorded: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT version, CAST(success AS INTEGER) FROM _sqlx_migrations ORDER BY version",
    )
    .fetch_all(app.db.pool())
    .await
    .expect("migration records");
    // Every migration we ship, each applied successfully, and nothing else.
    let shipped: Vec<(i64, i64)> = koubei_core::db::MIGRATOR
        .iter()
        .map(|migration| (migration.version, 1))
        .collect();
    assert!(shipped.len() >= 7);
    assert_eq!(recorded, shipped);
    if app.db.backend() == Backend::Sqlite {
        let (mode,): (String,) = sqlx::query_as("PRAGMA journal_mode")
            .fetch_one(app.db.pool())
            .await
            .expect("journal mode");
        assert_eq!(mode, "wal");
        let (foreign_keys,): (i64,) = sqlx::query_as("PRAGMA foreign_keys")
            .fetch_one(app.db.pool())
            .await
            .expect("foreign keys");
        assert_eq!(foreign_keys, 1);
        let (synchronous,): (i64,) = sqlx::query_as("PRAGMA synchronous")
            .fetch_one(app.db.pool())
            .await
            .expect("synchronous");
        assert_eq!(
            synchronous, 2,
            "FULL: a commit is on disk before it is acknowledged"
        );
    }
}

on_both_databases!(
    scores_outside_0_to_10_are_refused_by_the_database,
    one_respondent_answers_once_per_survey_and_subject,
    a_response_needs_a_subject_the_survey_covers,
    a_survey_covers_only_subjects_of_its_own_sector,
    survey_statuses_and_methods_are_constrained,
    the_schema_is_recorded_as_migrated,
);
