//! Benchmark: a 50-subject survey's results at 10 thousand, 1 million and 10 million responses.
//! Results come from the running tallies (11 rows per subject), so their latency should not
//! grow with the number of responses; a full recount is measured beside them for contrast.
//!
//! `cargo run --release -p koubei-server --example results_at_scale -- [SIZES] [FOLDER]`
//! (defaults: `10000,1000000,10000000` and a temporary folder; `BENCH_DATABASE_URL` runs one
//! size on PostgreSQL instead). Prints a Markdown table for BENCHMARKS.md.

use std::time::{Duration, Instant};

use koubei_core::db::{migrate, new_id, timestamp, Backend, Database, DatabaseUrl};
use koubei_core::results::live::{find_survey, live_results};
use koubei_core::results::{snapshots, tallies};
use koubei_core::staff::Actor;

const SUBJECTS: usize = 50;
const ROWS_PER_INSERT: usize = 500;

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64() * 1000.0)
}

async fn setup(db: &Database, responses: usize) -> anyhow::Result<String> {
    let now = timestamp::now();
    let sector = new_id();
    let survey = new_id();
    sqlx::query("INSERT INTO sectors (id, slug, name_zh, name_en, created_at) VALUES ($1, 'bench', '基准', 'Bench', $2)")
        .bind(&sector).bind(&now).execute(db.pool()).await?;
    sqlx::query("INSERT INTO surveys (id, sector_id, slug, title_zh, title_en, status, created_at) VALUES ($1, $2, 'bench-survey', '基准调查', 'Bench survey', 'open', $3)")
        .bind(&survey).bind(&sector).bind(&now).execute(db.pool()).await?;
    let mut subjects = Vec::with_capacity(SUBJECTS);
    for i in 0..SUBJECTS {
        let id = new_id();
        sqlx::query("INSERT INTO subjects (id, sector_id, slug, name_zh, name_en, created_at) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(&id).bind(&sector).bind(format!("subject-{i:02}")).bind(format!("品牌{i:02}")).bind(format!("Subject {i:02}")).bind(&now)
            .execute(db.pool()).await?;
        sqlx::query("INSERT INTO survey_subjects (survey_id, subject_id, sector_id, position) VALUES ($1, $2, $3, $4)")
            .bind(&survey).bind(&id).bind(&sector).bind(i as i64)
            .execute(db.pool()).await?;
        subjects.push(id);
    }
    // Bulk load: many rows per statement, many statements per transaction.
    let mut written = 0usize;
    let mut state = 0x2545_f491_4f6c_dd1du64;
    while written < responses {
        let mut tx = db.pool().begin().await?;
        for _ in 0..40 {
            if written >= responses {
                break;
            }
            let rows = ROWS_PER_INSERT.min(responses - written);
            let mut sql = String::from("INSERT INTO responses (id, survey_id, subject_id, score, lang, respondent_key, created_at) VALUES ");
            for r in 0..rows {
                if r > 0 {
                    sql.push(',');
                }
                let i = written + r;
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                let subject = &subjects[i % SUBJECTS];
                // Scores skewed towards the top, as real NPS data are.
                let score = [10, 9, 9, 8, 8, 7, 10, 6, 5, 3, 0, 9][(state % 12) as usize];
                sql.push_str(&format!(
                    "('{}', '{survey}', '{subject}', {score}, 'zh-CN', 'bench-{i:016x}', '{now}')",
                    new_id()
                ));
            }
            sqlx::query(&sql).execute(&mut *tx).await?;
            written += rows;
        }
        tx.commit().await?;
    }
    let mut conn = db.pool().acquire().await?;
    tallies::rebuild(&mut conn, &survey).await?;
    Ok(survey)
}

async fn measure(url: &DatabaseUrl, responses: usize) -> anyhow::Result<String> {
    let db = Database::connect(url).await?;
    migrate(&db).await?;
    let started = Instant::now();
    // BENCH_REUSE=1 measures again on databases loaded by an earlier run.
    let reuse = std::env::var("BENCH_REUSE").is_ok_and(|v| v == "1");
    let existing = find_survey(&db, "bench-survey").await?;
    let survey_id = match existing {
        Some(survey) if reuse => {
            sqlx::query("UPDATE surveys SET status = 'open' WHERE id = $1")
                .bind(&survey.id)
                .execute(db.pool())
                .await
                .ok();
            survey.id
        }
        _ => setup(&db, responses).await?,
    };
    let load = started.elapsed();
    let survey = find_survey(&db, "bench-survey")
        .await?
        .ok_or_else(|| anyhow::anyhow!("survey"))?;
    // Warm up, then time results from the tallies.
    live_results(&db, &survey, None, None).await?;
    let mut samples = Vec::new();
    for _ in 0..30 {
        let t = Instant::now();
        let results = live_results(&db, &survey, None, None).await?;
        samples.push(t.elapsed());
        assert_eq!(results.totals.n as usize, responses);
    }
    let tallied = median(samples);
    // A full recount is slow at scale: once is enough to show the contrast.
    let mut recounts = Vec::new();
    for _ in 0..if responses > 100_000 { 1 } else { 3 } {
        let t = Instant::now();
        tallies::recount(&db, &survey_id).await?;
        recounts.push(t.elapsed());
    }
    let recount = median(recounts);
    // Publishing freezes a snapshot: results, ledger and the data hash (a full read).
    sqlx::query("UPDATE surveys SET status = 'closed' WHERE id = $1")
        .bind(&survey_id)
        .execute(db.pool())
        .await?;
    let t = Instant::now();
    koubei_core::authoring::lifecycle::transition(
        &db,
        &Actor::Cli,
        "bench-survey",
        domain::SurveyStatus::Published,
    )
    .await?;
    let publish = t.elapsed();
    let mut reads = Vec::new();
    for _ in 0..30 {
        let t = Instant::now();
        snapshots::find(&db, &survey_id, None).await?;
        reads.push(t.elapsed());
    }
    let snapshot = median(reads);
    db.close().await;
    Ok(format!(
        "| {} | {responses} | {:.0} s | {} | {} | {} | {:.1} s |",
        url.backend().name(),
        load.as_secs_f64(),
        ms(tallied),
        ms(snapshot),
        ms(recount),
        publish.as_secs_f64()
    ))
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let sizes: Vec<usize> = args
        .first()
        .map(String::as_str)
        .unwrap_or("10000,1000000,10000000")
        .split(',')
        .map(|s| s.trim().parse())
        .collect::<Result<_, _>>()?;
    let folder = match args.get(1) {
        Some(path) => std::path::PathBuf::from(path),
        None => std::env::temp_dir().join("koubei-results-bench"),
    };
    println!("| engine | responses | bulk load | results from tallies, median (ms) | latest snapshot read, median (ms) | full recount (ms) | publish (freeze + hash) |");
    println!("|---|---:|---:|---:|---:|---:|---:|");
    for size in sizes {
        let url = match std::env::var("BENCH_DATABASE_URL") {
            Ok(url) => DatabaseUrl::parse(&url)?,
            Err(_) => {
                std::fs::create_dir_all(&folder)?;
                let file = folder.join(format!("results-{size}.db"));
                if std::env::var("BENCH_REUSE").map_or(true, |v| v != "1") {
                    let _ = std::fs::remove_file(&file);
                    let _ = std::fs::remove_file(file.with_extension("db-wal"));
                }
                DatabaseUrl::parse(&format!("sqlite://{}", file.display()))?
            }
        };
        if url.backend() == Backend::Postgres {
            eprintln!("note: PostgreSQL runs need an empty database per size");
        }
        println!("{}", measure(&url, size).await?);
    }
    Ok(())
}
