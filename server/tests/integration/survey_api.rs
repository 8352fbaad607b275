//! The survey API: definitions, and `POST /api/v1/surveys/{slug}/responses` with every refusal.

use koubei_core::db::responses::{
    write_batch, NewResponse, OwnSqliteConnection, PendingSubmission, WriteOutcome,
};
use koubei_core::db::{new_id, timestamp, Backend};
use serde_json::{json, Value};

use crate::on_both_databases;
use crate::support::fixtures::{
    add_subject, sector_with_survey, set_status, stored_responses, Fixture,
};
use crate::support::TestApp;

const SURVEY: &str = "/api/v1/surveys/clinics-survey/responses";

async fn open_survey(app: &TestApp) -> Fixture {
    sector_with_survey(&app.db, "clinics").await
}

/// POSTs a JSON value; returns status, body and the `Retry-After` header if any.
async fn post(app: &TestApp, path: &str, body: &Value, language: &str) -> (u16, Value) {
    let response = app
        .kiosk_post(path)
        .await
        .header("accept-language", language)
        .json(body)
        .send()
        .await
        .expect("POST");
    let status = response.status().as_u16();
    (status, response.json().await.expect("JSON body"))
}

fn error_code(body: &Value) -> &str {
    body["error"]["code"].as_str().unwrap_or("<no code>")
}

async fn a_response_is_stored_and_acknowledged_with_its_id(app: TestApp) {
    let fixture = open_survey(&app).await;
    let (status, body) = post(
        &app,
        SURVEY,
        &json!({"subject": "clinics-brand", "score": 9, "reason": " friendly ", "lang": "en"}),
        "zh-CN",
    )
    .await;
    assert_eq!(status, 201, "{body}");
    let id = body["id"].as_str().expect("id");
    let stored = stored_responses(&app.db, &fixture.survey_id).await;
    assert_eq!(stored.len(), 1);
    let (subject, score, reason, flags, lang) = &stored[0];
    assert_eq!(subject, &fixture.subject_id);
    assert_eq!(
        (*score, reason.as_deref(), *flags, lang.as_str()),
        (9, Some("friendly"), 0, "en")
    );
    let (stored_id,): (String,) = sqlx::query_as("SELECT id FROM responses")
        .fetch_one(app.db.pool())
        .await
        .expect("id");
    assert_eq!(stored_id, id);
}

async fn the_assisted_tick_is_a_json_boolean_stored_with_the_answer(app: TestApp) {
    let fixture = open_survey(&app).await;
    let second = add_subject(&app.db, &fixture, "second").await;
    let (status, body) = post(
        &app,
        SURVEY,
        &json!({"subject": "clinics-brand", "score": 9, "assisted": true, "respondent": "r-1"}),
        "en",
    )
    .await;
    assert_eq!(status, 201, "{body}");
    let (status, body) = post(
        &app,
        SURVEY,
        &json!({"subject": "second", "score": 4, "assisted": null, "respondent": "r-2"}),
        "en",
    )
    .await;
    assert_eq!(status, 201, "{body}");
    for wrong in [json!("yes"), json!(1), json!([true])] {
        let (status, body) = post(
            &app,
            SURVEY,
            &json!({"subject": "clinics-brand", "score": 9, "assisted": wrong, "respondent": "r-3"}),
            "zh-CN",
        )
        .await;
        assert_eq!(status, 422, "{wrong}: {body}");
        assert_eq!(body["error"]["code"], "invalid_type", "{body}");
        assert_eq!(body["error"]["field"], "assisted", "{body}");
    }
    let mut stored: Vec<(String, i64)> =
        sqlx::query_as("SELECT subject_id, assisted FROM responses WHERE survey_id = $1")
            .bind(&fixture.survey_id)
            .fetch_all(app.db.pool())
            .await
            .expect("responses");
    stored.sort();
    let mut expected = vec![(fixture.subject_id.clone(), 1), (second, 0)];
    expected.sort();
    assert_eq!(
        stored, expected,
        "one ticked, one not, nothing from the refusals"
    );
}

