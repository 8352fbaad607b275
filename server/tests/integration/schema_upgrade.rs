//! Upgrading a database that already holds answers: a migration that builds tables anew (0006,
//! the unique key reordered) keeps every row, and the database's rules hold afterwards.

use std::borrow::Cow;

use koubei_core::db::{migrate, new_id, timestamp, Backend, Database, MIGRATOR};
use sqlx::migrate::Migrator;

use crate::support::fixtures::{add_subject, insert_response, sector_with_survey};
use crate::support::FreshDatabase;

const REBUILDING_MIGRATION: i64 = 6;
const KEY_A: &str = "0123456789abcdef-respondent-a";
const KEY_B: &str = "0123456789abcdef-respondent-b";

type ResponseRow = (String, String, String, i64, String, i64, String);
type ExclusionRow = (String, String, String, Option<String>);

/// The schema as it stood before migration `version`, on a fresh database.
async fn database_before(backend: Backend, version: i64) -> Option<(FreshDatabase, Database)> {
    let fresh = FreshDatabase::create(backend).await?;
    let db = Database::connect(&fresh.url).await.expect("connect");
    let earlier = Migrator {
        migrations: Cow::Owned(
            MIGRATOR
                .iter()
                .filter(|migration| migration.version < version)
                .cloned()
                .collect(),
        ),
        ..Migrator::DEFAULT
    };
    earlier.run(db.pool()).await.expect("earlier migrations");
    Some((fresh, db))
}

async fn responses(db: &Database) -> Vec<ResponseRow> {
    sqlx::query_as(
        "SELECT id, survey_id, subject_id, score, respondent_key, quality_flags, created_at
         FROM responses ORDER BY id",
    )
    .fetch_all(db.pool())
    .await
    .expect("responses")
}

async fn exclusions(db: &Database) -> Vec<ExclusionRow> {
    sqlx::query_as("SELECT id, response_id, reason, restored_at FROM exclusions ORDER BY id")
        .fetch_all(db.pool())
        .await
        .expect("exclusions")
}

async fn exclude(
    db: &Database,
    response_id: &str,
    restored_at: Option<&str>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO exclusions (id, response_id, reason, excluded_by, excluded_at, restored_by,
                                 restored_at)
         VALUES ($1, $2, 'bot', 'staff@example.org', $3, $4, $5)",
    )
    .bind(new_id())
    .bind(response_id)
    .bind(timestamp::now())
    .bind(restored_at.map(|_| "staff@example.org"))
    .bind(restored_at)
    .execute(db.pool())
    .await
    .map(|_| ())
}

async fn the_rebuilt_tables_keep_every_response_and_exclusion(backend: Backend) {
    let Some((_fresh, db)) = database_before(backend, REBUILDING_MIGRATION).await else {
        return;
    };
    let f = sector_with_survey(&db, "upgrade").await;
    let second_subject = add_subject(&db, &f, "upgrade-second").await;
    for (subject, key, score) in [
        (&f.subject_id, KEY_A, 9),
        (&f.subject_id, KEY_B, 3),
        (&second_subject, KEY_A, 10),
    ] {
        insert_response(&db, &f.survey_id, subject, score, key)
            .await
            .expect("response before the upgrade");
    }
    let before = responses(&db).await;
    exclude(&db, &before[0].0, Some("2026-11-29T10:00:00.000Z"))
        .await
        .expect("restored exclusion");
    exclude(&db, &before[0].0, None)
        .await
        .expect("standing exclusion");
    let excluded_before = exclusions(&db).await;

    migrate(&db).await.expect("the upgrade");

    assert_eq!(responses(&db).await, before);
    assert_eq!(exclusions(&db).await, excluded_before);
    // The rules hold on the new tables: one answer per respondent and subject…
    let again = insert_response(&db, &f.survey_id, &second_subject, 1, KEY_A)
        .await
        .expect_err("a second answer");
    let unique = again.as_database_error().expect("database error");
    assert!(unique.is_unique_violation(), "{unique}");
    insert_response(&db, &f.survey_id, &second_subject, 1, KEY_B)
        .await
        .expect("another respondent's answer");
    // …one standing exclusion per response, and only of a stored response.
    let twice = exclude(&db, &before[0].0, None)
        .await
        .expect_err("a second standing exclusion");
    let twice = twice.as_database_error().expect("database error");
    assert!(twice.is_unique_violation(), "{twice}");
    let unknown = exclude(&db, &new_id(), None)
        .await
        .expect_err("an exclusion of no response");
    let unknown = unknown.as_database_error().expect("database error");
    assert!(unknown.is_foreign_key_violation(), "{unknown}");
    db.close().await;
}

mod sqlite {
    use koubei_core::db::Backend;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_rebuilt_tables_keep_every_response_and_exclusion() {
        super::the_rebuilt_tables_keep_every_response_and_exclusion(Backend::Sqlite).await;
    }
}

mod postgres {
    use koubei_core::db::Backend;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_rebuilt_tables_keep_every_response_and_exclusion() {
        super::the_rebuilt_tables_keep_every_response_and_exclusion(Backend::Postgres).await;
    }
}
