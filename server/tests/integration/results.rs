//! Results: the running tallies always agree with a full recount, snapshots and the audit log
//! cannot be changed, and the public results API serves snapshots to everyone and live results
//! to staff only.

use domain::{ExclusionReason, Role, SurveyStatus};
use koubei_core::authoring::lifecycle::transition;
use koubei_core::moderation::exclusions::{exclude, restore};
use koubei_core::results::tallies::{nonzero, read, recount};
use koubei_core::staff::{api_tokens, Actor};

use crate::on_both_databases;
use crate::support::fixtures::{add_subject, sector_with_survey};
use crate::support::TestApp;

/// A small deterministic generator (SplitMix64), so a failing sequence can be replayed.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

async fn submit(app: &TestApp, subject: &str, score: u64, respondent: u64) -> Option<String> {
    let response = app
        .kiosk_post("/api/v1/surveys/tally-survey/responses")
        .await
        .json(&serde_json::json!({
            "subject": subject, "score": score, "lang": "zh-CN", "respondent": format!("r{respondent}"),
        }))
        .send()
        .await
        .expect("POST");
    match response.status().as_u16() {
        201 => response.json::<serde_json::Value>().await.ok()?["id"]
            .as_str()
            .map(String::from),
        409 => None,
        other => panic!("unexpected status {other}"),
    }
}

async fn tallies_always_equal_a_full_recount(app: TestApp) {
    let fixture = sector_with_survey(&app.db, "tally").await;
    add_subject(&app.db, &fixture, "tally-second").await;
    let subjects = ["tally-brand", "tally-second"];
    for seed in [1u64, 2, 3] {
        let mut random = Random(seed);
        let mut stored: Vec<String> = Vec::new();
        let mut excluded: Vec<String> = Vec::new();
        for step in 0..60 {
            match random.below(10) {
                // Mostly answers (some from the same respondent: refused as duplicates) ...
                0..=5 => {
                    let subject = subjects[random.below(2) as usize];
                    let respondent = seed * 1000 + random.below(40);
                    if let Some(id) = submit(&app, subject, random.below(11), respondent).await {
                        stored.push(id);
                    }
                }
                // ... exclusions (an already excluded one is refused and changes nothing) ...
                6..=8 if !stored.is_empty() => {
                    let id = stored[random.below(stored.len() as u64) as usize].clone();
                    if exclude(&app.db, &Actor::Cli, &id, ExclusionReason::Bot, "")
                        .await
                        .is_ok()
                    {
                        excluded.push(id);
                    }
                }
                // ... and restorations.
                _ if !excluded.is_empty() => {
                    let id = excluded.remove(random.below(excluded.len() as u64) as usize);
                    restore(&app.db, &Actor::Cli, &id).await.expect("restore");
                }
                _ => {}
            }
            if step % 20 == 19 {
                let mut conn = app.db.pool().acquire().await.expect("connection");
                let tallied = nonzero(&read(&mut conn, &fixture.survey_id).await.expect("tallies"));
                let counted =
                    nonzero(&recount(&app.db, &fixture.survey_id).await.expect("recount"));
                assert_eq!(tallied, counted, "seed {seed}, step {step}");
            }
        }
    }
    let mut conn = app.db.pool().acquire().await.expect("connection");
    let total: u64 = read(&mut conn, &fixture.survey_id)
        .await
        .expect("tallies")
        .values()
        .flat_map(|h| h.iter())
        .sum();
    assert!(total > 20, "the sequences stored answers ({total})");
}

async fn publish(app: &TestApp, slug: &str) {
    transition(&app.db, &Actor::Cli, slug, SurveyStatus::Closed)
        .await
        .expect("close");
    transition(&app.db, &Actor::Cli, slug, SurveyStatus::Published)
        .await
        .expect("publish");
}

