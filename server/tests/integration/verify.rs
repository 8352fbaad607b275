//! Verifiable badges: a badge and an embed card carry a statement signed with the council's
//! Ed25519 key; `/verify/{token}` says whether it is genuine and still stands, as a page or as
//! JSON; the public key is published and checks a statement without asking the server.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use domain::Role;
use ed25519_dalek::{Signature, VerifyingKey};
use koubei_core::results::statement::{self, BadgeKey, Standing};
use reqwest::Method;
use serde_json::{json, Value};
use time::{Duration, OffsetDateTime};

use crate::on_both_databases;
use crate::support::TestApp;

/// The demo's published wave.
const SLUG: &str = "dental-clinics-2025";

async fn first_subject(app: &TestApp) -> (String, String) {
    sqlx::query_as(
        "SELECT su.slug, su.name_zh FROM survey_subjects ss JOIN subjects su ON su.id = ss.subject_id
         JOIN surveys sv ON sv.id = ss.survey_id WHERE sv.slug = $1 ORDER BY ss.position LIMIT 1",
    )
    .bind(SLUG)
    .fetch_one(app.db.pool())
    .await
    .expect("a subject")
}

/// The verify token in a badge or card: what follows `/verify/` up to the closing quote.
fn token_in(body: &str) -> String {
    let start = body.find("/verify/").expect("a verify link") + "/verify/".len();
    body[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_' || *c == '.')
        .collect()
}

async fn verdict(app: &TestApp, token: &str) -> (u16, Value) {
    let response = app
        .http
        .get(app.url(&format!("/verify/{token}")))
        .header("accept", "application/json")
        .send()
        .await
        .expect("GET");
    let status = response.status().as_u16();
    (status, response.json().await.expect("JSON"))
}

async fn a_badge_and_a_card_carry_a_statement_the_public_key_verifies(app: TestApp) {
    app.seed_demo().await;
    let (subject, name_zh) = first_subject(&app).await;
    let (status, badge) = app
        .get_with(&format!("/badge/{SLUG}/{subject}.svg"), &[])
        .await;
    assert_eq!(status, 200);
    let token = token_in(&badge);
    assert!(
        badge.contains("验证") || badge.contains("verify"),
        "{badge}"
    );
    let (_, card) = app.get_with(&format!("/embed/{SLUG}/{subject}"), &[]).await;
    assert_eq!(token_in(&card), token, "the card makes the same statement");

    let (status, answer) = verdict(&app, &token).await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["genuine"], true);
    assert_eq!(answer["standing"]["status"], "valid");
    let published = koubei_core::results::public::published_results(&app.db, SLUG, None)
        .await
        .expect("query")
        .expect("published");
    let frozen = published
        .results
        .subjects
        .iter()
        .find(|s| s.subject == subject)
        .expect("the subject");
    // To one decimal, as the badge shows them.
    let shown = |value: Option<f64>| json!(value.map(|v| (v * 10.0).round() / 10.0));
    assert_eq!(answer["statement"]["nps"], shown(frozen.nps));
    assert_eq!(answer["statement"]["ci_low"], shown(frozen.ci_low));
    assert_eq!(answer["statement"]["ci_high"], shown(frozen.ci_high));
    assert_eq!(answer["statement"]["level"], json!(published.results.level));
    assert_eq!(answer["statement"]["snapshot"], published.number);

    // The published key checks the signature with no help from the server's own code.
    let (_, key) = app
        .get_with("/.well-known/koubei-badge-key.json", &[])
        .await;
    let key: Value = serde_json::from_str(&key).expect("JSON");
    assert_eq!(key["algorithm"], "Ed25519");
    assert_eq!(key["key_id"], answer["key_id"]);
    let public: [u8; 32] = URL_SAFE_NO_PAD
        .decode(key["public_key"].as_str().expect("key"))
        .expect("base64url")
        .try_into()
        .expect("32 bytes");
    let (body, signature) = token.split_once('.').expect("two parts");
    let body = URL_SAFE_NO_PAD.decode(body).expect("body");
    let signature = Signature::from_slice(&URL_SAFE_NO_PAD.decode(signature).expect("sig"))
        .expect("a signature");
    VerifyingKey::from_bytes(&public)
        .expect("a key")
        .verify_strict(&body, &signature)
        .expect("the council signed it");
    let second = app.second_instance().await;
    let (_, again) = verdict(&second, &token).await;
    assert_eq!(again["genuine"], true, "every instance shares the key");

    let (status, page) = app
        .get_with(&format!("/verify/{token}"), &[("accept-language", "zh-CN")])
        .await;
    assert_eq!(status, 200);
    assert!(page.contains("这枚徽章是真的"), "{page}");
    assert!(page.contains(&name_zh));
    assert!(page.contains("使用条款"));
}

