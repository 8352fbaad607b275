//! NUL and other control characters, which PostgreSQL cannot store and SQLite can: refused or
//! dropped at the edge, the same on both engines — never a 5xx, never a database error shown as
//! a 200 page, never a batch failed for others. Also the idempotency and Bearer details that
//! ride on the same requests.

use domain::Role;
use reqwest::Method;
use serde_json::{json, Value};

use crate::on_both_databases;
use crate::support::console::Console;
use crate::support::fixtures::{sector_with_survey, stored_responses};
use crate::support::staff::answer;
use crate::support::TestApp;

const RESPONSES: &str = "/api/v1/surveys/clinics-survey/responses";

async fn kiosk_answer(app: &TestApp, body: &Value, idempotency_key: Option<&[u8]>) -> (u16, Value) {
    let mut request = app.kiosk_post(RESPONSES).await.json(body);
    if let Some(key) = idempotency_key {
        request = request.header(
            "idempotency-key",
            reqwest::header::HeaderValue::from_bytes(key).expect("header value"),
        );
    }
    let got = answer(request).await;
    (got.status, got.json)
}

async fn a_nul_in_an_api_reason_is_422_and_the_next_answer_is_unharmed(app: TestApp) {
    let fixture = sector_with_survey(&app.db, "clinics").await;
    let (status, body) = kiosk_answer(
        &app,
        &json!({"subject": "clinics-brand", "score": 9, "reason": "a\u{0}b", "respondent": "1"}),
        None,
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(body["error"]["code"], "invalid_characters");
    assert_eq!(body["error"]["field"], "reason");
    let (status, body) = kiosk_answer(
        &app,
        &json!({"subject": "clinics-brand", "score": 9, "reason": "tab\tand\nnewline", "respondent": "2"}),
        None,
    )
    .await;
    assert_eq!(status, 201, "{body}");
    assert_eq!(stored_responses(&app.db, &fixture.survey_id).await.len(), 1);
}

async fn addresses_with_control_characters_are_404_or_400_before_the_database(app: TestApp) {
    app.seed_demo().await;
    for path in [
        "/s/a%00b",
        "/s/a%00b/thanks",
        "/r/a%00b",
        "/r/dental-clinics-2025/%00",
        "/sectors/a%00b",
        "/embed/a%00b",
        "/badge/a%00b/nps.svg",
        "/charts/a%00b/ranking.svg",
        "/api/v1/surveys/a%00b",
        "/api/v1/surveys/a%00b/results",
        "/api/v1/sectors/a%00b/snapshots",
        "/console/surveys/a%00b",
        "/x%1b",
    ] {
        let (status, body) = app.get_with(path, &[("accept-language", "en")]).await;
        assert_eq!(status, 404, "{path}: {body}");
    }
    let (status, body) = app.get_with("/api/v1/surveys/a%00b", &[]).await;
    assert_eq!(status, 404);
    let json: Value = serde_json::from_str(&body).expect("the API's error shape");
    assert_eq!(json["error"]["code"], "not_found");
    let refused = answer(
        app.kiosk_post("/api/v1/surveys/a%00b/responses")
            .await
            .json(&json!({})),
    )
    .await;
    assert_eq!(refused.status, 404);
    let (status, body) = app
        .get_with(
            "/api/v1/nps?promoters=5&passives=3&detractors=2&method=%00",
            &[],
        )
        .await;
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("invalid_query"));
}

