//! Acknowledged answers survive `kill -9`: the real binary takes submissions under load and is
//! killed at random moments, twenty times per database engine. Every acknowledged response must
//! be there afterwards, every submission is either wholly stored or not at all, and the server
//! comes back on the same data and takes answers again. The test holds no connection meanwhile.

use std::collections::HashMap;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use koubei_core::db::{Backend, Database};
use koubei_core::staff::kiosk_keys::{self, NewKioskKey};
use koubei_core::staff::Actor;

use crate::support::fixtures::{add_subject, sector_with_survey};
use crate::support::FreshDatabase;

const KOUBEI: &str = env!("CARGO_BIN_EXE_koubei");
const CYCLES: usize = 20;
/// Concurrent clients per cycle: half send one answer by the API, half send three by the form.
const CLIENTS: usize = 8;
const SUBJECTS: [&str; 3] = ["durable-brand", "second", "third"];

/// What the clients were told: submission → the scores that were acknowledged. A form's
/// submission is its id; an API answer's is `api:` and the response id it was acknowledged
/// with (the server keeps only a digest of its Idempotency-Key).
type Acknowledged = Arc<Mutex<HashMap<String, Vec<i64>>>>;

async fn acknowledged_answers_survive_kill_9(backend: Backend) {
    let Some(database) = FreshDatabase::create(backend).await else {
        return;
    };
    let url = database.url.as_str().to_string();
    let db = Database::connect(&database.url).await.expect("connect");
    koubei_core::db::migrate(&db).await.expect("migrate");
    let fixture = sector_with_survey(&db, "durable").await;
    add_subject(&db, &fixture, "second").await;
    add_subject(&db, &fixture, "third").await;
    let new = NewKioskKey {
        name: "durability kiosk",
        survey_slugs: &["durable-survey".to_string()],
        daily_limit: None,
    };
    let kiosk_key = kiosk_keys::create(&db, &Actor::Cli, new)
        .await
        .expect("kiosk key")
        .secret;
    // Nothing of ours stays connected while the server is killed: no open pool of the test can
    // keep a SQLite file's WAL or a PostgreSQL session alive for it.
    db.close().await;

    let acknowledged: Acknowledged = Arc::default();
    let mut sent = 0usize;
    for cycle in 0..CYCLES {
        let (mut server, base) = start_server(&url).await;
        let deadline = Instant::now() + Duration::from_millis(150 + random_below(550));
        let clients: Vec<_> = (0..CLIENTS)
            .map(|client| {
                let base = base.clone();
                let acknowledged = acknowledged.clone();
                let kiosk_key = kiosk_key.clone();
                tokio::spawn(submit_until_killed(
                    base,
                    kiosk_key,
                    cycle,
                    client,
                    acknowledged,
                ))
            })
            .collect();
        tokio::time::sleep_until(deadline.into()).await;
        server.kill().expect("kill -9"); // std's kill is SIGKILL on Unix
        server.wait().expect("reap");
        for client in clients {
            sent += client.await.expect("client task");
        }
    }

    // After the last kill the server must come back on the same data and take answers again.
    let (mut server, base) = start_server(&url).await;
    let after = reqwest::Client::new()
        .post(format!("{base}/api/v1/surveys/durable-survey/responses"))
        .bearer_auth(&kiosk_key)
        .header("idempotency-key", "after-the-kills")
        .json(&serde_json::json!({"subject": SUBJECTS[0], "score": 7}))
        .send()
        .await
        .expect("an answer after the kills");
    assert_eq!(
        after.status().as_u16(),
        201,
        "the restarted server takes answers"
    );
    let after_id = after.json::<serde_json::Value>().await.expect("JSON")["id"]
        .as_str()
        .expect("id")
        .to_string();
    acknowledged
        .lock()
        .expect("lock")
        .insert(format!("api:{after_id}"), vec![7]);
    server.kill().expect("stop");
    server.wait().expect("reap");

    let db = Database::connect(&database.url).await.expect("reconnect");
    let stored: Vec<(String, String, i64)> = sqlx::query_as(
        "SELECT id, submission_id, score FROM responses WHERE survey_id = $1
         ORDER BY submission_id, subject_id",
    )
    .bind(&fixture.survey_id)
    .fetch_all(db.pool())
    .await
    .expect("stored responses");
    let mut by_submission: HashMap<String, Vec<i64>> = HashMap::new();
    for (id, submission, score) in stored {
        let submission = if submission.starts_with("form-") {
            submission
        } else {
            format!("api:{id}")
        };
        by_submission.entry(submission).or_default().push(score);
    }
    let acknowledged = acknowledged.lock().expect("lock").clone();
    assert!(
        acknowledged.len() > CYCLES * 5,
        "too little load to mean anything: {}",
        acknowledged.len()
    );
    for (submission, scores) in &acknowledged {
        let mut expected = scores.clone();
        expected.sort();
        let mut found = by_submission.get(submission).cloned().unwrap_or_default();
        found.sort();
        assert_eq!(
            found, expected,
            "acknowledged submission {submission} lost or changed"
        );
    }
    for (submission, scores) in &by_submission {
        let whole = if submission.starts_with("form-") {
            3
        } else {
            1
        };
        assert_eq!(
            scores.len(),
            whole,
            "submission {submission} is half-written"
        );
    }
    if backend == Backend::Sqlite {
        let (check,): (String,) = sqlx::query_as("PRAGMA integrity_check")
            .fetch_one(db.pool())
            .await
            .expect("integrity check");
        assert_eq!(check, "ok");
    }
    println!(
        "{}: {} submissions sent, {} acknowledged, {} stored across {CYCLES} kill -9 cycles",
        backend.name(),
        sent,
        acknowledged.len(),
        by_submission.len()
    );
    db.close().await;
}

