//! Integrity: the stuffing of issue 17 tried from outside — thirty form answers of "10" from one
//! address, each on a fresh page load with the cookie dropped and a new user agent, sent five
//! seconds after the page — is acknowledged, held, kept out of the results and the publication
//! until staff decide, and every decision is audited and reversible. Honest people sharing that
//! address are not held.

use std::time::Duration;

use domain::Role;
use koubei_core::db::Database;
use koubei_core::results::tallies;
use reqwest::Method;
use serde_json::{json, Value};

use crate::on_both_databases;
use crate::support::console::{hidden_value, Console};
use crate::support::fixtures::{add_subject, sector_with_survey};
use crate::support::TestApp;

const SURVEY: &str = "clinics-survey";
const PAGE: &str = "/s/clinics-survey";
/// An honest mix of scores (NPS +10).
const HONEST_MIX: [i64; 10] = [10, 9, 8, 7, 6, 3, 10, 8, 9, 5];

/// Twenty honest answers for each of the two subjects, sent by a kiosk (vouched, so never
/// held themselves): the traffic the attack is measured against.
async fn honest_background(app: &TestApp) {
    for i in 0..40 {
        let subject = if i % 2 == 0 { "clinics-brand" } else { "rival" };
        let score = HONEST_MIX[(i / 2) % HONEST_MIX.len()];
        let response = app
            .kiosk_post(&format!("/api/v1/surveys/{SURVEY}/responses"))
            .await
            .json(&json!({"subject": subject, "score": score, "respondent": format!("k-{i}")}))
            .send()
            .await
            .expect("kiosk answer");
        assert_eq!(response.status().as_u16(), 201);
    }
}

/// The attack: `count` page loads, five seconds of "reading", then every form sent with the
/// respondent cookie dropped and a user agent of its own. Returns the statuses.
async fn stuff_through_the_form(app: &TestApp, count: usize, score: &str) -> Vec<u16> {
    let mut forms = Vec::new();
    for i in 0..count {
        let html = app
            .http
            .get(app.url(PAGE))
            .header("user-agent", format!("Mozilla/5.0 (Linux; Android 1{i})"))
            .send()
            .await
            .expect("GET")
            .text()
            .await
            .expect("HTML");
        forms.push((
            hidden_value(&html, "form_token").expect("form token"),
            hidden_value(&html, "submission").expect("submission id"),
        ));
    }
    tokio::time::sleep(Duration::from_millis(5_100)).await;
    let mut statuses = Vec::new();
    for (i, (token, submission)) in forms.iter().enumerate() {
        let response = app
            .http
            .post(app.url(PAGE))
            .header("user-agent", format!("Mozilla/5.0 (Linux; Android 1{i})"))
            .form(&[
                ("form_token", token.as_str()),
                ("submission", submission.as_str()),
                ("used", "clinics-brand"),
                ("score-clinics-brand", score),
            ])
            .send()
            .await
            .expect("POST");
        statuses.push(response.status().as_u16());
    }
    statuses
}

async fn scan(app: &TestApp, token: &str) -> Value {
    let scanned = app
        .staff(
            Method::POST,
            &format!("/api/v1/staff/surveys/{SURVEY}/clusters/scan"),
            Some(token),
            None,
        )
        .await;
    assert_eq!(scanned.status, 200, "{}", scanned.json);
    scanned.json
}

/// The ledger line of a subject: (held, excluded in clusters, counted).
async fn ledger_of(app: &TestApp, token: &str, subject: &str) -> (i64, i64, i64) {
    let ledger = app
        .staff(
            Method::GET,
            &format!("/api/v1/staff/surveys/{SURVEY}/ledger"),
            Some(token),
            None,
        )
        .await;
    assert_eq!(ledger.status, 200, "{}", ledger.json);
    let line = ledger.json["subjects"]
        .as_array()
        .and_then(|lines| lines.iter().find(|l| l["subject"] == subject))
        .cloned()
        .expect("a ledger line");
    (
        line["held"].as_i64().expect("held"),
        line["excluded_in_clusters"].as_i64().expect("excluded"),
        line["counted"].as_i64().expect("counted"),
    )
}

/// The running tallies agree with a recount from the responses themselves.
async fn assert_tallies_agree(db: &Database, survey_id: &str) {
    let mut conn = db.pool().acquire().await.expect("connection");
    let kept = tallies::read(&mut conn, survey_id).await.expect("tallies");
    let counted = tallies::recount(db, survey_id).await.expect("recount");
    assert_eq!(tallies::nonzero(&kept), tallies::nonzero(&counted));
}

