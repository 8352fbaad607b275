//! Kiosk keys: the submission API takes answers only from kiosks staff issued a key to, within
//! the key's surveys and daily limit; every answer records its kiosk. Tried as an attacker would:
//! no key, a made-up key, a staff token, a revoked key, another survey, too many answers.

use domain::Role;
use reqwest::Method;
use serde_json::{json, Value};

use crate::on_both_databases;
use crate::support::console::Console;
use crate::support::fixtures::{sector_with_survey, stored_responses};
use crate::support::staff::answer;
use crate::support::TestApp;

const CLINICS: &str = "/api/v1/surveys/clinics-survey/responses";
const MEALS: &str = "/api/v1/surveys/meals-survey/responses";

fn an_answer(respondent: &str) -> Value {
    json!({"subject": "clinics-brand", "score": 10, "respondent": respondent})
}

/// Sends one answer with this `Authorization` header value (`None`: no header).
async fn send(
    app: &TestApp,
    path: &str,
    authorization: Option<&str>,
    body: &Value,
) -> (u16, Value, reqwest::header::HeaderMap) {
    let mut request = app
        .http
        .post(app.url(path))
        .header("accept-language", "zh-CN")
        .json(body);
    if let Some(value) = authorization {
        request = request.header("authorization", value);
    }
    let got = answer(request).await;
    (got.status, got.json, got.headers)
}

/// Creates a key through the staff API as an admin; returns (id, secret).
async fn issue(app: &TestApp, surveys: &[&str], daily_limit: Option<i64>) -> (String, String) {
    let admin = app.token(Role::Admin).await;
    let created = app
        .staff(
            Method::POST,
            "/api/v1/staff/kiosk-keys",
            Some(&admin),
            Some(&json!({"name": "lobby tablet", "surveys": surveys, "daily_limit": daily_limit})),
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.json);
    let secret = created.json["kiosk_key"]
        .as_str()
        .expect("secret")
        .to_string();
    assert!(secret.starts_with("koubei_kiosk_"), "{secret}");
    (created.json["id"].as_str().expect("id").to_string(), secret)
}

async fn answers_without_a_valid_kiosk_key_are_refused_with_401_and_not_stored(app: TestApp) {
    let fixture = sector_with_survey(&app.db, "clinics").await;
    let staff_token = app.token(Role::Admin).await;
    let (status, body, headers) = send(&app, CLINICS, None, &an_answer("a")).await;
    assert_eq!(status, 401, "{body}");
    assert_eq!(body["error"]["code"], "kiosk_key_required");
    assert!(body["error"]["message"]
        .as_str()
        .is_some_and(|m| m.contains("终端密钥")));
    assert!(headers["www-authenticate"]
        .to_str()
        .is_ok_and(|v| v.starts_with("Bearer")));
    let made_up = format!("Bearer koubei_kiosk_{}", "0".repeat(64));
    let staff = format!("Bearer {staff_token}");
    for authorization in [
        made_up.as_str(),
        staff.as_str(),
        "Basic a2lvc2s6MQ==",
        "Bearer ",
    ] {
        let (status, body, _) = send(&app, CLINICS, Some(authorization), &an_answer("a")).await;
        assert_eq!(status, 401, "{authorization}: {body}");
        assert!(
            ["invalid_kiosk_key", "kiosk_key_required"]
                .contains(&body["error"]["code"].as_str().unwrap_or("")),
            "{body}"
        );
    }
    // Checked before the body: a script learns nothing about the survey without a key.
    let (status, _, _) = send(&app, CLINICS, None, &json!("not an answer")).await;
    assert_eq!(status, 401);
    assert!(stored_responses(&app.db, &fixture.survey_id)
        .await
        .is_empty());
}

async fn a_kiosk_answers_only_its_own_surveys_and_each_answer_names_it(app: TestApp) {
    let clinics = sector_with_survey(&app.db, "clinics").await;
    let meals = sector_with_survey(&app.db, "meals").await;
    let (id, secret) = issue(&app, &["clinics-survey"], None).await;
    let bearer = format!("Bearer {secret}");
    let (status, body, _) = send(&app, CLINICS, Some(&bearer), &an_answer("0007")).await;
    assert_eq!(status, 201, "{body}");
    let (status, body, _) = send(
        &app,
        MEALS,
        Some(&bearer),
        &json!({"subject": "meals-brand", "score": 10}),
    )
    .await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (403, Some("kiosk_key_not_for_survey"))
    );
    let (status, body, _) = send(
        &app,
        "/api/v1/surveys/nope/responses",
        Some(&bearer),
        &an_answer("x"),
    )
    .await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (404, Some("survey_not_found"))
    );
    assert!(stored_responses(&app.db, &meals.survey_id).await.is_empty());
    let kiosks: Vec<(Option<String>,)> =
        sqlx::query_as("SELECT kiosk_key_id FROM responses WHERE survey_id = $1")
            .bind(&clinics.survey_id)
            .fetch_all(app.db.pool())
            .await
            .expect("kiosk of each answer");
    assert_eq!(kiosks, vec![(Some(id),)]);
}

