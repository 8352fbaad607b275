//! Invitations: single-use links staff hand out in person. The first answer through one is
//! verified and spends it; a second use gets a friendly 410 page on the form and 409 on the
//! API, two instances racing for one invitation store one answer, a withdrawn batch stops
//! working, and the integrity report, the staff results and the frozen snapshot say how many
//! answers are verified.

use domain::Role;
use reqwest::Method;
use serde_json::{json, Value};

use crate::on_both_databases;
use crate::support::console::{hidden_value, Console};
use crate::support::fixtures::sector_with_survey;
use crate::support::TestApp;

const SURVEY: &str = "clinics-survey";
const PAGE: &str = "/s/clinics-survey";

/// A batch of `size` invitations made over the staff API by an editor: (batch id, its codes).
async fn make_batch(app: &TestApp, editor_token: &str, size: i64) -> (String, Vec<String>) {
    let created = app
        .staff(
            Method::POST,
            &format!("/api/v1/staff/surveys/{SURVEY}/invitations"),
            Some(editor_token),
            Some(&json!({"name": "Nanshan clinic front desk", "size": size})),
        )
        .await;
    assert_eq!(created.status, 201, "{:?}", created.json);
    let id = created.json["id"].as_str().expect("id").to_string();
    let shown = app
        .staff(
            Method::GET,
            &format!("/api/v1/staff/surveys/{SURVEY}/invitations/{id}"),
            Some(editor_token),
            None,
        )
        .await;
    assert_eq!(shown.status, 200);
    let invitations = shown.json["invitations"].as_array().expect("invitations");
    assert_eq!(invitations.len(), usize::try_from(size).expect("size"));
    let codes = invitations
        .iter()
        .map(|i| {
            let code = i["code"].as_str().expect("code").to_string();
            assert!(
                i["link"]
                    .as_str()
                    .expect("link")
                    .ends_with(&format!("{PAGE}?i={code}")),
                "{i}"
            );
            code
        })
        .collect();
    (id, codes)
}

/// A page load at `path` (no cookie kept): its status, form token and submission id.
async fn open(app: &TestApp, path: &str) -> (u16, String, Option<(String, String)>) {
    let response = app.http.get(app.url(path)).send().await.expect("GET");
    let status = response.status().as_u16();
    let html = response.text().await.expect("HTML");
    let form = hidden_value(&html, "form_token").zip(hidden_value(&html, "submission"));
    (status, html, form)
}

/// Posts the form of a page load with one answer; its status and body.
async fn send(app: &TestApp, form: &(String, String), score: &str) -> (u16, String) {
    let response = app
        .http
        .post(app.url(PAGE))
        .form(&[
            ("form_token", form.0.as_str()),
            ("submission", form.1.as_str()),
            ("used", "clinics-brand"),
            ("score-clinics-brand", score),
        ])
        .send()
        .await
        .expect("POST");
    let status = response.status().as_u16();
    (status, response.text().await.expect("body"))
}