async fn clusters(app: &TestApp, token: &str) -> Vec<Value> {
    let listed = app
        .staff(
            Method::GET,
            &format!("/api/v1/staff/surveys/{SURVEY}/clusters"),
            Some(token),
            None,
        )
        .await;
    assert_eq!(listed.status, 200, "{}", listed.json);
    listed.json.as_array().cloned().expect("a list")
}

async fn decide(
    app: &TestApp,
    token: &str,
    id: &str,
    body: Value,
) -> crate::support::staff::Answer {
    app.staff(
        Method::POST,
        &format!("/api/v1/staff/clusters/{id}/decision"),
        Some(token),
        Some(&body),
    )
    .await
}

async fn stuffing_from_one_address_is_held_until_staff_decide_and_blocks_publishing(app: TestApp) {
    let fixture = sector_with_survey(&app.db, "clinics").await;
    add_subject(&app.db, &fixture, "rival").await;
    honest_background(&app).await;
    let editor = app.token(Role::Editor).await;

    // Acknowledged like any other answer: the sender learns nothing.
    let statuses = stuff_through_the_form(&app, 30, "10").await;
    assert!(statuses.iter().all(|s| *s == 303), "{statuses:?}");
    assert_eq!(ledger_of(&app, &editor, "clinics-brand").await, (0, 0, 50));

    let scanned = scan(&app, &editor).await;
    assert_eq!(scanned["answers_held"], 30, "{scanned}");
    assert_eq!(scanned["answers"], 70);
    assert_eq!(ledger_of(&app, &editor, "clinics-brand").await, (30, 0, 20));
    assert_eq!(ledger_of(&app, &editor, "rival").await, (0, 0, 20));
    assert_tallies_agree(&app.db, &fixture.survey_id).await;
    // A second pass finds nothing new.
    assert_eq!(scan(&app, &editor).await["answers_held"], 0);

    let listed = clusters(&app, &editor).await;
    assert_eq!(listed.len(), 1, "{listed:?}");
    let cluster = &listed[0];
    assert_eq!(cluster["status"], "open");
    assert_eq!(cluster["subject"], "clinics-brand");
    assert_eq!(cluster["signal"], "network");
    assert_eq!(cluster["answers"], 30);
    assert_eq!(cluster["networks"], 1);
    assert_eq!(cluster["uniform_completion"], true);
    assert_eq!(cluster["with_cluster"]["n"], 50);
    assert_eq!(cluster["without_cluster"]["n"], 20);
    assert_eq!(cluster["without_cluster"]["nps"], 10.0);
    let id = cluster["id"].as_str().expect("id").to_string();

    // The survey cannot be published over held answers.
    let close = app
        .staff(
            Method::POST,
            &format!("/api/v1/staff/surveys/{SURVEY}/close"),
            Some(&editor),
            None,
        )
        .await;
    assert_eq!(close.status, 200, "{}", close.json);
    let publish_path = format!("/api/v1/staff/surveys/{SURVEY}/publish");
    let refused = app
        .staff(Method::POST, &publish_path, Some(&editor), None)
        .await;
    assert_eq!(refused.status, 409, "{}", refused.json);
    assert_eq!(refused.code(), "undecided_clusters");

    // A decision needs a known verdict and a note; a viewer cannot make one.
    let viewer = app.token(Role::Viewer).await;
    let forbidden = decide(
        &app,
        &viewer,
        &id,
        json!({"decision": "exclude", "note": "x"}),
    )
    .await;
    assert_eq!(forbidden.status, 403);
    let no_note = decide(
        &app,
        &editor,
        &id,
        json!({"decision": "exclude", "note": "  "}),
    )
    .await;
    assert_eq!((no_note.status, no_note.code()), (422, "note_required"));
    let bad = decide(
        &app,
        &editor,
        &id,
        json!({"decision": "delete", "note": "x"}),
    )
    .await;
    assert_eq!(bad.status, 422);
    let missing = decide(
        &app,
        &editor,
        "no-such",
        json!({"decision": "exclude", "note": "x"}),
    )
    .await;
    assert_eq!(missing.status, 404);

    let excluded = decide(
        &app,
        &editor,
        &id,
        json!({"decision": "exclude", "note": "30 answers of 10 from one address in seconds"}),
    )
    .await;
    assert_eq!(excluded.status, 200, "{}", excluded.json);
    assert_eq!(excluded.json["status"], "excluded");
    let again = decide(
        &app,
        &editor,
        &id,
        json!({"decision": "exclude", "note": "again"}),
    )
    .await;
    assert_eq!((again.status, again.code()), (409, "already_decided"));
    assert_eq!(ledger_of(&app, &editor, "clinics-brand").await, (0, 30, 20));
    assert_tallies_agree(&app.db, &fixture.survey_id).await;

    let published = app
        .staff(Method::POST, &publish_path, Some(&editor), None)
        .await;
    assert_eq!(published.status, 200, "{}", published.json);
    let public = app
        .get_with(&format!("/api/v1/surveys/{SURVEY}/results"), &[])
        .await;
    assert_eq!(public.0, 200, "{}", public.1);
    let public: Value = serde_json::from_str(&public.1).expect("JSON");
    let line = public["results"]["subjects"]
        .as_array()
        .and_then(|s| s.iter().find(|l| l["subject"] == "clinics-brand"))
        .cloned()
        .expect("the attacked subject");
    assert_eq!(line["n"], 20, "{line}");

    // Reversible: released, the answers count again in the live results (the published
    // snapshot stays as it was until a correction).
    let released = decide(
        &app,
        &editor,
        &id,
        json!({"decision": "release", "note": "the clinic's own open day, checked by phone"}),
    )
    .await;
    assert_eq!(released.status, 200, "{}", released.json);
    assert_eq!(ledger_of(&app, &editor, "clinics-brand").await, (0, 0, 50));
    assert_tallies_agree(&app.db, &fixture.survey_id).await;

    let (decisions,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM audit_log WHERE entity = 'suspect_cluster' AND entity_id = $1
           AND action IN ('cluster.exclude', 'cluster.release')",
    )
    .bind(&id)
    .fetch_one(app.db.pool())
    .await
    .expect("audit");
    assert_eq!(decisions, 2);
}