async fn two_kiosks_numbering_their_respondents_alike_count_two_people(app: TestApp) {
    let fixture = sector_with_survey(&app.db, "clinics").await;
    let (_, first) = issue(&app, &["clinics-survey"], None).await;
    let (_, second) = issue(&app, &["clinics-survey"], None).await;
    for secret in [&first, &second] {
        let (status, body, _) = send(
            &app,
            CLINICS,
            Some(&format!("Bearer {secret}")),
            &an_answer("0007"),
        )
        .await;
        assert_eq!(status, 201, "{body}");
    }
    // The same kiosk naming the same person twice is still one person.
    let (status, _, _) = send(
        &app,
        CLINICS,
        Some(&format!("Bearer {first}")),
        &an_answer("0007"),
    )
    .await;
    assert_eq!(status, 409);
    assert_eq!(stored_responses(&app.db, &fixture.survey_id).await.len(), 2);
}

async fn a_revoked_key_is_refused_at_once_on_every_instance(app: TestApp) {
    sector_with_survey(&app.db, "clinics").await;
    let (id, secret) = issue(&app, &["clinics-survey"], None).await;
    let bearer = format!("Bearer {secret}");
    let other = app.second_instance().await;
    assert_eq!(
        send(&other, CLINICS, Some(&bearer), &an_answer("1"))
            .await
            .0,
        201
    );
    let admin = app.token(Role::Admin).await;
    let revoked = app
        .staff(
            Method::POST,
            &format!("/api/v1/staff/kiosk-keys/{id}/revoke"),
            Some(&admin),
            None,
        )
        .await;
    assert_eq!(revoked.status, 200, "{}", revoked.json);
    assert!(revoked.json["revoked_at"].is_string());
    for instance in [&app, &other] {
        let (status, body, _) = send(instance, CLINICS, Some(&bearer), &an_answer("2")).await;
        assert_eq!(
            (status, body["error"]["code"].as_str()),
            (401, Some("invalid_kiosk_key"))
        );
    }
    let audit: Vec<(String,)> = sqlx::query_as(
        "SELECT action FROM audit_log WHERE entity = 'kiosk_key' AND entity_id = $1 ORDER BY at",
    )
    .bind(&id)
    .fetch_all(app.db.pool())
    .await
    .expect("audit");
    let actions: Vec<&str> = audit.iter().map(|(a,)| a.as_str()).collect();
    assert_eq!(actions, ["kiosk_key.create", "kiosk_key.revoke"]);
}

async fn the_daily_limit_holds_across_instances_and_refused_answers_do_not_use_it(app: TestApp) {
    let fixture = sector_with_survey(&app.db, "clinics").await;
    let (_, secret) = issue(&app, &["clinics-survey"], Some(3)).await;
    let bearer = format!("Bearer {secret}");
    // An invalid answer is refused and gives its place back.
    let invalid = json!({"subject": "clinics-brand", "score": 11});
    assert_eq!(send(&app, CLINICS, Some(&bearer), &invalid).await.0, 422);
    // So does a retry: the first send takes a place, its two retries take none.
    for _ in 0..3 {
        let retry = app
            .http
            .post(app.url(CLINICS))
            .header("authorization", &bearer)
            .header("idempotency-key", "lobby-000001")
            .json(&an_answer("retried"));
        assert_eq!(answer(retry).await.status, 201);
    }
    // Ten answers at once on two instances: exactly two more fit.
    let other = app.second_instance().await;
    let mut sends = tokio::task::JoinSet::new();
    for n in 0..10 {
        let instance = if n % 2 == 0 { &app } else { &other };
        let request = instance
            .http
            .post(instance.url(CLINICS))
            .header("authorization", &bearer)
            .json(&an_answer(&format!("p{n}")));
        sends.spawn(answer(request));
    }
    let results: Vec<(u16, Value, reqwest::header::HeaderMap)> = sends
        .join_all()
        .await
        .into_iter()
        .map(|got| (got.status, got.json, got.headers))
        .collect();
    let created = results.iter().filter(|r| r.0 == 201).count();
    let refused: Vec<_> = results.iter().filter(|r| r.0 == 429).collect();
    assert_eq!(
        (created, refused.len()),
        (2, 8),
        "{:?}",
        results.iter().map(|r| r.0).collect::<Vec<_>>()
    );
    let (_, body, headers) = refused[0];
    assert_eq!(body["error"]["code"], "kiosk_daily_limit");
    let retry_after: u64 = headers["retry-after"]
        .to_str()
        .expect("ascii")
        .parse()
        .expect("seconds");
    assert!((1..=86_400).contains(&retry_after), "{retry_after}");
    assert_eq!(stored_responses(&app.db, &fixture.survey_id).await.len(), 3);
    let admin = app.token(Role::Admin).await;
    let listed = app
        .staff(Method::GET, "/api/v1/staff/kiosk-keys", Some(&admin), None)
        .await;
    assert_eq!(listed.json[0]["answers_today"], 3, "{}", listed.json);
    assert_eq!(listed.json[0]["daily_limit"], 3);
}

