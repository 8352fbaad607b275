//! The staff API under `/api/v1/staff`: who may call it, authoring, the lifecycle, moderation,
//! results, exports, people and the audit log.

use domain::Role;
use koubei_core::staff::api_tokens;
use koubei_core::staff::Actor;
use reqwest::Method;
use serde_json::{json, Value};

use crate::on_both_databases;
use crate::support::staff::answer;
use crate::support::TestApp;

const SECTORS: &str = "/api/v1/staff/sectors";
const SURVEY: &str = "/api/v1/staff/surveys/clinics-2027";

fn sector(slug: &str) -> Value {
    json!({"slug": slug, "name": {"zh-CN": "口腔诊所", "en": "Dental clinics"}})
}

fn subject(slug: &str) -> Value {
    json!({"slug": slug, "name": {"zh-CN": format!("{slug}口腔"), "en": format!("{slug} dental")},
           "aliases": [format!("{slug}-alias")]})
}

fn definition(subjects: &[&str]) -> Value {
    json!({
        "slug": "clinics-2027",
        "sector": "clinics",
        "title": {"zh-CN": "口腔诊所口碑调查", "en": "Dental clinics survey"},
        "opens_at": "2027-01-01T00:00:00+08:00",
        "closes_at": "2027-02-01T00:00:00+08:00",
        "subjects": subjects,
        "min_n": 3,
    })
}

/// A sector `clinics` with subjects `smile` and `bright`, made through the API.
async fn catalog(app: &TestApp, editor: &str) {
    let created = app
        .staff(
            Method::POST,
            SECTORS,
            Some(editor),
            Some(&sector("clinics")),
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.json);
    for slug in ["smile", "bright"] {
        let created = app
            .staff(
                Method::POST,
                "/api/v1/staff/sectors/clinics/subjects",
                Some(editor),
                Some(&subject(slug)),
            )
            .await;
        assert_eq!(created.status, 201, "{}", created.json);
    }
}

/// The catalog and the survey `clinics-2027` over both subjects, opened.
async fn open_survey(app: &TestApp, editor: &str) {
    catalog(app, editor).await;
    let put = app
        .staff(
            Method::PUT,
            SURVEY,
            Some(editor),
            Some(&definition(&["smile", "bright"])),
        )
        .await;
    assert_eq!(put.status, 201, "{}", put.json);
    let opened = app
        .staff(Method::POST, &format!("{SURVEY}/open"), Some(editor), None)
        .await;
    assert_eq!(opened.status, 200, "{}", opened.json);
}

/// A response through the public API; returns its id.
async fn respond(app: &TestApp, subject: &str, score: u8, reason: &str, respondent: u32) -> String {
    let response = app
        .kiosk_post("/api/v1/surveys/clinics-2027/responses")
        .await
        .json(
            &json!({"subject": subject, "score": score, "reason": reason,
                      "respondent": format!("kiosk-1/{respondent:04}")}),
        )
        .send()
        .await
        .expect("POST response");
    assert_eq!(response.status().as_u16(), 201);
    let body: Value = response.json().await.expect("JSON");
    body["id"].as_str().expect("id").to_string()
}

/// The ledger's counts for one subject: (received, excluded_total, counted).
async fn ledger_counts(app: &TestApp, token: &str, subject: &str) -> (i64, i64, i64) {
    let ledger = app
        .staff(Method::GET, &format!("{SURVEY}/ledger"), Some(token), None)
        .await;
    assert_eq!(ledger.status, 200, "{}", ledger.json);
    let line = ledger.json["subjects"]
        .as_array()
        .expect("subjects")
        .iter()
        .find(|line| line["subject"] == subject)
        .expect("the subject's line")
        .clone();
    let count = |name: &str| line[name].as_i64().expect("a count");
    (count("received"), count("excluded_total"), count("counted"))
}

async fn requests_without_valid_credentials_are_refused_with_401(app: TestApp) {
    let (token_id, revoked) = app.token_named("old-script", Role::Admin).await;
    api_tokens::revoke(&app.db, &Actor::Cli, &token_id)
        .await
        .expect("revoke");
    for token in [None, Some("not-a-token"), Some(revoked.as_str())] {
        let refused = app.staff(Method::GET, SECTORS, token, None).await;
        assert_eq!(refused.status, 401, "{token:?}: {}", refused.json);
        assert_eq!(refused.code(), "unauthenticated");
        assert_eq!(refused.header("www-authenticate"), "Bearer");
    }
    let malformed = answer(
        app.http
            .get(app.url(SECTORS))
            .header("authorization", "Basic dXNlcjpwYXNz"),
    )
    .await;
    assert_eq!(malformed.status, 401);
}

