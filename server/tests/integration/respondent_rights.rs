//! Receipts and withdrawals (`/my-answers`): a respondent sees what was stored for their own
//! submission and takes it back; nobody learns from a receipt what moderation did.

use domain::{ExclusionReason, Role};
use koubei_core::moderation::exclusions;
use koubei_core::moderation::ledger::ledger;
use koubei_core::moderation::ModerationError;
use koubei_core::staff::Actor;
use serde_json::{json, Value};

use crate::on_both_databases;
use crate::support::console::{hidden_value, Console};
use crate::support::fixtures::{sector_with_survey, Fixture};
use crate::support::TestApp;

const SUBMIT: &str = "/api/v1/surveys/clinics-survey/responses";

/// Submits one answer through the kiosk API; the stored response id and the receipt code.
async fn submit(app: &TestApp, respondent: &str, score: i64, reason: &str) -> (String, String) {
    let response = app
        .kiosk_post(SUBMIT)
        .await
        .json(&json!({"subject": "clinics-brand", "score": score, "reason": reason, "respondent": respondent}))
        .send()
        .await
        .expect("POST");
    assert_eq!(response.status().as_u16(), 201);
    let body: Value = response.json().await.expect("JSON");
    (
        body["id"].as_str().expect("id").to_string(),
        body["receipt_code"]
            .as_str()
            .expect("receipt code")
            .to_string(),
    )
}

/// POSTs the `/my-answers` form; status and the page's `<main>` (the rest carries nonces).
async fn my_answers(app: &TestApp, fields: &[(&str, &str)]) -> (u16, String) {
    let response = app
        .http
        .post(app.url("/my-answers"))
        .header("accept-language", "en")
        .form(fields)
        .send()
        .await
        .expect("POST");
    let status = response.status().as_u16();
    assert_eq!(response.headers()["cache-control"], "no-store");
    let html = response.text().await.expect("HTML");
    let main = html
        .find("<main")
        .and_then(|start| {
            html[start..]
                .find("</main>")
                .map(|end| html[start..start + end].to_string())
        })
        .unwrap_or(html);
    (status, main)
}

async fn counted(app: &TestApp, fixture: &Fixture) -> (i64, i64) {
    let ledger = ledger(&app.db, &fixture.survey_id).await.expect("ledger");
    let withdrawn = ledger
        .total
        .excluded
        .iter()
        .find(|(reason, _)| *reason == ExclusionReason::Withdrawn)
        .map(|(_, n)| *n)
        .unwrap_or(-1);
    (ledger.total.counted, withdrawn)
}

async fn a_receipt_shows_what_was_stored_and_nothing_about_moderation(app: TestApp) {
    let _fixture = sector_with_survey(&app.db, "clinics").await;
    let (id, code) = submit(&app, "r1", 9, "friendly dentist").await;
    // Typed the way people type: lower case, spaces instead of the hyphen, full-width digits.
    let typed: String = code
        .to_lowercase()
        .replace('-', " ")
        .chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(c as u32 + 0xFEE0).expect("full-width digit"),
            other => other,
        })
        .collect();
    let (status, before) = my_answers(&app, &[("code", &typed), ("action", "show")]).await;
    assert_eq!(status, 200, "{before}");
    for shown in [
        "Test brand",
        "9 out of 10",
        "friendly dentist",
        &code,
        "Withdraw answer",
    ] {
        assert!(before.contains(shown), "{shown} missing: {before}");
    }
    exclusions::exclude(&app.db, &Actor::Cli, &id, ExclusionReason::Bot, "")
        .await
        .expect("staff exclusion");
    let (status, after) = my_answers(&app, &[("code", &code), ("action", "show")]).await;
    assert_eq!(status, 200);
    assert_eq!(before, after, "a receipt must not reveal an exclusion");
}