async fn honest_phones_sharing_one_address_are_not_held(app: TestApp) {
    let fixture = sector_with_survey(&app.db, "clinics").await;
    add_subject(&app.db, &fixture, "rival").await;
    honest_background(&app).await;
    let editor = app.token(Role::Editor).await;
    // Thirty people on one Wi-Fi, each with their own phone, scoring as people do.
    for i in 0..30 {
        let subject = if i % 2 == 0 { "clinics-brand" } else { "rival" };
        let score = HONEST_MIX[(i / 2 + 3) % HONEST_MIX.len()].to_string();
        let response = app
            .http
            .post(app.url(PAGE))
            .header("user-agent", format!("Phone {i}"))
            .form(&[
                ("used", subject),
                (&format!("score-{subject}") as &str, &score),
            ])
            .send()
            .await
            .expect("POST");
        assert_eq!(response.status().as_u16(), 303);
    }
    let scanned = scan(&app, &editor).await;
    assert_eq!(scanned["answers_held"], 0, "{scanned}");
    assert!(clusters(&app, &editor).await.is_empty());
    assert_eq!(ledger_of(&app, &editor, "clinics-brand").await, (0, 0, 35));
}

async fn two_instances_scanning_at_once_hold_each_answer_once(app: TestApp) {
    let fixture = sector_with_survey(&app.db, "clinics").await;
    add_subject(&app.db, &fixture, "rival").await;
    honest_background(&app).await;
    let editor = app.token(Role::Editor).await;
    stuff_through_the_form(&app, 20, "0").await;
    let second = app.second_instance().await;
    let (a, b) = tokio::join!(scan(&app, &editor), scan(&second, &editor));
    let held = a["answers_held"].as_i64().unwrap_or(0) + b["answers_held"].as_i64().unwrap_or(0);
    assert_eq!(held, 20, "{a} {b}");
    let listed = clusters(&app, &editor).await;
    let members: i64 = listed.iter().filter_map(|c| c["answers"].as_i64()).sum();
    assert_eq!(members, 20, "{listed:?}");
    assert_eq!(ledger_of(&app, &editor, "clinics-brand").await, (20, 0, 20));
    assert_tallies_agree(&app.db, &fixture.survey_id).await;
}