async fn an_altered_or_foreign_statement_is_not_genuine(app: TestApp) {
    app.seed_demo().await;
    let (subject, _) = first_subject(&app).await;
    let (_, badge) = app
        .get_with(&format!("/badge/{SLUG}/{subject}.svg"), &[])
        .await;
    let token = token_in(&badge);
    let (body, signature) = token.split_once('.').expect("two parts");
    let mut claim: Value =
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(body).expect("body")).expect("JSON");
    claim["nps"] = json!(99.0);
    let inflated = format!(
        "{}.{signature}",
        URL_SAFE_NO_PAD.encode(serde_json::to_vec(&claim).expect("JSON"))
    );
    let statement: statement::Statement = serde_json::from_value(claim).expect("a statement");
    let foreign = BadgeKey::from_seed([9; 32]).sign(&statement);
    for forged in [inflated.as_str(), foreign.as_str(), "nonsense", "a.b"] {
        let (status, answer) = verdict(&app, forged).await;
        assert_eq!(
            (status, &answer["genuine"]),
            (404, &json!(false)),
            "{forged}"
        );
    }
    let (status, page) = app
        .get_with(&format!("/verify/{inflated}"), &[("accept-language", "en")])
        .await;
    assert_eq!(status, 404);
    assert!(page.contains("This badge is not genuine"), "{page}");
}

async fn a_correction_supersedes_a_badge_and_time_expires_it(app: TestApp) {
    app.seed_demo().await;
    let (subject, _) = first_subject(&app).await;
    let (_, badge) = app
        .get_with(&format!("/badge/{SLUG}/{subject}.svg"), &[])
        .await;
    let old = token_in(&badge);

    // Exclude one of the subject's answers and publish a correction.
    let editor = app.token(Role::Editor).await;
    let page = app
        .staff(
            Method::GET,
            &format!("/api/v1/staff/surveys/{SLUG}/responses?subject={subject}&limit=1"),
            Some(&editor),
            None,
        )
        .await;
    let id = page.json["responses"][0]["id"].as_str().expect("an answer");
    let excluded = app
        .staff(
            Method::PUT,
            &format!("/api/v1/staff/responses/{id}/exclusion"),
            Some(&editor),
            Some(&json!({ "reason": "duplicate" })),
        )
        .await;
    assert_eq!(excluded.status, 200, "{}", excluded.json);
    let corrected = app
        .staff(
            Method::POST,
            &format!("/api/v1/staff/surveys/{SLUG}/corrections"),
            Some(&editor),
            Some(&json!({ "changelog": "one duplicate answer removed" })),
        )
        .await;
    assert_eq!(corrected.status, 201, "{}", corrected.json);
    let latest = corrected.json["number"].as_i64().expect("number");

    let (status, answer) = verdict(&app, &old).await;
    assert_eq!(status, 200);
    assert_eq!(answer["standing"]["status"], "superseded", "{answer}");
    assert_eq!(answer["standing"]["latest"], latest);
    assert_eq!(
        answer["standing"]["changelog"],
        "one duplicate answer removed"
    );
    assert_eq!(answer["standing"]["now"]["subject"], subject.as_str());
    let first = koubei_core::results::public::published_results(&app.db, SLUG, Some(1))
        .await
        .expect("query")
        .expect("snapshot 1");
    let n_before = first
        .results
        .subjects
        .iter()
        .find(|s| s.subject == subject)
        .map(|s| s.n)
        .expect("the subject");
    assert_eq!(
        answer["standing"]["now"]["n"].as_u64(),
        Some(n_before - 1),
        "the corrected result counts one answer fewer"
    );
    let (_, fresh_badge) = app
        .get_with(&format!("/badge/{SLUG}/{subject}.svg"), &[])
        .await;
    let fresh = token_in(&fresh_badge);
    assert_ne!(fresh, old, "the badge now states the correction");
    let (_, answer) = verdict(&app, &fresh).await;
    assert_eq!(answer["standing"]["status"], "valid");

    // A year and a day after publication the statement has expired.
    let key = BadgeKey::load_or_create(&app.db).await.expect("the key");
    let statement = key.read(&fresh).expect("genuine");
    let later = OffsetDateTime::now_utc() + Duration::days(statement::VALID_DAYS + 1);
    assert_eq!(
        statement::standing(&app.db, &statement, later)
            .await
            .expect("standing"),
        Standing::Expired
    );
}

on_both_databases!(
    a_badge_and_a_card_carry_a_statement_the_public_key_verifies,
    an_altered_or_foreign_statement_is_not_genuine,
    a_correction_supersedes_a_badge_and_time_expires_it,
);