async fn snapshots_and_the_audit_log_cannot_be_changed(app: TestApp) {
    sector_with_survey(&app.db, "frozen").await;
    submit_to(&app, "frozen-survey", "frozen-brand", 9).await;
    publish(&app, "frozen-survey").await;
    let (snapshots,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM snapshots")
        .fetch_one(app.db.pool())
        .await
        .expect("count");
    assert_eq!(snapshots, 1, "publishing froze a snapshot");
    for sql in [
        "UPDATE snapshots SET changelog = 'rewritten'",
        "DELETE FROM snapshots",
        "UPDATE audit_log SET actor = 'someone else'",
        "DELETE FROM audit_log",
    ] {
        let outcome = sqlx::query(sql).execute(app.db.pool()).await;
        assert!(outcome.is_err(), "{sql} must be refused");
    }
    let (changelog,): (String,) = sqlx::query_as("SELECT changelog FROM snapshots")
        .fetch_one(app.db.pool())
        .await
        .expect("snapshot");
    assert_eq!(changelog, "");
}

async fn submit_to(app: &TestApp, survey: &str, subject: &str, score: u64) {
    let status = app
        .kiosk_post(&format!("/api/v1/surveys/{survey}/responses"))
        .await
        .json(&serde_json::json!({ "subject": subject, "score": score, "respondent": format!("{subject}-{score}-{}", koubei_core::db::new_id()) }))
        .send()
        .await
        .expect("POST")
        .status()
        .as_u16();
    assert_eq!(status, 201);
}

async fn results_are_public_once_published_and_staff_only_before(app: TestApp) {
    sector_with_survey(&app.db, "pub").await;
    for score in [10, 9, 9, 3, 7] {
        submit_to(&app, "pub-survey", "pub-brand", score).await;
    }
    let token = api_tokens::create(&app.db, &Actor::Cli, "reader", Role::Viewer)
        .await
        .expect("token")
        .secret;
    let bearer = format!("Bearer {token}");
    // Open: the public sees nothing, staff see results computed now.
    assert_eq!(
        app.get("/api/v1/surveys/pub-survey/results")
            .await
            .status()
            .as_u16(),
        404
    );
    let (status, body) = app
        .get_with(
            "/api/v1/surveys/pub-survey/results",
            &[("authorization", &bearer)],
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let live: serde_json::Value = serde_json::from_str(&body).expect("JSON");
    assert!(live["snapshot"].is_null());
    assert_eq!(live["results"]["subjects"][0]["n"], 5);
    assert_eq!(live["results"]["subjects"][0]["promoters"], 3);
    assert_eq!(
        live["results"]["subjects"][0]["status"], "insufficient_sample",
        "min n is 30"
    );
    // Staff's results are theirs alone: no other site's script may read them.
    let staff_only = app
        .http
        .get(app.url("/api/v1/surveys/pub-survey/results"))
        .header("authorization", &bearer)
        .header("origin", "https://evil.example")
        .send()
        .await
        .expect("GET");
    assert!(staff_only
        .headers()
        .get("access-control-allow-origin")
        .is_none());
    assert_eq!(staff_only.headers()["cache-control"], "private, no-store");
    let (status, _) = app
        .get_with(
            "/api/v1/surveys/pub-survey/results",
            &[("authorization", "Bearer koubei_wrong")],
        )
        .await;
    assert_eq!(status, 401);

    publish(&app, "pub-survey").await;
    let response = app.get("/api/v1/surveys/pub-survey/results").await;
    assert_eq!(response.status().as_u16(), 200);
    let etag = response.headers()["etag"]
        .to_str()
        .expect("etag")
        .to_string();
    assert_eq!(response.headers()["access-control-allow-origin"], "*");
    let frozen: serde_json::Value = response.json().await.expect("JSON");
    assert_eq!(frozen["snapshot"]["number"], 1);
    assert_eq!(frozen["snapshot"]["responses"], 5);
    assert_eq!(
        frozen["snapshot"]["data_hash"].as_str().map(str::len),
        Some(64)
    );
    assert_eq!(frozen["results"]["totals"]["n"], 5);
    let (status, _) = app
        .get_with(
            "/api/v1/surveys/pub-survey/results",
            &[("if-none-match", &etag)],
        )
        .await;
    assert_eq!(status, 304);
    // Overrides are for staff; snapshots that do not exist are 404.
    assert_eq!(
        app.get("/api/v1/surveys/pub-survey/results?method=wald")
            .await
            .status()
            .as_u16(),
        403
    );
    let (status, body) = app
        .get_with(
            "/api/v1/surveys/pub-survey/results?method=wald&level=0.9",
            &[("authorization", &bearer)],
        )
        .await;
    assert_eq!(status, 200);
    let overridden: serde_json::Value = serde_json::from_str(&body).expect("JSON");
    assert_eq!(overridden["results"]["method"], "wald");
    assert_eq!(overridden["results"]["level"], 0.9);
    assert_eq!(
        app.get("/api/v1/surveys/pub-survey/results?snapshot=7")
            .await
            .status()
            .as_u16(),
        404
    );
    assert_eq!(
        app.get("/api/v1/surveys/nope/results")
            .await
            .status()
            .as_u16(),
        404
    );
    let csv = app.get("/api/v1/surveys/pub-survey/results.csv").await;
    assert_eq!(csv.status().as_u16(), 200);
    let text = csv.text().await.expect("csv");
    assert!(text.contains("subject,name_zh,name_en,status,n"), "{text}");
    assert!(text.contains("pub-brand"));
}

on_both_databases!(
    tallies_always_equal_a_full_recount,
    snapshots_and_the_audit_log_cannot_be_changed,
    results_are_public_once_published_and_staff_only_before,
);