async fn the_staff_api_checks_what_a_key_is_for_and_only_admins_issue_keys(app: TestApp) {
    sector_with_survey(&app.db, "clinics").await;
    let admin = app.token(Role::Admin).await;
    let editor = app.token(Role::Editor).await;
    let path = "/api/v1/staff/kiosk-keys";
    let good = json!({"name": "lobby", "surveys": ["clinics-survey"]});
    let refused = app
        .staff(Method::POST, path, Some(&editor), Some(&good))
        .await;
    assert_eq!(refused.status, 403);
    let cases = [
        (
            json!({"name": "lobby", "surveys": []}),
            "surveys",
            "invalid_surveys",
        ),
        (
            json!({"name": "lobby", "surveys": ["nope"]}),
            "surveys",
            "invalid_surveys",
        ),
        (
            json!({"name": " ", "surveys": ["clinics-survey"]}),
            "name",
            "invalid_name",
        ),
        (
            json!({"name": "lobby", "surveys": ["clinics-survey"], "daily_limit": 0}),
            "daily_limit",
            "invalid_daily_limit",
        ),
    ];
    for (body, field, code) in cases {
        let got = app
            .staff(Method::POST, path, Some(&admin), Some(&body))
            .await;
        assert_eq!(
            (got.status, got.field(), got.code()),
            (422, field, code),
            "{body}"
        );
    }
    let listed = app.staff(Method::GET, path, Some(&admin), None).await;
    assert_eq!(listed.json, json!([]), "nothing half-made");
    let created = app
        .staff(Method::POST, path, Some(&admin), Some(&good))
        .await;
    assert_eq!(created.status, 201);
    let listed = app.staff(Method::GET, path, Some(&admin), None).await;
    assert_eq!(listed.json[0]["surveys"], json!(["clinics-survey"]));
    assert!(
        listed.json[0].get("kiosk_key").is_none(),
        "the secret is never listed"
    );
    assert!(!String::from_utf8_lossy(&listed.bytes)
        .contains(created.json["kiosk_key"].as_str().expect("secret")));
}

async fn an_admin_issues_and_revokes_a_kiosk_key_in_the_console(app: TestApp) {
    sector_with_survey(&app.db, "clinics").await;
    let console = Console::as_role(&app, Role::Admin).await;
    let created = console
        .post(
            "/console/kiosk-keys",
            &[
                ("name", "福田养老院大厅"),
                ("surveys", "clinics-survey"),
                ("daily_limit", "200"),
            ],
        )
        .await;
    assert_eq!(created.status().as_u16(), 201);
    let page = created.text().await.expect("page");
    let secret = page
        .split("data-testid=\"kiosk-key-secret\">")
        .nth(1)
        .and_then(|rest| rest.split('<').next())
        .expect("the secret, shown once")
        .to_string();
    assert!(secret.starts_with("koubei_kiosk_"));
    let (status, list) = console.get("/console/kiosk-keys").await;
    assert_eq!(status, 200);
    assert!(list.contains("福田养老院大厅") && !list.contains(&secret));
    let bearer = format!("Bearer {secret}");
    assert_eq!(
        send(&app, CLINICS, Some(&bearer), &an_answer("1")).await.0,
        201
    );
    let bad = console
        .post(
            "/console/kiosk-keys",
            &[("name", "x"), ("daily_limit", "lots")],
        )
        .await;
    assert_eq!(bad.status().as_u16(), 422);
    let (id,): (String,) = sqlx::query_as("SELECT id FROM kiosk_keys")
        .fetch_one(app.db.pool())
        .await
        .expect("key id");
    let revoked = console
        .post(&format!("/console/kiosk-keys/{id}/revoke"), &[])
        .await;
    assert_eq!(revoked.status().as_u16(), 303);
    assert_eq!(
        send(&app, CLINICS, Some(&bearer), &an_answer("2")).await.0,
        401
    );
    let editor = Console::as_role(&app, Role::Editor).await;
    assert_eq!(editor.get("/console/kiosk-keys").await.0, 403);
}

on_both_databases!(
    answers_without_a_valid_kiosk_key_are_refused_with_401_and_not_stored,
    a_kiosk_answers_only_its_own_surveys_and_each_answer_names_it,
    two_kiosks_numbering_their_respondents_alike_count_two_people,
    a_revoked_key_is_refused_at_once_on_every_instance,
    the_daily_limit_holds_across_instances_and_refused_answers_do_not_use_it,
    the_staff_api_checks_what_a_key_is_for_and_only_admins_issue_keys,
    an_admin_issues_and_revokes_a_kiosk_key_in_the_console,
);