async fn kiosk_answer(app: &TestApp, body: Value) -> (u16, Value) {
    let response = app
        .kiosk_post(&format!("/api/v1/surveys/{SURVEY}/responses"))
        .await
        .json(&body)
        .send()
        .await
        .expect("kiosk");
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

async fn verified_in_ledger(app: &TestApp, token: &str) -> (i64, i64) {
    let ledger = app
        .staff(
            Method::GET,
            &format!("/api/v1/staff/surveys/{SURVEY}/ledger"),
            Some(token),
            None,
        )
        .await;
    let line = &ledger.json["subjects"][0];
    (
        line["verified"].as_i64().expect("verified"),
        line["counted"].as_i64().expect("counted"),
    )
}

async fn an_invitation_is_spent_by_its_first_answer(app: TestApp) {
    let fixture = sector_with_survey(&app.db, "clinics").await;
    let editor = app.token(Role::Editor).await;
    let viewer = app.token(Role::Viewer).await;
    let (batch, codes) = make_batch(&app, &editor, 4).await;
    // The codes are a verified answer each: viewers may list batches, not read codes.
    let peek = app
        .staff(
            Method::GET,
            &format!("/api/v1/staff/surveys/{SURVEY}/invitations/{batch}"),
            Some(&viewer),
            None,
        )
        .await;
    assert_eq!(peek.status, 403);
    let listed = app
        .staff(
            Method::GET,
            &format!("/api/v1/staff/surveys/{SURVEY}/invitations"),
            Some(&viewer),
            None,
        )
        .await;
    assert_eq!(listed.json[0]["size"], 4);

    // Two pages opened with the same invitation before either is sent (a shared photo of the
    // card): the first answer spends it, the second is refused with nothing stored.
    let (status, _, first) = open(&app, &format!("{PAGE}?i={}", codes[0])).await;
    assert_eq!(status, 200);
    let first = first.expect("a form");
    let (_, _, second) = open(&app, &format!("{PAGE}?i={}", codes[0])).await;
    let second = second.expect("a form");
    assert_eq!(send(&app, &first, "9").await.0, 303);
    // The same submission sent again (a retry after a lost reply) is not a second use.
    assert_eq!(send(&app, &first, "9").await.0, 303);
    let (status, body) = send(&app, &second, "10").await;
    assert_eq!(status, 410);
    assert!(body.contains(r#"data-testid="invitation-used""#), "{body}");
    // Opening it once more: the friendly page, with the way to answer anyway.
    let (status, html, form) = open(&app, &format!("{PAGE}?i={}", codes[0])).await;
    assert_eq!(status, 410);
    assert!(form.is_none());
    assert!(html.contains(&format!(r#"href="{PAGE}""#)), "{html}");
    assert!(
        html.contains("已经用过") || html.contains("has been used"),
        "{html}"
    );

    // An edited code proves nothing: the page opens as the plain link, the answer is unverified.
    let mut edited = codes[1].clone();
    let last = edited.pop().expect("a code");
    edited.push(if last == '0' { '1' } else { '0' });
    let (status, _, form) = open(&app, &format!("{PAGE}?i={edited}")).await;
    assert_eq!(status, 200);
    assert_eq!(send(&app, &form.expect("a form"), "3").await.0, 303);

    // A kiosk passes an invitation on: spent once, then 409; a made-up one is 422.
    let (status, _) = kiosk_answer(
        &app,
        json!({"subject": "clinics-brand", "score": 8, "respondent": "desk-1", "invitation": codes[1]}),
    )
    .await;
    assert_eq!(status, 201);
    let (status, body) = kiosk_answer(
        &app,
        json!({"subject": "clinics-brand", "score": 8, "respondent": "desk-2", "invitation": codes[1]}),
    )
    .await;
    assert_eq!(
        (status, body["error"]["code"].clone()),
        (409, json!("invitation_spent"))
    );
    let (status, body) = kiosk_answer(
        &app,
        json!({"subject": "clinics-brand", "score": 8, "respondent": "desk-3", "invitation": edited}),
    )
    .await;
    assert_eq!(
        (status, body["error"]["field"].clone()),
        (422, json!("invitation"))
    );

    // Every answer is accounted for: two verified of three counted.
    let channels: Vec<(String, Option<String>)> = sqlx::query_as(
        "SELECT channel, invitation_batch_id FROM responses WHERE survey_id = $1
         ORDER BY created_at, id",
    )
    .bind(&fixture.survey_id)
    .fetch_all(app.db.pool())
    .await
    .expect("responses");
    let verified = ("invitation".to_string(), Some(batch.clone()));
    assert_eq!(
        channels,
        vec![verified.clone(), ("link".to_string(), None), verified]
    );
    assert_eq!(verified_in_ledger(&app, &viewer).await, (2, 3));
    let live = app
        .staff(
            Method::GET,
            &format!("/api/v1/surveys/{SURVEY}/results"),
            Some(&viewer),
            None,
        )
        .await;
    assert_eq!(
        live.json["ledger"]["total"]["verified"], 2,
        "{:?}",
        live.json
    );
    let listed = app
        .staff(
            Method::GET,
            &format!("/api/v1/staff/surveys/{SURVEY}/invitations"),
            Some(&viewer),
            None,
        )
        .await;
    assert_eq!(listed.json[0]["spent"], 2);

    // Results over verified answers only: the 9 and the 8, not the 3.
    let results = |basis: &'static str| {
        let app = &app;
        let viewer = viewer.clone();
        async move {
            app.staff(
                Method::GET,
                &format!("/api/v1/staff/surveys/{SURVEY}/results?basis={basis}"),
                Some(&viewer),
                None,
            )
            .await
        }
    };
    let verified_only = results("verified").await;
    assert_eq!(verified_only.json["basis"], "verified");
    assert_eq!(verified_only.json["subjects"][0]["n"], 2);
    assert_eq!(verified_only.json["subjects"][0]["promoters"], 1);
    assert_eq!(results("counted").await.json["subjects"][0]["n"], 3);
    assert_eq!(results("everything").await.status, 422);

    // The CSV of links says which are used.
    let csv = app
        .http
        .get(app.url(&format!(
            "/api/v1/staff/surveys/{SURVEY}/invitations/{batch}/links.csv"
        )))
        .bearer_auth(&editor)
        .send()
        .await
        .expect("CSV");
    assert_eq!(csv.status().as_u16(), 200);
    let csv = csv.text().await.expect("text");
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(lines.len(), 5, "{csv}");
    assert!(
        lines[1].starts_with("1,") && lines[1].ends_with(",yes"),
        "{csv}"
    );
    assert!(
        lines[3].starts_with("3,") && lines[3].ends_with(",no"),
        "{csv}"
    );

    // Withdrawn: the unused invitations stop working, on the page and over the API.
    let revoked = app
        .staff(
            Method::POST,
            &format!("/api/v1/staff/surveys/{SURVEY}/invitations/{batch}/revoke"),
            Some(&editor),
            None,
        )
        .await;
    assert_eq!(revoked.status, 200);
    assert!(revoked.json["revoked_at"].is_string());
    let (status, html, _) = open(&app, &format!("{PAGE}?i={}", codes[2])).await;
    assert_eq!(status, 410);
    assert!(
        html.contains("收回") || html.contains("withdrawn"),
        "{html}"
    );
    let (status, body) = kiosk_answer(
        &app,
        json!({"subject": "clinics-brand", "score": 8, "respondent": "desk-4", "invitation": codes[3]}),
    )
    .await;
    assert_eq!(
        (status, body["error"]["code"].clone()),
        (409, json!("invitation_revoked"))
    );
    assert_eq!(
        verified_in_ledger(&app, &viewer).await,
        (2, 3),
        "answers stay verified"
    );

    let audited: Vec<(String,)> = sqlx::query_as(
        "SELECT action FROM audit_log WHERE action LIKE 'invitation_batch.%' ORDER BY at",
    )
    .fetch_all(app.db.pool())
    .await
    .expect("audit");
    assert_eq!(
        audited,
        vec![
            ("invitation_batch.create".to_string(),),
            ("invitation_batch.revoke".to_string(),)
        ]
    );
}

/// Eight pages opened with one invitation, their forms sent at once to two instances on one
/// database: exactly one answer is stored.
async fn two_instances_racing_for_one_invitation_store_one_answer(app: TestApp) {
    let fixture = sector_with_survey(&app.db, "clinics").await;
    let editor = app.token(Role::Editor).await;
    let (_, codes) = make_batch(&app, &editor, 1).await;
    let other = app.second_instance().await;
    let mut forms = Vec::new();
    for _ in 0..8 {
        let (_, _, form) = open(&app, &format!("{PAGE}?i={}", codes[0])).await;
        forms.push(form.expect("a form"));
    }
    let mut sends = tokio::task::JoinSet::new();
    for (i, form) in forms.iter().enumerate() {
        let instance = if i % 2 == 0 { &app } else { &other };
        let request = instance.http.post(instance.url(PAGE)).form(&[
            ("form_token", form.0.clone()),
            ("submission", form.1.clone()),
            ("used", "clinics-brand".to_string()),
            ("score-clinics-brand", "10".to_string()),
        ]);
        sends.spawn(async move { request.send().await.expect("POST").status().as_u16() });
    }
    let mut statuses = sends.join_all().await;
    statuses.sort_unstable();
    assert_eq!(statuses, vec![303, 410, 410, 410, 410, 410, 410, 410]);
    let (stored,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM responses WHERE survey_id = $1")
        .bind(&fixture.survey_id)
        .fetch_one(app.db.pool())
        .await
        .expect("count");
    assert_eq!(stored, 1);
}

/// The console: a batch made from the form, its printable cards (unused ones only) and its
/// CSV; the frozen snapshot carries the verified counts inside its data hash, and the public
/// results page shows the verified share.
async fn staff_print_cards_and_the_snapshot_reports_verified_answers(app: TestApp) {
    sector_with_survey(&app.db, "clinics").await;
    let editor = Console::as_role(&app, Role::Editor).await;
    let made = editor
        .post(
            &format!("/console/surveys/{SURVEY}/invitations"),
            &[("name", "Care home entrance"), ("size", "3")],
        )
        .await;
    assert_eq!(made.status().as_u16(), 303);
    let refused = editor
        .post(
            &format!("/console/surveys/{SURVEY}/invitations"),
            &[("name", "Too many"), ("size", "5001")],
        )
        .await;
    assert_eq!(refused.status().as_u16(), 422);
    let (_, page) = editor
        .get(&format!("/console/surveys/{SURVEY}/invitations"))
        .await;
    assert_eq!(page.matches(r#"data-testid="invitation-batch""#).count(), 1);
    let cards_path = page
        .split(r#"href=""#)
        .map(|rest| rest.split('"').next().unwrap_or_default())
        .find(|href| href.ends_with("/cards"))
        .expect("a link to the cards")
        .to_string();
    let (status, cards) = editor.get(&cards_path).await;
    assert_eq!(status, 200);
    assert_eq!(cards.matches(r#"data-testid="invitation-card""#).count(), 3);
    assert!(cards.contains("<svg"), "QR codes");
    let code = cards
        .split(r#"data-testid="invitation-code""#)
        .nth(1)
        .and_then(|rest| rest.split('>').nth(1))
        .and_then(|rest| rest.split('<').next())
        .unwrap_or_else(|| panic!("a code in {cards}"))
        .to_string();
    let viewer = Console::as_role(&app, Role::Viewer).await;
    assert_eq!(viewer.get(&cards_path).await.0, 403);

    let (_, _, form) = open(&app, &format!("{PAGE}?i={code}")).await;
    assert_eq!(send(&app, &form.expect("a form"), "10").await.0, 303);
    let (_, _, form) = open(&app, PAGE).await;
    assert_eq!(send(&app, &form.expect("a form"), "2").await.0, 303);
    let (_, cards) = editor.get(&cards_path).await;
    assert_eq!(
        cards.matches(r#"data-testid="invitation-card""#).count(),
        2,
        "a used invitation is not printed again"
    );

    // The preview can be read over verified answers only: one of the two.
    let (_, verified) = editor
        .get(&format!("/console/surveys/{SURVEY}/preview?basis=verified"))
        .await;
    assert!(
        verified.contains(r#"data-testid="verified-only""#),
        "{verified}"
    );
    let (_, counted) = editor
        .get(&format!("/console/surveys/{SURVEY}/preview"))
        .await;
    assert!(counted.contains(r#"data-testid="show-verified-only""#));
    let n_of = |html: &str| {
        html.split(r#"data-testid="preview-clinics-brand""#)
            .nth(1)
            .and_then(|row| row.split("</tr>").next())
            .and_then(|row| row.rsplit(r#"<td class="num">"#).next())
            .and_then(|cell| cell.split('<').next())
            .map(str::to_string)
    };
    assert_eq!(
        (n_of(&verified), n_of(&counted)),
        (Some("1".into()), Some("2".into()))
    );

    let token = app.token(Role::Editor).await;
    for step in ["close", "publish"] {
        let answer = app
            .staff(
                Method::POST,
                &format!("/api/v1/staff/surveys/{SURVEY}/{step}"),
                Some(&token),
                None,
            )
            .await;
        assert_eq!(answer.status, 200, "{step}: {:?}", answer.json);
    }
    let published = app
        .http
        .get(app.url(&format!("/api/v1/surveys/{SURVEY}/results")))
        .send()
        .await
        .expect("results")
        .json::<Value>()
        .await
        .expect("JSON");
    let counts = &published["ledger"]["subjects"][0]["counts"];
    assert_eq!(
        (counts["verified"].clone(), counts["counted"].clone()),
        (json!(1), json!(2))
    );
    assert_eq!(published["ledger"]["total"]["verified"], 1);
    // The CSV carries each subject's integrity report beside its results.
    let csv = app
        .get(&format!("/api/v1/surveys/{SURVEY}/results.csv"))
        .await
        .text()
        .await
        .expect("CSV");
    let mut lines = csv.trim_start_matches('\u{feff}').lines();
    let header: Vec<&str> = lines.next().expect("header").split(',').collect();
    let row: Vec<&str> = lines.next().expect("a subject").split(',').collect();
    let cell = |name: &str| row[header.iter().position(|h| *h == name).expect(name)];
    assert_eq!(
        (
            cell("received"),
            cell("counted"),
            cell("verified"),
            cell("verified_share")
        ),
        ("2", "2", "1", "0.5"),
        "{csv}"
    );
    assert_eq!(cell("channel_invitation"), "1");
    let page = app
        .http
        .get(app.url(&format!("/r/{SURVEY}")))
        .header("accept-language", "en")
        .send()
        .await
        .expect("page")
        .text()
        .await
        .expect("HTML");
    assert!(page.contains("Verified share"), "{page}");
    let share = page
        .split(r#"data-testid="verified-share""#)
        .nth(1)
        .and_then(|rest| rest.split('>').nth(1))
        .and_then(|rest| rest.split('<').next());
    assert_eq!(share, Some("50%"), "{page}");
}

on_both_databases!(
    an_invitation_is_spent_by_its_first_answer,
    two_instances_racing_for_one_invitation_store_one_answer,
    staff_print_cards_and_the_snapshot_reports_verified_answers,
);