async fn viewers_read_editors_change_and_only_admins_manage_people(app: TestApp) {
    let viewer = app.token(Role::Viewer).await;
    let editor = app.token(Role::Editor).await;
    catalog(&app, &editor).await;
    let listed = app.staff(Method::GET, SECTORS, Some(&viewer), None).await;
    assert_eq!(listed.status, 200, "{}", listed.json);
    assert_eq!(listed.json[0]["slug"], "clinics");
    assert_eq!(listed.json[0]["subject_count"], 2);
    for (method, path) in [
        (Method::POST, SECTORS.to_string()),
        (Method::PUT, format!("{SECTORS}/clinics")),
        (Method::PUT, SURVEY.to_string()),
    ] {
        let refused = app
            .staff(method, &path, Some(&viewer), Some(&sector("other")))
            .await;
        assert_eq!(refused.status, 403, "{path}: {}", refused.json);
        assert_eq!(refused.code(), "forbidden");
    }
    for path in [
        "/api/v1/staff/users",
        "/api/v1/staff/tokens",
        "/api/v1/staff/audit",
    ] {
        let refused = app.staff(Method::GET, path, Some(&editor), None).await;
        assert_eq!(refused.status, 403, "{path}");
    }
    let admin = app.token(Role::Admin).await;
    let audit = app
        .staff(Method::GET, "/api/v1/staff/audit", Some(&admin), None)
        .await;
    assert_eq!(audit.status, 200, "{}", audit.json);
}

async fn sectors_and_subjects_are_created_checked_and_changed(app: TestApp) {
    let editor = app.token(Role::Editor).await;
    let created = app
        .staff(
            Method::POST,
            SECTORS,
            Some(&editor),
            Some(&sector("clinics")),
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.json);
    assert_eq!(created.header("location"), "/api/v1/staff/sectors/clinics");
    assert_eq!(created.json["name"]["en"], "Dental clinics");

    let invalid = app
        .staff(
            Method::POST,
            SECTORS,
            Some(&editor),
            Some(&json!({"slug": "Bad Slug", "name": {"zh-CN": " ", "en": "Clinics"}})),
        )
        .await;
    assert_eq!(invalid.status, 422, "{}", invalid.json);
    assert_eq!(invalid.code(), "invalid_field");
    assert_eq!(invalid.field(), "slug");
    assert_eq!(
        invalid.json["error"]["problems"],
        json!([{"field": "slug", "code": "invalid_slug"},
               {"field": "name.zh-CN", "code": "required"}])
    );
    let duplicate = app
        .staff(
            Method::POST,
            SECTORS,
            Some(&editor),
            Some(&sector("clinics")),
        )
        .await;
    assert_eq!(duplicate.status, 422, "{}", duplicate.json);
    assert_eq!(duplicate.field(), "slug");
    assert_eq!(duplicate.json["error"]["problems"][0]["code"], "duplicate");

    let mut renamed = sector("clinics");
    renamed["name"]["en"] = json!("Dental chains");
    renamed["active"] = json!(false);
    let updated = app
        .staff(
            Method::PUT,
            &format!("{SECTORS}/clinics"),
            Some(&editor),
            Some(&renamed),
        )
        .await;
    assert_eq!(updated.status, 200, "{}", updated.json);
    let shown = app
        .staff(
            Method::GET,
            &format!("{SECTORS}/clinics"),
            Some(&editor),
            None,
        )
        .await;
    assert_eq!(shown.json["name"]["en"], "Dental chains");
    assert_eq!(shown.json["active"], false);
    let missing = app
        .staff(
            Method::GET,
            &format!("{SECTORS}/nowhere"),
            Some(&editor),
            None,
        )
        .await;
    assert_eq!((missing.status, missing.code()), (404, "not_found"));

    let subjects = format!("{SECTORS}/clinics/subjects");
    let created = app
        .staff(
            Method::POST,
            &subjects,
            Some(&editor),
            Some(&subject("smile")),
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.json);
    assert_eq!(created.json["aliases"], json!(["smile-alias"]));
    let duplicate = app
        .staff(
            Method::POST,
            &subjects,
            Some(&editor),
            Some(&subject("smile")),
        )
        .await;
    assert_eq!(
        (duplicate.status, duplicate.field()),
        (422, "slug"),
        "{}",
        duplicate.json
    );
    let mut changed = subject("smile");
    changed["slug"] = json!("smile-dental");
    let updated = app
        .staff(
            Method::PUT,
            &format!("{subjects}/smile"),
            Some(&editor),
            Some(&changed),
        )
        .await;
    assert_eq!(updated.status, 200, "{}", updated.json);
    let listed = app.staff(Method::GET, &subjects, Some(&editor), None).await;
    assert_eq!(listed.json.as_array().map(Vec::len), Some(1));
    assert_eq!(listed.json[0]["slug"], "smile-dental");
    let elsewhere = app
        .staff(
            Method::POST,
            &format!("{SECTORS}/nowhere/subjects"),
            Some(&editor),
            Some(&subject("x")),
        )
        .await;
    assert_eq!(elsewhere.status, 404, "{}", elsewhere.json);
}