async fn a_second_answer_from_the_same_respondent_is_refused(app: TestApp) {
    let fixture = open_survey(&app).await;
    let body = json!({"subject": "clinics-brand", "score": 3, "respondent": "kiosk-1/0007"});
    assert_eq!(post(&app, SURVEY, &body, "en").await.0, 201);
    let (status, refusal) = post(
        &app,
        SURVEY,
        &json!({"subject": "clinics-brand", "score": 10, "respondent": "kiosk-1/0007"}),
        "en",
    )
    .await;
    assert_eq!(status, 409, "{refusal}");
    assert_eq!(error_code(&refusal), "duplicate_response");
    assert_eq!(refusal["error"]["field"], "subject");
    // Another respondent may answer; the first answer stands unchanged.
    let other = json!({"subject": "clinics-brand", "score": 8, "respondent": "kiosk-1/0008"});
    assert_eq!(post(&app, SURVEY, &other, "en").await.0, 201);
    let scores: Vec<i64> = stored_responses(&app.db, &fixture.survey_id)
        .await
        .into_iter()
        .map(|r| r.1)
        .collect();
    assert_eq!(scores, vec![3, 8]);
}

async fn invalid_fields_are_refused_with_422_and_nothing_is_stored(app: TestApp) {
    let fixture = open_survey(&app).await;
    let long = "很".repeat(1001);
    let cases = [
        (
            json!({"subject": "clinics-brand", "score": 11}),
            "score",
            "score_out_of_range",
        ),
        (
            json!({"subject": "clinics-brand", "score": -1}),
            "score",
            "invalid_score",
        ),
        (
            json!({"subject": "clinics-brand", "score": 7.5}),
            "score",
            "invalid_score",
        ),
        (
            json!({"subject": "clinics-brand", "score": "7"}),
            "score",
            "invalid_score",
        ),
        (
            json!({"subject": "clinics-brand"}),
            "score",
            "missing_field",
        ),
        (
            json!({"subject": "clinics-brand", "score": 7, "reason": long}),
            "reason",
            "reason_too_long",
        ),
        (
            json!({"subject": "clinics-brand", "score": 7, "lang": "fr"}),
            "lang",
            "unknown_language",
        ),
        (
            json!({"subject": "clinics-brand", "score": 7, "reason": 5}),
            "reason",
            "invalid_type",
        ),
        (
            json!({"subject": "clinics-brand", "score": 7, "respondent": ""}),
            "respondent",
            "invalid_respondent",
        ),
        (json!({"score": 7}), "subject", "missing_field"),
    ];
    for (body, field, code) in cases {
        let (status, refusal) = post(&app, SURVEY, &body, "en").await;
        assert_eq!(status, 422, "{body} → {refusal}");
        assert_eq!(refusal["error"]["field"], field, "{body} → {refusal}");
        assert_eq!(error_code(&refusal), code, "{body} → {refusal}");
    }
    assert!(stored_responses(&app.db, &fixture.survey_id)
        .await
        .is_empty());
}

async fn unknown_surveys_and_subjects_are_404_and_closed_surveys_410(app: TestApp) {
    let fixture = open_survey(&app).await;
    let other = sector_with_survey(&app.db, "meals").await;
    let answer = |subject: &str| json!({"subject": subject, "score": 5});
    let (status, body) = post(
        &app,
        "/api/v1/surveys/nope/responses",
        &answer("clinics-brand"),
        "en",
    )
    .await;
    assert_eq!((status, error_code(&body)), (404, "survey_not_found"));
    let (status, body) = post(&app, SURVEY, &answer("nope"), "en").await;
    assert_eq!((status, error_code(&body)), (404, "unknown_subject"));
    // A real subject, but of another survey.
    let (status, body) = post(&app, SURVEY, &answer("meals-brand"), "en").await;
    assert_eq!((status, error_code(&body)), (404, "unknown_subject"));
    set_status(&app.db, &other.survey_id, "draft").await;
    let (status, _) = post(
        &app,
        "/api/v1/surveys/meals-survey/responses",
        &answer("meals-brand"),
        "en",
    )
    .await;
    assert_eq!(status, 404, "a draft is not public");
    set_status(&app.db, &fixture.survey_id, "closed").await;
    // The definition cache lives two seconds; the writer re-checks inside its transaction, so
    // the refusal is immediate either way.
    let (status, body) = post(&app, SURVEY, &answer("clinics-brand"), "zh-CN").await;
    assert_eq!((status, error_code(&body)), (410, "survey_not_open"));
    assert_eq!(body["error"]["message"], "本调查目前不接受回答。");
    assert!(stored_responses(&app.db, &fixture.survey_id)
        .await
        .is_empty());
}