async fn withdrawing_needs_the_checkbox_then_stops_counting_and_erases_the_reason(app: TestApp) {
    let fixture = sector_with_survey(&app.db, "clinics").await;
    let (id, code) = submit(&app, "r1", 3, "call me on 13800138000").await;
    submit(&app, "r2", 10, "").await;
    assert_eq!(counted(&app, &fixture).await, (2, 0));

    let (status, page) = my_answers(&app, &[("code", &code), ("action", "withdraw")]).await;
    assert_eq!(status, 422, "{page}");
    assert!(page.contains("Please tick"), "{page}");
    assert_eq!(
        counted(&app, &fixture).await,
        (2, 0),
        "nothing withdrawn unconfirmed"
    );

    // Staff had quoted it.
    sqlx::query(
        "INSERT INTO quotes (response_id, survey_id, theme_key, picked_by, picked_at)
         SELECT id, survey_id, 'price', 'editor', '2026-12-01T00:00:00.000Z'
         FROM responses WHERE id = $1",
    )
    .bind(&id)
    .execute(app.db.pool())
    .await
    .expect("quote");
    let confirmed = [
        ("code", code.as_str()),
        ("action", "withdraw"),
        ("confirm", "yes"),
    ];
    let (status, page) = my_answers(&app, &confirmed).await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("Withdrawn."), "{page}");
    assert!(
        !page.contains("13800138000") && !page.contains("Withdraw answer"),
        "{page}"
    );
    assert_eq!(counted(&app, &fixture).await, (1, 1));
    let (reason, client, network): (Option<String>, Option<String>, Option<String>) =
        sqlx::query_as("SELECT reason, client_hash, network_hash FROM responses WHERE id = $1")
            .bind(&id)
            .fetch_one(app.db.pool())
            .await
            .expect("row");
    assert_eq!((reason, client, network), (None, None, None));
    let (quotes,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM quotes WHERE response_id = $1")
        .bind(&id)
        .fetch_one(app.db.pool())
        .await
        .expect("quotes");
    assert_eq!(quotes, 0, "a withdrawn reason is no longer quoted");
    let (audited,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'response.withdraw' AND actor = 'respondent'",
    )
    .fetch_one(app.db.pool())
    .await
    .expect("audit");
    assert_eq!(audited, 1);

    // Staff cannot bring it back (the console offers no way), and a second withdrawal changes
    // nothing.
    let console = Console::as_role(&app, Role::Editor).await;
    let (status, html) = console.get(&format!("/console/responses/{id}")).await;
    assert_eq!(status, 200);
    assert!(html.contains("withdrawn-note"), "{html}");
    assert!(!html.contains(r#"data-testid="restore""#), "{html}");
    let restored = exclusions::restore(&app.db, &Actor::Cli, &id).await;
    assert!(
        matches!(restored, Err(ModerationError::Withdrawn)),
        "{restored:?}"
    );
    let (status, page) = my_answers(&app, &confirmed).await;
    assert_eq!(status, 200);
    assert!(page.contains("Withdrawn."), "{page}");
    assert_eq!(counted(&app, &fixture).await, (1, 1));
}

async fn a_withdrawal_replaces_a_staff_exclusion_without_counting_twice(app: TestApp) {
    let fixture = sector_with_survey(&app.db, "clinics").await;
    let (id, code) = submit(&app, "r1", 0, "").await;
    submit(&app, "r2", 10, "").await;
    exclusions::exclude(&app.db, &Actor::Cli, &id, ExclusionReason::Bot, "")
        .await
        .expect("staff exclusion");
    assert_eq!(counted(&app, &fixture).await, (1, 0));
    let (status, _) = my_answers(
        &app,
        &[("code", &code), ("action", "withdraw"), ("confirm", "yes")],
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(counted(&app, &fixture).await, (1, 1));
    let (tally,): (i64,) = sqlx::query_as(
        "SELECT CAST(COALESCE(SUM(responses), 0) AS BIGINT) FROM subject_tallies WHERE survey_id = $1",
    )
    .bind(&fixture.survey_id)
    .fetch_one(app.db.pool())
    .await
    .expect("tallies");
    assert_eq!(tally, 1, "the running tallies agree with the ledger");
}

async fn codes_that_are_malformed_unknown_or_guessed_too_often_are_refused(app: TestApp) {
    sector_with_survey(&app.db, "clinics").await;
    let (status, page) = my_answers(&app, &[("code", "12345"), ("action", "show")]).await;
    assert_eq!(status, 422);
    assert!(page.contains("10 letters and digits"), "{page}");
    let (status, page) = my_answers(&app, &[("code", "ABCDE-FGHJK"), ("action", "show")]).await;
    assert_eq!(status, 404);
    assert!(page.contains("No answer has this receipt code"), "{page}");
    // Ten tries a minute per network (the two above count): tries 3 to 10 are answered, and
    // a refusal follows within a few more (a slow machine may refill one try in six seconds).
    let mut statuses = Vec::new();
    for _ in 0..13 {
        statuses.push(my_answers(&app, &[("code", "ABCDE-FGHJK")]).await.0);
    }
    assert!(statuses[..8].iter().all(|s| *s == 404), "{statuses:?}");
    assert!(statuses[8..].contains(&429), "{statuses:?}");
    let (status, page) = my_answers(&app, &[("code", "ABCDE-FGHJK")]).await;
    assert_eq!(status, 429);
    assert!(page.contains("Too many tries"), "{page}");
}

async fn the_form_hands_its_receipt_to_the_thank_you_page_and_never_to_the_url(app: TestApp) {
    sector_with_survey(&app.db, "clinics").await;
    let page = app.get("/s/clinics-survey").await;
    let cookie = page.headers()["set-cookie"]
        .to_str()
        .expect("ascii")
        .to_string();
    let html = page.text().await.expect("HTML");
    let hidden = |name: &str| hidden_value(&html, name).expect(name);
    let response = app
        .http
        .post(app.url("/s/clinics-survey"))
        .header("cookie", cookie.split(';').next().unwrap_or_default())
        .form(&[
            ("form_token", hidden("form_token").as_str()),
            ("submission", hidden("submission").as_str()),
            ("used", "clinics-brand"),
            ("score-clinics-brand", "8"),
        ])
        .send()
        .await
        .expect("POST");
    assert_eq!(response.status().as_u16(), 303);
    assert_eq!(response.headers()["location"], "/s/clinics-survey/thanks");
    let receipt = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("koubei_receipt="))
        .expect("a receipt cookie")
        .to_string();
    assert!(
        receipt.contains("Path=/s/clinics-survey/thanks"),
        "{receipt}"
    );
    assert!(
        receipt.contains("HttpOnly") && receipt.contains("Max-Age=1800"),
        "{receipt}"
    );
    let pair = receipt.split(';').next().unwrap_or_default();
    let code = pair.trim_start_matches("koubei_receipt=").to_string();
    let (status, thanks) = app
        .get_with(
            "/s/clinics-survey/thanks",
            &[("cookie", pair), ("accept-language", "en")],
        )
        .await;
    assert_eq!(status, 200);
    assert!(
        thanks.contains(&code) && thanks.contains("Your receipt code"),
        "{thanks}"
    );
    let (status, page) = my_answers(&app, &[("code", &code)]).await;
    assert_eq!(status, 200);
    assert!(page.contains("8 out of 10"), "{page}");
}

async fn the_privacy_note_says_how_long_reasons_are_kept(app: TestApp) {
    let fixture = sector_with_survey(&app.db, "clinics").await;
    sqlx::query("UPDATE surveys SET retention_days = 90 WHERE id = $1")
        .bind(&fixture.survey_id)
        .execute(app.db.pool())
        .await
        .expect("retention");
    let (_, en) = app
        .get_with("/s/clinics-survey", &[("accept-language", "en")])
        .await;
    assert!(
        en.contains("90 days after the results are published"),
        "{en}"
    );
    let (_, zh) = app
        .get_with("/s/clinics-survey", &[("accept-language", "zh-CN")])
        .await;
    assert!(zh.contains("结果发布 90 天后"), "{zh}");
}

on_both_databases!(
    a_receipt_shows_what_was_stored_and_nothing_about_moderation,
    withdrawing_needs_the_checkbox_then_stops_counting_and_erases_the_reason,
    a_withdrawal_replaces_a_staff_exclusion_without_counting_twice,
    codes_that_are_malformed_unknown_or_guessed_too_often_are_refused,
    the_form_hands_its_receipt_to_the_thank_you_page_and_never_to_the_url,
    the_privacy_note_says_how_long_reasons_are_kept,
);