async fn a_survey_definition_round_trips_and_putting_it_again_changes_nothing(app: TestApp) {
    let editor = app.token(Role::Editor).await;
    catalog(&app, &editor).await;
    let body = definition(&["smile", "bright"]);
    let created = app
        .staff(Method::PUT, SURVEY, Some(&editor), Some(&body))
        .await;
    assert_eq!(created.status, 201, "{}", created.json);
    assert_eq!(
        created.json,
        json!({"slug": "clinics-2027", "saved": "created"})
    );
    let shown = app.staff(Method::GET, SURVEY, Some(&editor), None).await;
    assert_eq!(shown.status, 200, "{}", shown.json);
    assert_eq!(shown.json["status"], "draft");
    let stored = shown.json["definition"].clone();
    assert_eq!(stored["subjects"], json!(["smile", "bright"]));
    assert_eq!(stored["opens_at"], "2026-12-31T16:00:00.000Z");
    assert_eq!(
        stored["interval"],
        json!({"method": "adjusted-wald", "level": 0.95})
    );
    for again in [&body, &stored] {
        let unchanged = app
            .staff(Method::PUT, SURVEY, Some(&editor), Some(again))
            .await;
        assert_eq!(unchanged.status, 200, "{}", unchanged.json);
        assert_eq!(unchanged.json["saved"], "unchanged");
    }
    let mut reordered = stored.clone();
    reordered["subjects"] = json!(["bright", "smile"]);
    let updated = app
        .staff(Method::PUT, SURVEY, Some(&editor), Some(&reordered))
        .await;
    assert_eq!(
        (updated.status, updated.json["saved"].as_str()),
        (200, Some("updated"))
    );
    let shown = app.staff(Method::GET, SURVEY, Some(&editor), None).await;
    assert_eq!(shown.json["definition"], reordered);

    let elsewhere = app
        .staff(
            Method::PUT,
            "/api/v1/staff/surveys/another-slug",
            Some(&editor),
            Some(&body),
        )
        .await;
    assert_eq!(elsewhere.status, 422, "{}", elsewhere.json);
    assert_eq!(elsewhere.field(), "slug");
    let listed = app
        .staff(Method::GET, "/api/v1/staff/surveys", Some(&editor), None)
        .await;
    assert_eq!(listed.json.as_array().map(Vec::len), Some(1));
    assert_eq!(listed.json[0]["status"], "draft");
}

async fn unknown_subjects_are_named_and_nothing_is_stored(app: TestApp) {
    let editor = app.token(Role::Editor).await;
    catalog(&app, &editor).await;
    let refused = app
        .staff(
            Method::PUT,
            SURVEY,
            Some(&editor),
            Some(&definition(&["smile", "nobody", "bright", "ghost"])),
        )
        .await;
    assert_eq!(refused.status, 422, "{}", refused.json);
    assert_eq!(refused.field(), "subjects[1]");
    assert_eq!(
        refused.json["error"]["problems"],
        json!([{"field": "subjects[1]", "code": "unknown_subject"},
               {"field": "subjects[3]", "code": "unknown_subject"}])
    );
    let shown = app.staff(Method::GET, SURVEY, Some(&editor), None).await;
    assert_eq!(shown.status, 404);
    let listed = app
        .staff(Method::GET, "/api/v1/staff/surveys", Some(&editor), None)
        .await;
    assert_eq!(listed.json, json!([]));
}