async fn staff_json_with_a_nul_is_422_and_console_forms_drop_it(app: TestApp) {
    let admin = app.token(Role::Admin).await;
    let refused = app
        .staff(
            Method::POST,
            "/api/v1/staff/sectors",
            Some(&admin),
            Some(&json!({"slug": "dental", "name": {"zh-CN": "口腔\u{0}诊所", "en": "Dental"}})),
        )
        .await;
    assert_eq!(
        (refused.status, refused.code()),
        (422, "invalid_characters"),
        "{}",
        refused.json
    );
    assert!(refused.json["error"]["message"]
        .as_str()
        .is_some_and(|m| m.contains("$.name.zh-CN")));
    let (sectors,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM sectors")
        .fetch_one(app.db.pool())
        .await
        .expect("count");
    assert_eq!(sectors, 0, "nothing half-written");

    let console = Console::as_role(&app, Role::Admin).await;
    let created = console
        .post(
            "/console/sectors",
            &[
                ("slug", "meals"),
                ("name_zh", "预制\u{0}菜"),
                ("name_en", "Meals\u{7}"),
            ],
        )
        .await;
    assert!(created.status().as_u16() < 500, "{}", created.status());
    let names: Vec<(String, String)> = sqlx::query_as("SELECT name_zh, name_en FROM sectors")
        .fetch_all(app.db.pool())
        .await
        .expect("names");
    assert_eq!(names, vec![("预制菜".to_string(), "Meals".to_string())]);
}

async fn an_idempotency_key_without_a_respondent_stores_one_answer(app: TestApp) {
    let fixture = sector_with_survey(&app.db, "clinics").await;
    let body = json!({"subject": "clinics-brand", "score": 6});
    let mut ids = Vec::new();
    for _ in 0..3 {
        let (status, created) = kiosk_answer(&app, &body, Some(b"kiosk7-000123")).await;
        assert!(status == 201, "{created}");
        ids.push(created["id"].clone());
    }
    assert!(ids.iter().all(|id| *id == ids[0]), "{ids:?}");
    assert_eq!(stored_responses(&app.db, &fixture.survey_id).await.len(), 1);
    // Another key is another person.
    assert_eq!(
        kiosk_answer(&app, &body, Some(b"kiosk7-000124")).await.0,
        201
    );
    // A key that is not ASCII is refused, not ignored.
    let (status, refused) = kiosk_answer(&app, &body, Some("钥匙-000125".as_bytes())).await;
    assert_eq!(
        (status, refused["error"]["code"].as_str()),
        (422, Some("invalid_submission_id"))
    );
    assert_eq!(stored_responses(&app.db, &fixture.survey_id).await.len(), 2);
    // The same key with another answer is refused, never replayed or stored as a second one.
    for other in [
        json!({"subject": "clinics-brand", "score": 10}),
        json!({"subject": "clinics-brand", "score": 6, "reason": "changed my mind"}),
    ] {
        let (status, refused) = kiosk_answer(&app, &other, Some(b"kiosk7-000123")).await;
        assert_eq!(
            (status, refused["error"]["code"].as_str()),
            (422, Some("idempotency_key_reused")),
            "{other}"
        );
    }
    assert_eq!(stored_responses(&app.db, &fixture.survey_id).await.len(), 2);
    // Keys are stored only as digests.
    let (verbatim,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM responses WHERE submission_id LIKE '%kiosk7%'")
            .fetch_one(app.db.pool())
            .await
            .expect("count");
    assert_eq!(verbatim, 0);
}

async fn the_bearer_scheme_is_case_insensitive(app: TestApp) {
    let viewer = app.token(Role::Viewer).await;
    for scheme in ["Bearer", "bearer", "BEARER"] {
        let got = answer(
            app.http
                .get(app.url("/api/v1/staff/sectors"))
                .header("authorization", format!("{scheme} {viewer}")),
        )
        .await;
        assert_eq!(got.status, 200, "{scheme}");
    }
}

on_both_databases!(
    a_nul_in_an_api_reason_is_422_and_the_next_answer_is_unharmed,
    addresses_with_control_characters_are_404_or_400_before_the_database,
    staff_json_with_a_nul_is_422_and_console_forms_drop_it,
    an_idempotency_key_without_a_respondent_stores_one_answer,
    the_bearer_scheme_is_case_insensitive,
);