async fn bodies_that_are_not_json_or_too_large_are_refused(app: TestApp) {
    open_survey(&app).await;
    let response = app
        .http
        .post(app.url(SURVEY))
        .bearer_auth(app.kiosk_key().await)
        .header("content-type", "text/plain")
        .body(r#"{"subject":"clinics-brand","score":5}"#)
        .send()
        .await
        .expect("POST");
    assert_eq!(response.status().as_u16(), 415);
    let body: Value = response.json().await.expect("JSON error");
    assert_eq!(error_code(&body), "unsupported_media_type");

    let padding = "x".repeat(17 * 1024);
    let response = app
        .http
        .post(app.url(SURVEY))
        .bearer_auth(app.kiosk_key().await)
        .header("content-type", "application/json")
        .body(format!(
            r#"{{"subject":"clinics-brand","score":5,"pad":"{padding}"}}"#
        ))
        .send()
        .await
        .expect("POST");
    assert_eq!(response.status().as_u16(), 413);
    let body: Value = response.json().await.expect("JSON error");
    assert_eq!(error_code(&body), "body_too_large");

    let response = app
        .http
        .post(app.url(SURVEY))
        .bearer_auth(app.kiosk_key().await)
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .expect("POST");
    assert_eq!(response.status().as_u16(), 400);
}

async fn a_retried_submission_with_the_same_idempotency_key_is_stored_once(app: TestApp) {
    let fixture = open_survey(&app).await;
    let key = app.kiosk_key().await;
    let send = || {
        app.http
            .post(app.url(SURVEY))
            .bearer_auth(&key)
            .header("idempotency-key", "retry-0001-abcdef")
            .json(&json!({"subject": "clinics-brand", "score": 6, "respondent": "r-1"}))
            .send()
    };
    let first = send().await.expect("POST");
    assert_eq!(first.status().as_u16(), 201);
    let first_id = first.json::<Value>().await.expect("body")["id"].clone();
    let again = send().await.expect("POST");
    assert_eq!(again.status().as_u16(), 201);
    assert_eq!(again.headers()["idempotent-replayed"], "true");
    assert_eq!(again.json::<Value>().await.expect("body")["id"], first_id);
    assert_eq!(stored_responses(&app.db, &fixture.survey_id).await.len(), 1);
}

async fn survey_definitions_list_open_and_published_surveys_only(app: TestApp) {
    let open = open_survey(&app).await;
    add_subject(&app.db, &open, "clinics-second").await;
    let published = sector_with_survey(&app.db, "meals").await;
    set_status(&app.db, &published.survey_id, "published").await;
    let closed = sector_with_survey(&app.db, "video").await;
    set_status(&app.db, &closed.survey_id, "closed").await;
    let draft = sector_with_survey(&app.db, "care").await;
    set_status(&app.db, &draft.survey_id, "draft").await;

    let list: Value = app.get("/api/v1/surveys").await.json().await.expect("list");
    let mut listed: Vec<(String, String)> = list
        .as_array()
        .expect("array")
        .iter()
        .map(|s| {
            (
                s["slug"].as_str().unwrap_or("").to_string(),
                s["status"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    listed.sort();
    assert_eq!(
        listed,
        vec![
            ("clinics-survey".to_string(), "open".to_string()),
            ("meals-survey".to_string(), "published".to_string()),
        ]
    );

    let one: Value = app
        .get("/api/v1/surveys/clinics-survey")
        .await
        .json()
        .await
        .expect("one");
    assert_eq!(one["status"], "open");
    assert_eq!(one["title_zh"], "测试调查");
    assert_eq!(one["title_en"], "Test survey");
    let subjects: Vec<&str> = one["subjects"]
        .as_array()
        .expect("subjects")
        .iter()
        .filter_map(|s| s["slug"].as_str())
        .collect();
    assert_eq!(subjects, vec!["clinics-brand", "clinics-second"]);
    assert_eq!(one["subjects"][1]["name_en"], "Brand clinics-second");
    assert!(one.get("id").is_none(), "database ids stay private");

    assert_eq!(
        app.get("/api/v1/surveys/video-survey")
            .await
            .status()
            .as_u16(),
        200
    );
    assert_eq!(
        app.get("/api/v1/surveys/care-survey")
            .await
            .status()
            .as_u16(),
        404
    );
    assert_eq!(app.get("/api/v1/surveys/nope").await.status().as_u16(), 404);
}

/// One device (same address and browser) answering a brand again under a new identity: stored
/// and flagged as a duplicate, not refused. Other brands, and a kiosk that names each of its
/// respondents, are not flagged.
async fn a_device_answering_again_under_a_new_identity_is_stored_and_flagged(app: TestApp) {
    let fixture = open_survey(&app).await;
    add_subject(&app.db, &fixture, "dentist-b").await;
    for body in [
        json!({"subject": "clinics-brand", "score": 9}),
        json!({"subject": "clinics-brand", "score": 2}),
        json!({"subject": "dentist-b", "score": 7}),
        json!({"subject": "dentist-b", "score": 6, "respondent": "kiosk-1/0001"}),
        json!({"subject": "dentist-b", "score": 5, "respondent": "kiosk-1/0002"}),
    ] {
        let (status, reply) = post(&app, SURVEY, &body, "en").await;
        assert_eq!(status, 201, "{body} → {reply}");
    }
    let flags: Vec<(i64, i64)> = stored_responses(&app.db, &fixture.survey_id)
        .await
        .into_iter()
        .map(|(_, score, _, flags, _)| (score, flags))
        .collect();
    assert_eq!(flags, vec![(9, 0), (2, 1), (7, 0), (6, 0), (5, 0)]);
}

/// One submission of one answer from device number `device`, as the submission service queues it.
fn pending(
    fixture: &Fixture,
    respondent: &str,
    device: usize,
    score: i64,
    shared_device: bool,
) -> PendingSubmission {
    PendingSubmission {
        survey_id: fixture.survey_id.clone(),
        submission_id: format!("submission-{respondent}"),
        respondent_key: format!("respondent-key-{respondent}"),
        idempotency_key: None,
        lang: "en",
        age_band: None,
        district: None,
        assisted: false,
        client_hash: Some(format!("{device:032}")),
        network_hash: None,
        new_identity: true,
        channel: domain::Channel::Link,
        poster_batch_id: None,
        invitation: None,
        shared_device,
        kiosk_key_id: None,
        completion_ms: None,
        created_at: timestamp::now(),
        receipt_digest: None,
        rows: vec![NewResponse {
            id: new_id(),
            subject_id: fixture.subject_id.clone(),
            score,
            reason: None,
            quality_flags: 0,
        }],
    }
}

/// Writes a batch the way the response writer does: its own connection on a SQLite file, a
/// pooled one on PostgreSQL.
async fn write_as_the_writer(app: &TestApp, batch: &[PendingSubmission]) -> Vec<WriteOutcome> {
    match app.db.sqlite_file() {
        Some(file) => {
            let mut own = OwnSqliteConnection::open(file).expect("own SQLite connection");
            own.write_batch(batch).await
        }
        None => write_batch(&app.db, batch).await,
    }
    .expect("batch written")
}

fn all_stored(outcomes: &[WriteOutcome]) -> bool {
    outcomes
        .iter()
        .all(|o| matches!(o, WriteOutcome::Stored(ids) if ids.len() == 1))
}

/// Two identities on one device inside one batch of the writer: the database does not know the
/// first yet, so the batch itself must flag the second.
async fn a_device_answering_twice_in_one_batch_is_flagged_once(app: TestApp) {
    let fixture = open_survey(&app).await;
    let batch = [
        pending(&fixture, "first", 7, 8, false),
        pending(&fixture, "second", 7, 3, false),
        pending(&fixture, "kiosk", 7, 5, true),
    ];
    let outcomes = write_as_the_writer(&app, &batch).await;
    assert!(all_stored(&outcomes), "{outcomes:?}");
    let flags: Vec<(i64, i64)> = stored_responses(&app.db, &fixture.survey_id)
        .await
        .into_iter()
        .map(|(_, score, _, flags, _)| (score, flags))
        .collect();
    assert_eq!(flags, vec![(8, 0), (3, 1), (5, 0)]);
}

/// Eleven devices in one batch, one of which answered before: each device is asked about in the
/// same statement (on PostgreSQL its parameters run past $9 and $19), and only that one is flagged.
async fn many_devices_in_one_batch_are_each_checked(app: TestApp) {
    let fixture = open_survey(&app).await;
    let earlier = write_as_the_writer(&app, &[pending(&fixture, "earlier", 4, 10, false)]).await;
    assert!(all_stored(&earlier), "{earlier:?}");
    let batch: Vec<PendingSubmission> = (0..11)
        .map(|device| {
            pending(
                &fixture,
                &format!("device-{device}"),
                device,
                device as i64,
                false,
            )
        })
        .collect();
    let outcomes = write_as_the_writer(&app, &batch).await;
    assert!(all_stored(&outcomes), "{outcomes:?}");
    let flagged: Vec<i64> = stored_responses(&app.db, &fixture.survey_id)
        .await
        .into_iter()
        .filter(|(_, _, _, flags, _)| *flags == 1)
        .map(|(_, score, _, _, _)| score)
        .collect();
    assert_eq!(flagged, vec![4], "only device 4 answered before");
}

on_both_databases!(
    a_response_is_stored_and_acknowledged_with_its_id,
    the_assisted_tick_is_a_json_boolean_stored_with_the_answer,
    a_second_answer_from_the_same_respondent_is_refused,
    invalid_fields_are_refused_with_422_and_nothing_is_stored,
    unknown_surveys_and_subjects_are_404_and_closed_surveys_410,
    bodies_that_are_not_json_or_too_large_are_refused,
    a_retried_submission_with_the_same_idempotency_key_is_stored_once,
    survey_definitions_list_open_and_published_surveys_only,
    a_device_answering_again_under_a_new_identity_is_stored_and_flagged,
    a_device_answering_twice_in_one_batch_is_flagged_once,
    many_devices_in_one_batch_are_each_checked,
);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_over_the_rate_limit_gets_429_and_its_later_answers_are_flagged() {
    let app = TestApp::spawn_with_rate_limit(Backend::Sqlite, 6)
        .await
        .expect("SQLite is always there");
    let fixture = open_survey(&app).await;
    let answer =
        |n: u32| json!({"subject": "clinics-brand", "score": 7, "respondent": format!("r{n}")});
    for n in 0..6 {
        assert_eq!(post(&app, SURVEY, &answer(n), "en").await.0, 201);
    }
    let response = app
        .http
        .post(app.url(SURVEY))
        .bearer_auth(app.kiosk_key().await)
        .json(&answer(6))
        .send()
        .await
        .expect("POST");
    assert_eq!(response.status().as_u16(), 429);
    let retry_after: u64 = response.headers()["retry-after"]
        .to_str()
        .expect("ascii")
        .parse()
        .expect("seconds");
    assert!((1..=10).contains(&retry_after), "{retry_after}");
    let body: Value = response.json().await.expect("JSON");
    assert_eq!(error_code(&body), "rate_limited");
    // Another client (another user agent) is not affected.
    let other = app
        .http
        .post(app.url(SURVEY))
        .bearer_auth(app.kiosk_key().await)
        .header("user-agent", "another-phone")
        .json(&answer(7))
        .send()
        .await
        .expect("POST");
    assert_eq!(other.status().as_u16(), 201);
    let flags: Vec<i64> = stored_responses(&app.db, &fixture.survey_id)
        .await
        .into_iter()
        .map(|r| r.3)
        .collect();
    assert_eq!(flags, vec![0; 7], "refused answers are not stored");
    // The limited client's next accepted answer (after a token returns) carries flag 8.
    tokio::time::sleep(std::time::Duration::from_secs(retry_after)).await;
    assert_eq!(post(&app, SURVEY, &answer(8), "en").await.0, 201);
    let last = stored_responses(&app.db, &fixture.survey_id).await;
    assert_eq!(last.last().map(|r| r.3), Some(8));
}