async fn a_survey_opens_closes_and_publishes_and_never_goes_back(app: TestApp) {
    let editor = app.token(Role::Editor).await;
    catalog(&app, &editor).await;
    let put = app
        .staff(
            Method::PUT,
            SURVEY,
            Some(&editor),
            Some(&definition(&["smile"])),
        )
        .await;
    assert_eq!(put.status, 201);
    let early = app
        .staff(
            Method::POST,
            &format!("{SURVEY}/publish"),
            Some(&editor),
            None,
        )
        .await;
    assert_eq!(
        (early.status, early.code()),
        (409, "illegal_transition"),
        "{}",
        early.json
    );
    for (verb, previous, now) in [
        ("open", "draft", "open"),
        ("close", "open", "closed"),
        ("publish", "closed", "published"),
    ] {
        let moved = app
            .staff(
                Method::POST,
                &format!("{SURVEY}/{verb}"),
                Some(&editor),
                None,
            )
            .await;
        assert_eq!(moved.status, 200, "{verb}: {}", moved.json);
        assert_eq!(
            moved.json,
            json!({"slug": "clinics-2027", "status": now, "previous_status": previous})
        );
    }
    let back = app
        .staff(Method::POST, &format!("{SURVEY}/open"), Some(&editor), None)
        .await;
    assert_eq!((back.status, back.code()), (409, "illegal_transition"));
    let shown = app.staff(Method::GET, SURVEY, Some(&editor), None).await;
    assert_eq!(shown.json["status"], "published");
    let frozen = app
        .staff(
            Method::PUT,
            SURVEY,
            Some(&editor),
            Some(&definition(&["smile", "bright"])),
        )
        .await;
    assert_eq!((frozen.status, frozen.code()), (409, "frozen"));
    let missing = app
        .staff(
            Method::POST,
            "/api/v1/staff/surveys/nothing/open",
            Some(&editor),
            None,
        )
        .await;
    assert_eq!(missing.status, 404);
}

async fn a_session_changes_nothing_without_its_csrf_header(app: TestApp) {
    let session = app.session("li.wei@council.example.cn", Role::Editor).await;
    let cookie = format!("koubei_staff={}", session.cookie);
    let read = answer(app.http.get(app.url(SECTORS)).header("cookie", &cookie)).await;
    assert_eq!(read.status, 200, "{}", read.json);
    let forged = answer(
        app.http
            .post(app.url(SECTORS))
            .header("cookie", &cookie)
            .json(&sector("clinics")),
    )
    .await;
    assert_eq!((forged.status, forged.code()), (403, "csrf"));
    let wrong = answer(
        app.http
            .post(app.url(SECTORS))
            .header("cookie", &cookie)
            .header("x-csrf-token", "guessed")
            .json(&sector("clinics")),
    )
    .await;
    assert_eq!(wrong.status, 403);
    let listed = answer(app.http.get(app.url(SECTORS)).header("cookie", &cookie)).await;
    assert_eq!(listed.json, json!([]));
    let made = answer(
        app.http
            .post(app.url(SECTORS))
            .header("cookie", &cookie)
            .header("x-csrf-token", &session.csrf)
            .json(&sector("clinics")),
    )
    .await;
    assert_eq!(made.status, 201, "{}", made.json);
}

