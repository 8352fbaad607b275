use koubei_core::db::Database;
use koubei_server::seed::{seed_demo, SectorOutcome};

use crate::on_both_databases;
use crate::support::{FreshDatabase, TestApp};

async fn table_counts(db: &Database) -> Vec<i64> {
    let mut counts = Vec::new();
    for table in [
        "sectors",
        "subjects",
        "surveys",
        "survey_subjects",
        "responses",
    ] {
        let (n,): (i64,) = sqlx::query_as(&format!("SELECT COUNT(*) FROM {table}"))
            .fetch_one(db.pool())
            .await
            .expect("count");
        counts.push(n);
    }
    counts
}

/// Per subject and score, how many responses: the shape of the data, free of ids and times.
async fn fingerprint(db: &Database) -> Vec<(String, i64, i64, i64)> {
    sqlx::query_as(
        "SELECT su.slug, r.score, COUNT(*), COUNT(r.reason)
         FROM responses r JOIN subjects su ON su.id = r.subject_id
         GROUP BY su.slug, r.score ORDER BY su.slug, r.score",
    )
    .fetch_all(db.pool())
    .await
    .expect("fingerprint")
}

async fn seeding_twice_adds_nothing_the_second_time(app: TestApp) {
    let first = seed_demo(&app.db, false).await.expect("first seed");
    assert!(first
        .sectors
        .iter()
        .all(|(_, outcome)| matches!(outcome, SectorOutcome::Created { .. })));
    let after_first = table_counts(&app.db).await;
    let second = seed_demo(&app.db, false).await.expect("second seed");
    assert!(second
        .sectors
        .iter()
        .all(|(_, outcome)| *outcome == SectorOutcome::AlreadyPresent));
    assert_eq!(table_counts(&app.db).await, after_first);
}

async fn seeding_if_empty_leaves_a_database_with_sectors_alone(app: TestApp) {
    crate::support::fixtures::sector_with_survey(&app.db, "real-data").await;
    let report = seed_demo(&app.db, true).await.expect("seed");
    assert!(report.skipped_non_empty);
    assert_eq!(table_counts(&app.db).await[0], 1, "only the real sector");
}

async fn the_demo_has_five_sectors_each_with_an_open_survey_and_thousands_of_answers(app: TestApp) {
    app.seed_demo().await;
    let per_sector: Vec<(String, i64, i64, f64)> = sqlx::query_as(
        "SELECT se.slug,
                (SELECT COUNT(*) FROM subjects s WHERE s.sector_id = se.id),
                (SELECT COUNT(*) FROM responses r JOIN surveys su ON su.id = r.survey_id WHERE su.sector_id = se.id),
                (SELECT AVG(CAST(r.score AS DOUBLE PRECISION)) FROM responses r JOIN surveys su ON su.id = r.survey_id WHERE su.sector_id = se.id)
         FROM sectors se ORDER BY se.position",
    )
    .fetch_all(app.db.pool())
    .await
    .expect("per-sector summary");
    assert_eq!(per_sector.len(), 5);
    for (slug, subjects, responses, _) in &per_sector {
        assert!((6..=10).contains(subjects), "{slug}: {subjects} subjects");
        assert!(
            (2_000..=6_000).contains(responses),
            "{slug}: {responses} responses"
        );
    }
    let means: Vec<f64> = per_sector.iter().map(|row| row.3).collect();
    let highest = means.iter().cloned().fold(f64::MIN, f64::max);
    let lowest = means.iter().cloned().fold(f64::MAX, f64::min);
    assert!(
        highest - lowest > 0.8,
        "sector score distributions too alike: {means:?}"
    );

    let (open,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM surveys WHERE status = 'open'")
        .fetch_one(app.db.pool())
        .await
        .expect("open surveys");
    assert_eq!(open, 5);
}

async fn the_demo_is_the_same_every_time(app: TestApp) {
    app.seed_demo().await;
    let other = FreshDatabase::create(app.db.backend())
        .await
        .expect("a second database of the same engine");
    let other_db = Database::connect(&other.url).await.expect("connect");
    koubei_core::db::migrate(&other_db).await.expect("migrate");
    seed_demo(&other_db, false).await.expect("seed");
    let ours = fingerprint(&app.db).await;
    assert!(ours.len() > 100, "fingerprint too small to mean anything");
    assert_eq!(ours, fingerprint(&other_db).await);
    other_db.close().await;
}

on_both_databases!(
    seeding_twice_adds_nothing_the_second_time,
    seeding_if_empty_leaves_a_database_with_sectors_alone,
    the_demo_has_five_sectors_each_with_an_open_survey_and_thousands_of_answers,
    the_demo_is_the_same_every_time,
);