async fn staff_review_clusters_in_the_console_in_plain_words(app: TestApp) {
    let fixture = sector_with_survey(&app.db, "clinics").await;
    add_subject(&app.db, &fixture, "rival").await;
    honest_background(&app).await;
    stuff_through_the_form(&app, 30, "10").await;
    let editor = Console::as_role(&app, Role::Editor).await;
    let page = format!("/console/surveys/{SURVEY}/clusters");

    let scanned = editor.post(&format!("{page}/scan"), &[]).await;
    assert_eq!(scanned.status().as_u16(), 303);
    let location = scanned.headers()["location"]
        .to_str()
        .expect("ascii")
        .to_string();
    let (status, html) = editor.get(&location).await;
    assert_eq!(status, 200);
    assert!(
        html.contains("30 answer(s) held") || html.contains("30 条回答待审"),
        "{html}"
    );
    // In words staff read without statistics: no p-values, no ids, no UTC times.
    assert!(
        html.contains("30 answers for this brand came from one network")
            || html.contains("30 条关于该品牌的回答来自同一个网络出口"),
        "{html}"
    );
    // The evidence, up to the decision form (whose attributes carry the cluster's id).
    let prose = html
        .split("<article")
        .nth(1)
        .and_then(|card| card.split("<form").next())
        .expect("a cluster card");
    let scientific = prose
        .as_bytes()
        .windows(4)
        .any(|w| w[0].is_ascii_digit() && w[1] == b'e' && w[2] == b'-' && w[3].is_ascii_digit());
    assert!(!scientific, "a p-value in scientific notation: {html}");
    assert!(
        !prose.contains("T0") && !prose.contains("Z<"),
        "a raw UTC time: {html}"
    );
    let (_, detail) = editor.get(&format!("/console/surveys/{SURVEY}")).await;
    assert!(detail.contains(r#"data-testid="held-notice""#), "{detail}");

    let id: (String,) = sqlx::query_as("SELECT id FROM suspect_clusters")
        .fetch_one(app.db.pool())
        .await
        .expect("a cluster");
    let decision = format!("/console/clusters/{}/decision", id.0);
    let refused = editor
        .post(&decision, &[("decision", "exclude"), ("note", "")])
        .await;
    assert_eq!(refused.status().as_u16(), 422);
    let body = refused.text().await.expect("body");
    assert!(
        body.contains("Say why") || body.contains("请写明"),
        "{body}"
    );
    let decided = editor
        .post(
            &decision,
            &[
                ("decision", "exclude"),
                ("note", "same network, all 10, seconds apart"),
            ],
        )
        .await;
    assert_eq!(decided.status().as_u16(), 303);
    let (_, html) = editor.get(&page).await;
    assert!(html.contains(r#"data-status="excluded""#), "{html}");
    assert!(html.contains("same network, all 10, seconds apart"));

    let viewer = Console::as_role(&app, Role::Viewer).await;
    let (status, html) = viewer.get(&page).await;
    assert_eq!(status, 200);
    assert!(
        !html.contains("data-testid=\"cluster-note\""),
        "viewers cannot decide"
    );
    let forbidden = viewer
        .post(&decision, &[("decision", "release"), ("note", "x")])
        .await;
    assert_eq!(forbidden.status().as_u16(), 403);
}

on_both_databases!(
    staff_review_clusters_in_the_console_in_plain_words,
    stuffing_from_one_address_is_held_until_staff_decide_and_blocks_publishing,
    honest_phones_sharing_one_address_are_not_held,
    two_instances_scanning_at_once_hold_each_answer_once,
);

mod channels {
    //! Channels: every answer records where it came from — the plain link, a poster batch's QR
    //! code (`?c=CODE`, signed into the form token so it cannot be made up), or a kiosk.

    use super::*;

    /// Loads the page at `path` and posts one answer with its form token.
    async fn answer_via(app: &TestApp, path: &str, score: &str) -> u16 {
        let html = app
            .http
            .get(app.url(path))
            .send()
            .await
            .expect("GET")
            .text()
            .await
            .expect("HTML");
        let response = app
            .http
            .post(app.url(PAGE))
            .form(&[
                (
                    "form_token",
                    hidden_value(&html, "form_token").expect("token").as_str(),
                ),
                (
                    "submission",
                    hidden_value(&html, "submission").expect("id").as_str(),
                ),
                ("used", "clinics-brand"),
                ("score-clinics-brand", score),
            ])
            .send()
            .await
            .expect("POST");
        response.status().as_u16()
    }

    async fn channels_of(app: &TestApp, survey_id: &str) -> Vec<(String, Option<String>)> {
        sqlx::query_as(
            "SELECT channel, poster_batch_id FROM responses WHERE survey_id = $1
             ORDER BY created_at, id",
        )
        .bind(survey_id)
        .fetch_all(app.db.pool())
        .await
        .expect("channels")
    }

    async fn every_answer_records_its_channel_and_codes_cannot_be_forged(app: TestApp) {
        let fixture = sector_with_survey(&app.db, "clinics").await;
        let editor = Console::as_role(&app, Role::Editor).await;
        let created = editor
            .post(
                &format!("/console/surveys/{SURVEY}/posters"),
                &[
                    ("name", "Futian health centres"),
                    ("location", "Futian"),
                    ("print_count", "200"),
                ],
            )
            .await;
        assert_eq!(created.status().as_u16(), 303);
        let (_, page) = editor
            .get(&format!("/console/surveys/{SURVEY}/posters"))
            .await;
        let code = page
            .split(r#"data-testid="batch-code">"#)
            .nth(1)
            .and_then(|rest| rest.split('<').next())
            .expect("a channel code")
            .to_string();
        assert_eq!(code.len(), 8, "{code}");
        let (_, poster) = editor
            .get(&format!("/console/surveys/{SURVEY}/poster?batch={code}"))
            .await;
        assert!(
            poster.contains(&format!("/s/{SURVEY}?c={code}")),
            "the poster's link carries the code"
        );
        // A refused batch: the problem is named, nothing is created.
        let refused = editor
            .post(
                &format!("/console/surveys/{SURVEY}/posters"),
                &[("name", "x"), ("print_count", "0")],
            )
            .await;
        assert_eq!(refused.status().as_u16(), 422);

        assert_eq!(
            answer_via(&app, &format!("{PAGE}?c={code}"), "9").await,
            303
        );
        assert_eq!(
            answer_via(&app, &format!("{PAGE}?c={}", code.to_lowercase()), "8").await,
            303
        );
        assert_eq!(answer_via(&app, PAGE, "7").await, 303);
        // Unknown and malformed codes are ignored, not errors.
        assert_eq!(
            answer_via(&app, &format!("{PAGE}?c=ZZZZZZZZ"), "6").await,
            303
        );
        assert_eq!(
            answer_via(&app, &format!("{PAGE}?c=%3Cscript%3E"), "5").await,
            303
        );
        let kiosk = app
            .kiosk_post(&format!("/api/v1/surveys/{SURVEY}/responses"))
            .await
            .json(&json!({"subject": "clinics-brand", "score": 4, "respondent": "k-1"}))
            .send()
            .await
            .expect("kiosk");
        assert_eq!(kiosk.status().as_u16(), 201);

        let batch_id: (String,) = sqlx::query_as("SELECT id FROM poster_batches WHERE code = $1")
            .bind(&code)
            .fetch_one(app.db.pool())
            .await
            .expect("the batch");
        let poster = ("poster".to_string(), Some(batch_id.0.clone()));
        let link = ("link".to_string(), None);
        assert_eq!(
            channels_of(&app, &fixture.survey_id).await,
            vec![
                poster.clone(),
                poster,
                link.clone(),
                link.clone(),
                link,
                ("kiosk".to_string(), None)
            ]
        );

        let token = app.token(Role::Viewer).await;
        let ledger = app
            .staff(
                Method::GET,
                &format!("/api/v1/staff/surveys/{SURVEY}/ledger"),
                Some(&token),
                None,
            )
            .await;
        assert_eq!(
            ledger.json["subjects"][0]["channels"],
            json!({"link": 3, "poster": 2, "invitation": 0, "kiosk": 1})
        );
        let (_, page) = editor
            .get(&format!("/console/surveys/{SURVEY}/posters"))
            .await;
        let answers = page
            .split(r#"data-testid="batch-answers""#)
            .nth(1)
            .and_then(|rest| rest.split('>').nth(1))
            .and_then(|cell| cell.split('<').next());
        assert_eq!(answers, Some("2"), "{page}");
    }

    async fn a_poster_token_from_another_survey_names_no_batch_here(app: TestApp) {
        let fixture = sector_with_survey(&app.db, "clinics").await;
        let other = sector_with_survey(&app.db, "meals").await;
        let editor = Console::as_role(&app, Role::Editor).await;
        editor
            .post(
                "/console/surveys/meals-survey/posters",
                &[("name", "meal posters"), ("print_count", "10")],
            )
            .await;
        let (code,): (String,) = sqlx::query_as("SELECT code FROM poster_batches")
            .fetch_one(app.db.pool())
            .await
            .expect("code");
        // The meals page's token (with its batch) sent with the clinics form.
        assert_eq!(
            answer_via(&app, &format!("/s/meals-survey?c={code}"), "10").await,
            303
        );
        assert_eq!(
            channels_of(&app, &fixture.survey_id).await,
            vec![("link".to_string(), None)]
        );
        assert!(channels_of(&app, &other.survey_id).await.is_empty());
    }

    on_both_databases!(
        every_answer_records_its_channel_and_codes_cannot_be_forged,
        a_poster_token_from_another_survey_names_no_batch_here,
    );
}