async fn excluding_a_response_moves_it_from_counted_to_excluded_and_restoring_moves_it_back(
    app: TestApp,
) {
    let editor = app.token(Role::Editor).await;
    let viewer = app.token(Role::Viewer).await;
    open_survey(&app, &editor).await;
    let id = respond(&app, "smile", 2, "rude staff", 1).await;
    respond(&app, "smile", 10, "", 2).await;
    respond(&app, "smile", 9, "", 3).await;
    assert_eq!(ledger_counts(&app, &viewer, "smile").await, (3, 0, 3));
    let results = app
        .staff(
            Method::GET,
            &format!("{SURVEY}/results"),
            Some(&viewer),
            None,
        )
        .await;
    assert_eq!(results.status, 200, "{}", results.json);
    assert_eq!(
        (
            &results.json["method"],
            &results.json["level"],
            &results.json["min_n"]
        ),
        (&json!("adjusted-wald"), &json!(0.95), &json!(3))
    );
    let smile = &results.json["subjects"][0];
    assert_eq!(
        (&smile["subject"], &smile["status"]),
        (&json!("smile"), &json!("ranked"))
    );
    assert_eq!((&smile["n"], &smile["tier"]), (&json!(3), &json!(1)));
    assert_eq!(results.json["subjects"][1]["status"], "insufficient_sample");

    let exclusion = format!("/api/v1/staff/responses/{id}/exclusion");
    let body = json!({"reason": "not-a-customer", "note": "never visited"});
    let refused = app
        .staff(Method::PUT, &exclusion, Some(&viewer), Some(&body))
        .await;
    assert_eq!(refused.status, 403);
    let bad_reason = app
        .staff(
            Method::PUT,
            &exclusion,
            Some(&editor),
            Some(&json!({"reason": "boring"})),
        )
        .await;
    assert_eq!((bad_reason.status, bad_reason.field()), (422, "reason"));
    let no_note = app
        .staff(
            Method::PUT,
            &exclusion,
            Some(&editor),
            Some(&json!({"reason": "other"})),
        )
        .await;
    assert_eq!((no_note.status, no_note.field()), (422, "note"));

    let excluded = app
        .staff(Method::PUT, &exclusion, Some(&editor), Some(&body))
        .await;
    assert_eq!(excluded.status, 200, "{}", excluded.json);
    assert_eq!(excluded.json["exclusion"]["reason"], "not-a-customer");
    assert_eq!(ledger_counts(&app, &viewer, "smile").await, (3, 1, 2));
    let results = app
        .staff(
            Method::GET,
            &format!("{SURVEY}/results"),
            Some(&viewer),
            None,
        )
        .await;
    assert_eq!(results.json["subjects"][0]["status"], "insufficient_sample");
    let again = app
        .staff(Method::PUT, &exclusion, Some(&editor), Some(&body))
        .await;
    assert_eq!((again.status, again.code()), (409, "already_excluded"));

    let restored = app
        .staff(Method::DELETE, &exclusion, Some(&editor), None)
        .await;
    assert_eq!(restored.status, 200, "{}", restored.json);
    assert_eq!(restored.json["exclusion"], Value::Null);
    assert_eq!(ledger_counts(&app, &viewer, "smile").await, (3, 0, 3));
    let again = app
        .staff(Method::DELETE, &exclusion, Some(&editor), None)
        .await;
    assert_eq!((again.status, again.code()), (409, "not_excluded"));

    let shown = app
        .staff(
            Method::GET,
            &format!("/api/v1/staff/responses/{id}"),
            Some(&viewer),
            None,
        )
        .await;
    assert_eq!(shown.status, 200, "{}", shown.json);
    assert_eq!(
        (
            &shown.json["survey"],
            &shown.json["score"],
            &shown.json["reason"]
        ),
        (&json!("clinics-2027"), &json!(2), &json!("rude staff"))
    );
    let history = shown.json["exclusions"].as_array().expect("history");
    assert_eq!(history.len(), 1);
    assert_eq!(history[0]["reason"], "not-a-customer");
    assert!(history[0]["restored_at"].is_string());
    assert!(history[0]["excluded_by"]
        .as_str()
        .is_some_and(|by| by.starts_with("token:test-editor")));

    for verb in ["close", "publish"] {
        let moved = app
            .staff(
                Method::POST,
                &format!("{SURVEY}/{verb}"),
                Some(&editor),
                None,
            )
            .await;
        assert_eq!(moved.status, 200);
    }
    // Published: the public results are the snapshot's; an exclusion now prepares a correction.
    let public_before = app.get("/api/v1/surveys/clinics-2027/results").await;
    assert_eq!(public_before.status().as_u16(), 200);
    let public_before: serde_json::Value = public_before.json().await.expect("JSON");
    let excluded = app
        .staff(Method::PUT, &exclusion, Some(&editor), Some(&body))
        .await;
    assert_eq!(excluded.status, 200, "{}", excluded.json);
    assert_eq!(ledger_counts(&app, &viewer, "smile").await, (3, 1, 2));
    let public_after: serde_json::Value = app
        .get("/api/v1/surveys/clinics-2027/results")
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(public_after, public_before, "the snapshot does not move");
    let corrected = app
        .staff(
            Method::POST,
            &format!("{SURVEY}/corrections"),
            Some(&editor),
            Some(&json!({ "changelog": "one response from a non-customer excluded" })),
        )
        .await;
    assert_eq!(corrected.status, 201, "{}", corrected.json);
    assert_eq!(corrected.json["number"], 2);
    let latest: serde_json::Value = app
        .get("/api/v1/surveys/clinics-2027/results")
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(latest["snapshot"]["number"], 2);
    assert_eq!(
        latest["snapshot"]["changelog"],
        "one response from a non-customer excluded"
    );
    let first: serde_json::Value = app
        .get("/api/v1/surveys/clinics-2027/results?snapshot=1")
        .await
        .json()
        .await
        .expect("JSON");
    assert_eq!(first, public_before, "old snapshots stay reachable");
    let missing = app
        .staff(
            Method::GET,
            "/api/v1/staff/responses/no-such-id",
            Some(&viewer),
            None,
        )
        .await;
    assert_eq!(missing.status, 404);
}