/// A random number below `bound`, from the standard library's per-process random hasher keys.
fn random_below(bound: u64) -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u64(0);
    hasher.finish() % bound
}

#[expect(
    clippy::zombie_processes,
    reason = "the child is returned; the caller kills and reaps it"
)]
async fn start_server(url: &str) -> (Child, String) {
    let port = {
        let probe = std::net::TcpListener::bind("127.0.0.1:0").expect("free port");
        probe.local_addr().expect("address").port()
    };
    let mut child = Command::new(KOUBEI)
        .args([
            "serve",
            "--addr",
            &format!("127.0.0.1:{port}"),
            "--database-url",
            url,
        ])
        .args(["--submit-rate-limit", "0"])
        .env_remove("DATABASE_URL")
        .env("RUST_LOG", "error")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start koubei");
    let base = format!("http://127.0.0.1:{port}");
    let started = Instant::now();
    loop {
        if let Ok(response) = reqwest::get(format!("{base}/readyz")).await {
            if response.status().is_success() {
                return (child, base);
            }
        }
        if started.elapsed() > Duration::from_secs(30) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("koubei did not start");
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

/// Sends submissions back to back until the server dies; returns how many were sent.
async fn submit_until_killed(
    base: String,
    kiosk_key: String,
    cycle: usize,
    client: usize,
    acknowledged: Acknowledged,
) -> usize {
    let http = reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    for n in 0.. {
        let score = ((cycle + client + n) % 11) as i64;
        let (submission, scores, result) = if client.is_multiple_of(2) {
            let key = format!("api-{cycle}-{client}-{n}");
            let sent = http
                .post(format!("{base}/api/v1/surveys/durable-survey/responses"))
                .bearer_auth(&kiosk_key)
                .header("idempotency-key", &key)
                .json(&serde_json::json!({"subject": SUBJECTS[n % 3], "score": score}))
                .send()
                .await;
            // Acknowledged means the whole 201 arrived, with the new response's id.
            let acknowledged = match sent {
                Ok(response) if response.status().as_u16() == 201 => response
                    .json::<serde_json::Value>()
                    .await
                    .map(|body| Some(format!("api:{}", body["id"].as_str().unwrap_or_default()))),
                Ok(_) => Ok(None),
                Err(error) => Err(error),
            };
            let submission = acknowledged
                .as_ref()
                .ok()
                .and_then(Clone::clone)
                .unwrap_or(key);
            (submission, vec![score], acknowledged.map(|a| a.is_some()))
        } else {
            let submission = format!("form-{cycle}-{client}-{n}");
            let mut form: Vec<(String, String)> = vec![("submission".into(), submission.clone())];
            let scores: Vec<i64> = (0..3).map(|i| (score + i) % 11).collect();
            for (subject, s) in SUBJECTS.iter().zip(&scores) {
                form.push(("used".into(), subject.to_string()));
                form.push((format!("score-{subject}"), s.to_string()));
            }
            let result = http
                .post(format!("{base}/s/durable-survey"))
                .form(&form)
                .send()
                .await
                .map(|r| r.status().as_u16() == 303);
            (submission, scores, result)
        };
        match result {
            Ok(true) => {
                acknowledged
                    .lock()
                    .expect("lock")
                    .insert(submission, scores);
            }
            Ok(false) => panic!("submission {submission} refused while the server was up"),
            Err(_) => return n + 1, // the server is gone
        }
    }
    unreachable!("the loop ends when the server dies")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_keeps_every_acknowledged_answer_through_kill_9() {
    acknowledged_answers_survive_kill_9(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_keeps_every_acknowledged_answer_through_kill_9() {
    acknowledged_answers_survive_kill_9(Backend::Postgres).await;
}