async fn responses_come_in_pages_linked_by_next(app: TestApp) {
    let editor = app.token(Role::Editor).await;
    open_survey(&app, &editor).await;
    let mut ids = Vec::new();
    for respondent in 0..5 {
        ids.push(respond(&app, "bright", 7 + (respondent % 3) as u8, "", respondent).await);
    }
    ids.reverse(); // newest first
    let mut seen = Vec::new();
    let mut path = format!("{SURVEY}/responses?limit=2");
    let mut pages = 0;
    loop {
        let page = app.staff(Method::GET, &path, Some(&editor), None).await;
        assert_eq!(page.status, 200, "{}", page.json);
        pages += 1;
        for response in page.json["responses"].as_array().expect("responses") {
            seen.push(response["id"].as_str().expect("id").to_string());
        }
        match page.json["next"].as_str() {
            Some(next) => path = format!("{SURVEY}/responses?limit=2&after={next}"),
            None => break,
        }
    }
    assert_eq!((pages, &seen), (3, &ids));
    let nines = app
        .staff(
            Method::GET,
            &format!("{SURVEY}/responses?score_min=9&subject=bright"),
            Some(&editor),
            None,
        )
        .await;
    assert_eq!(nines.json["responses"].as_array().map(Vec::len), Some(1));
    assert_eq!(nines.json["next"], Value::Null);
    for (query, field) in [
        ("score_min=11", "score_min"),
        ("lang=fr", "lang"),
        ("from=2027-13-01", "from"),
        ("limit=501", "limit"),
        ("limit=0", "limit"),
    ] {
        let refused = app
            .staff(
                Method::GET,
                &format!("{SURVEY}/responses?{query}"),
                Some(&editor),
                None,
            )
            .await;
        assert_eq!(
            (refused.status, refused.field()),
            (422, field),
            "{query}: {}",
            refused.json
        );
    }
    let missing = app
        .staff(
            Method::GET,
            "/api/v1/staff/surveys/nothing/responses",
            Some(&editor),
            None,
        )
        .await;
    assert_eq!(missing.status, 404);
}

async fn exports_are_named_downloads_and_csv_neutralizes_formulas(app: TestApp) {
    let editor = app.token(Role::Editor).await;
    open_survey(&app, &editor).await;
    respond(&app, "smile", 3, "=HYPERLINK(\"http://evil.example\")", 1).await;
    respond(&app, "bright", 10, "great", 2).await;
    let export = |file: &str| format!("{SURVEY}/export/{file}");

    let csv = app
        .staff(Method::GET, &export("responses.csv"), Some(&editor), None)
        .await;
    assert_eq!(csv.status, 200);
    assert_eq!(csv.header("content-type"), "text/csv; charset=utf-8");
    assert_eq!(
        csv.header("content-disposition"),
        "attachment; filename=\"clinics-2027-responses.csv\""
    );
    let text = String::from_utf8(csv.bytes.clone()).expect("UTF-8");
    assert!(text.contains("'=HYPERLINK"), "{text}");
    assert!(
        !text.contains(",=HYPERLINK") && !text.contains("\"=HYPERLINK"),
        "{text}"
    );
    assert_eq!(text.lines().count(), 3, "{text}");

    let filtered = app
        .staff(
            Method::GET,
            &format!("{}?subject=bright", export("responses.csv")),
            Some(&editor),
            None,
        )
        .await;
    let text = String::from_utf8(filtered.bytes).expect("UTF-8");
    assert_eq!(text.lines().count(), 2, "{text}");
    assert!(text.contains("great"));
    let refused = app
        .staff(
            Method::GET,
            &format!("{}?score_max=99", export("responses.csv")),
            Some(&editor),
            None,
        )
        .await;
    assert_eq!((refused.status, refused.field()), (422, "score_max"));

    let xlsx = app
        .staff(Method::GET, &export("results.xlsx"), Some(&editor), None)
        .await;
    assert_eq!(xlsx.status, 200);
    assert_eq!(
        xlsx.header("content-type"),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    assert_eq!(
        xlsx.header("content-disposition"),
        "attachment; filename=\"clinics-2027-results.xlsx\""
    );
    assert!(xlsx.bytes.starts_with(b"PK"));
    let results = app
        .staff(Method::GET, &export("results.csv"), Some(&editor), None)
        .await;
    let text = String::from_utf8(results.bytes).expect("UTF-8");
    // A byte-order mark first, so spreadsheet programs read the file as UTF-8.
    assert!(text.starts_with("\u{feff}subject,"), "{text}");
    assert!(text.contains("insufficient_sample"), "{text}");

    for file in ["ledger.csv", "responses.pdf", "responses"] {
        let unknown = app
            .staff(Method::GET, &export(file), Some(&editor), None)
            .await;
        assert_eq!(unknown.status, 404, "{file}");
        assert_eq!(unknown.code(), "not_found");
    }
}

async fn changes_are_audited_under_the_name_of_the_token_that_made_them(app: TestApp) {
    let admin = app.token(Role::Admin).await;
    let (editor_id, editor) = app.token_named("import-script", Role::Editor).await;
    open_survey(&app, &editor).await;
    let audit = app
        .staff(Method::GET, "/api/v1/staff/audit", Some(&admin), None)
        .await;
    assert_eq!(audit.status, 200, "{}", audit.json);
    let entries = audit.json["entries"].as_array().expect("entries");
    let label = format!("token:import-script ({editor_id})");
    let actions: Vec<&str> = entries
        .iter()
        .filter(|e| e["actor"] == label.as_str())
        .map(|e| e["action"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(
        actions,
        [
            "survey.open",
            "survey.create",
            "subject.create",
            "subject.create",
            "sector.create"
        ]
    );
    let opened = &entries[0];
    assert_eq!(opened["before"]["status"], "draft");
    assert_eq!(opened["after"]["status"], "open");

    let first = app
        .staff(
            Method::GET,
            "/api/v1/staff/audit?limit=2",
            Some(&admin),
            None,
        )
        .await;
    let next = first.json["next"].as_str().expect("a next page");
    let second = app
        .staff(
            Method::GET,
            &format!("/api/v1/staff/audit?limit=2&before={next}"),
            Some(&admin),
            None,
        )
        .await;
    assert_eq!(second.json["entries"][0]["action"], "subject.create");
}

async fn admins_manage_accounts_and_tokens(app: TestApp) {
    let admin = app.token(Role::Admin).await;
    let users = "/api/v1/staff/users";
    let created = app
        .staff(
            Method::POST,
            users,
            Some(&admin),
            Some(&json!({"email": " Wang.Fang@Council.example.cn ", "password": "long enough password",
                         "role": "viewer"})),
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.json);
    assert_eq!(created.json["email"], "wang.fang@council.example.cn");
    assert!(created.json.get("password_hash").is_none());
    let id = created.json["id"].as_str().expect("id").to_string();
    for (body, status, field) in [
        (
            json!({"email": "wang.fang@council.example.cn", "password": "long enough password", "role": "viewer"}),
            409,
            "<no field>",
        ),
        (
            json!({"email": "x@council.example.cn", "password": "long enough password", "role": "root"}),
            422,
            "role",
        ),
        (
            json!({"email": "nobody", "password": "long enough password", "role": "viewer"}),
            422,
            "email",
        ),
        (
            json!({"email": "y@council.example.cn", "password": "short", "role": "viewer"}),
            422,
            "password",
        ),
    ] {
        let refused = app
            .staff(Method::POST, users, Some(&admin), Some(&body))
            .await;
        assert_eq!((refused.status, refused.field()), (status, field), "{body}");
    }
    let promoted = app
        .staff(
            Method::PATCH,
            &format!("{users}/{id}"),
            Some(&admin),
            Some(&json!({"role": "editor"})),
        )
        .await;
    assert_eq!(promoted.status, 200, "{}", promoted.json);
    assert_eq!(
        (&promoted.json["role"], &promoted.json["active"]),
        (&json!("editor"), &json!(true))
    );
    let listed = app.staff(Method::GET, users, Some(&admin), None).await;
    assert_eq!(listed.json[0]["role"], "editor");
    // A change read from an array by position would be a change of nothing, answered 200.
    let positional = app
        .staff(
            Method::PATCH,
            &format!("{users}/{id}"),
            Some(&admin),
            Some(&json!([null, null])),
        )
        .await;
    assert_eq!(
        (positional.status, positional.code()),
        (422, "invalid_body"),
        "{}",
        positional.json
    );
    let nobody = app
        .staff(
            Method::PATCH,
            &format!("{users}/nobody"),
            Some(&admin),
            Some(&json!({"active": false})),
        )
        .await;
    assert_eq!(nobody.status, 404);

    let tokens = "/api/v1/staff/tokens";
    let made = app
        .staff(
            Method::POST,
            tokens,
            Some(&admin),
            Some(&json!({"name": "nightly export", "role": "viewer"})),
        )
        .await;
    assert_eq!(made.status, 201, "{}", made.json);
    let secret = made.json["token"].as_str().expect("the secret").to_string();
    let token_id = made.json["id"].as_str().expect("id").to_string();
    assert_eq!(made.json["role"], "viewer");
    let works = app.staff(Method::GET, SECTORS, Some(&secret), None).await;
    assert_eq!(works.status, 200);
    let listed = app.staff(Method::GET, tokens, Some(&admin), None).await;
    assert!(listed
        .json
        .as_array()
        .expect("tokens")
        .iter()
        .all(|t| t.get("token").is_none() && t.get("token_hash").is_none()));
    let revoked = app
        .staff(
            Method::POST,
            &format!("{tokens}/{token_id}/revoke"),
            Some(&admin),
            None,
        )
        .await;
    assert_eq!(revoked.status, 200, "{}", revoked.json);
    assert!(revoked.json["revoked_at"].is_string());
    let refused = app.staff(Method::GET, SECTORS, Some(&secret), None).await;
    assert_eq!(refused.status, 401);
}

async fn bodies_that_are_not_json_of_the_right_form_are_refused(app: TestApp) {
    let editor = app.token(Role::Editor).await;
    catalog(&app, &editor).await;
    let not_json = answer(
        app.http
            .post(app.url(SECTORS))
            .bearer_auth(&editor)
            .header("content-type", "text/plain")
            .body(sector("x").to_string()),
    )
    .await;
    assert_eq!(
        (not_json.status, not_json.code()),
        (415, "unsupported_media_type")
    );
    let malformed = answer(
        app.http
            .post(app.url(SECTORS))
            .bearer_auth(&editor)
            .header("content-type", "application/json")
            .body("{\"slug\": "),
    )
    .await;
    assert_eq!((malformed.status, malformed.code()), (400, "invalid_json"));
    let huge = answer(
        app.http
            .post(app.url(SECTORS))
            .bearer_auth(&editor)
            .header("content-type", "application/json")
            .body(format!("{{\"slug\": \"{}\"}}", "x".repeat(300 * 1024))),
    )
    .await;
    assert_eq!((huge.status, huge.code()), (413, "body_too_large"));

    let mut wrong_type = definition(&["smile"]);
    wrong_type["interval"] = json!({"method": "adjusted-wald", "level": "high"});
    let mut unknown = definition(&["smile"]);
    unknown["colour"] = json!("red");
    let mut missing = definition(&["smile"]);
    missing.as_object_mut().expect("object").remove("title");
    for (body, code, field) in [
        (wrong_type, "invalid_type", "interval.level"),
        (unknown, "unknown_field", "colour"),
        (missing, "missing_field", "title"),
    ] {
        let refused = app
            .staff(Method::PUT, SURVEY, Some(&editor), Some(&body))
            .await;
        assert_eq!(
            (refused.status, refused.code(), refused.field()),
            (422, code, field),
            "{}",
            refused.json
        );
    }
    let not_an_object = app
        .staff(Method::POST, SECTORS, Some(&editor), Some(&json!([1, 2])))
        .await;
    assert_eq!(not_an_object.status, 422, "{}", not_an_object.json);
    let english = answer(
        app.http
            .post(app.url(SECTORS))
            .bearer_auth(&editor)
            .header("accept-language", "en")
            .json(&json!({"slug": "Nope", "name": {"zh-CN": "行业", "en": "Sector"}})),
    )
    .await;
    assert_eq!(
        english.json["error"]["message"],
        "slug: Use lower-case letters, digits and inner hyphens only (64 characters at most)."
    );
}

on_both_databases!(
    requests_without_valid_credentials_are_refused_with_401,
    viewers_read_editors_change_and_only_admins_manage_people,
    sectors_and_subjects_are_created_checked_and_changed,
    a_survey_definition_round_trips_and_putting_it_again_changes_nothing,
    unknown_subjects_are_named_and_nothing_is_stored,
    a_survey_opens_closes_and_publishes_and_never_goes_back,
    a_session_changes_nothing_without_its_csrf_header,
    excluding_a_response_moves_it_from_counted_to_excluded_and_restoring_moves_it_back,
    responses_come_in_pages_linked_by_next,
    exports_are_named_downloads_and_csv_neutralizes_formulas,
    changes_are_audited_under_the_name_of_the_token_that_made_them,
    admins_manage_accounts_and_tokens,
    bodies_that_are_not_json_of_the_right_form_are_refused,
);
