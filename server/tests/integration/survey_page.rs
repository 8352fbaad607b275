//! `/s/{slug}` over plain HTTP: the form as a phone without JavaScript uses it.

use std::time::Duration;

use crate::on_both_databases;
use crate::support::fixtures::{add_subject, sector_with_survey, set_status, stored_responses};
use crate::support::{script_nonce, TestApp};

const PAGE: &str = "/s/clinics-survey";

/// A visit to the survey page: the respondent cookie and the form's hidden fields.
struct Visit {
    cookie: String,
    form_token: String,
    submission: String,
}

async fn visit(app: &TestApp) -> Visit {
    let response = app
        .http
        .get(app.url(PAGE))
        .header("accept-language", "en")
        .send()
        .await
        .expect("GET");
    assert_eq!(response.status().as_u16(), 200);
    let set_cookie = response.headers()["set-cookie"]
        .to_str()
        .expect("ascii")
        .to_string();
    assert!(set_cookie.starts_with("koubei_respondent="), "{set_cookie}");
    assert!(set_cookie.contains("HttpOnly") && set_cookie.contains("Max-Age=63072000"));
    let html = response.text().await.expect("HTML");
    Visit {
        cookie: set_cookie.split(';').next().unwrap_or_default().to_string(),
        form_token: hidden_value(&html, "form_token"),
        submission: hidden_value(&html, "submission"),
    }
}

fn hidden_value(html: &str, name: &str) -> String {
    let marker = format!(r#"name="{name}" value=""#);
    let start = html.find(&marker).map(|i| i + marker.len()).expect(name);
    html[start..]
        .split('"')
        .next()
        .unwrap_or_default()
        .to_string()
}

async fn post_form(
    app: &TestApp,
    visit: &Visit,
    fields: &[(&str, &str)],
    language: &str,
) -> (u16, Option<String>, String) {
    let mut form: Vec<(&str, &str)> = vec![
        ("form_token", &visit.form_token),
        ("submission", &visit.submission),
    ];
    form.extend_from_slice(fields);
    let response = app
        .http
        .post(app.url(PAGE))
        .header("cookie", &visit.cookie)
        .header("accept-language", language)
        .form(&form)
        .send()
        .await
        .expect("POST");
    let status = response.status().as_u16();
    let location = response
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    (status, location, response.text().await.expect("body"))
}

async fn the_page_sets_a_long_lived_respondent_cookie_and_offers_every_subject(app: TestApp) {
    let fixture = sector_with_survey(&app.db, "clinics").await;
    add_subject(&app.db, &fixture, "second").await;
    let (status, html) = app.get_with(PAGE, &[("accept-language", "en")]).await;
    assert_eq!(status, 200);
    assert!(html.contains(r#"<html lang="en""#));
    assert!(html.contains("I have used Test brand"));
    assert!(
        html.contains("How likely are you to recommend Brand second to a friend or family member?")
    );
    assert_eq!(
        html.matches(r#"type="radio" name="score-second""#).count(),
        11
    );
    assert!(html.contains("What we store"), "privacy note");
    // The sector is named in words above the title, not by its address.
    assert!(html.contains(">Test sector</p>"), "{html}");
    assert!(!html.contains(">clinics</p>"));
    visit(&app).await;
}

async fn surveys_that_are_not_open_get_friendly_410_and_404_pages(app: TestApp) {
    let fixture = sector_with_survey(&app.db, "clinics").await;
    set_status(&app.db, &fixture.survey_id, "closed").await;
    let (status, html) = app.get_with(PAGE, &[("accept-language", "en")]).await;
    assert_eq!(status, 410);
    assert!(html.contains("This survey is closed"));
    let published = sector_with_survey(&app.db, "meals").await;
    set_status(&app.db, &published.survey_id, "published").await;
    let (status, html) = app
        .get_with("/s/meals-survey", &[("accept-language", "zh-CN")])
        .await;
    assert_eq!(status, 410);
    assert!(html.contains("本调查已结束") && html.contains("调查结果已经发布"));
    let draft = sector_with_survey(&app.db, "care").await;
    set_status(&app.db, &draft.survey_id, "draft").await;
    assert_eq!(app.get_with("/s/care-survey", &[]).await.0, 404);
    let (status, html) = app.get_with("/s/no-such-survey", &[]).await;
    assert_eq!(status, 404);
    assert!(html.contains("找不到该调查"));
}

async fn a_plain_post_is_stored_and_redirects_to_the_thank_you_page(app: TestApp) {
    let fixture = sector_with_survey(&app.db, "clinics").await;
    let second = add_subject(&app.db, &fixture, "second").await;
    let visit = visit(&app).await;
    let (status, location, _) = post_form(
        &app,
        &visit,
        &[
            ("used", "clinics-brand"),
            ("score-clinics-brand", "10"),
            ("reason-clinics-brand", "很专业"),
            ("score-second", "4"),
        ],
        "en",
    )
    .await;
    assert_eq!(status, 303);
    assert_eq!(location.as_deref(), Some("/s/clinics-survey/thanks"));
    let stored = stored_responses(&app.db, &fixture.survey_id).await;
    let mut scores: Vec<(String, i64, Option<String>)> = stored
        .iter()
        .map(|r| (r.0.clone(), r.1, r.2.clone()))
        .collect();
    scores.sort();
    let mut expected = vec![
        (fixture.subject_id.clone(), 10, Some("很专业".to_string())),
        (second, 4, None),
    ];
    expected.sort();
    assert_eq!(scores, expected);
    // Sent straight after loading: faster than anyone reads, so stored and flagged "too fast".
    assert!(stored.iter().all(|r| r.3 == 4), "{stored:?}");

    let (status, html) = app
        .get_with("/s/clinics-survey/thanks", &[("accept-language", "en")])
        .await;
    assert_eq!(status, 200);
    assert!(html.contains("Thank you!"));
    assert!(html.contains("Results will be published after the survey closes"));
}

async fn a_second_answer_for_the_same_subject_is_refused_with_a_clear_message(app: TestApp) {
    let fixture = sector_with_survey(&app.db, "clinics").await;
    add_subject(&app.db, &fixture, "second").await;
    let first = visit(&app).await;
    let answer = [("used", "clinics-brand"), ("score-clinics-brand", "8")];
    assert_eq!(post_form(&app, &first, &answer, "en").await.0, 303);
    // Same phone (cookie), a form opened before the first send: refused, nothing half-written.
    let again = Visit {
        submission: "another-filling-in-01".to_string(),
        ..first
    };
    let (status, _, html) = post_form(
        &app,
        &again,
        &[
            ("used", "clinics-brand"),
            ("score-clinics-brand", "2"),
            ("score-second", "9"),
        ],
        "en",
    )
    .await;
    assert_eq!(status, 409);
    assert!(
        html.contains("You have already rated Test brand in this survey"),
        "{html}"
    );
    let stored = stored_responses(&app.db, &fixture.survey_id).await;
    assert_eq!(
        stored.len(),
        1,
        "the other answer of the refused form is not stored either"
    );
    assert_eq!(stored[0].1, 8);
    // A fresh page load marks the subject as done.
    let (_, html) = app
        .get_with(
            PAGE,
            &[("accept-language", "en"), ("cookie", &again.cookie)],
        )
        .await;
    assert!(html.contains("You have already rated Test brand. Thank you!"));
}

async fn a_resent_form_is_stored_once(app: TestApp) {
    let fixture = sector_with_survey(&app.db, "clinics").await;
    let visit = visit(&app).await;
    let answer = [("used", "clinics-brand"), ("score-clinics-brand", "7")];
    assert_eq!(post_form(&app, &visit, &answer, "en").await.0, 303);
    // The same form sent again (a double tap, or a retry after a dropped connection).
    assert_eq!(post_form(&app, &visit, &answer, "en").await.0, 303);
    assert_eq!(stored_responses(&app.db, &fixture.survey_id).await.len(), 1);
}

/// The page sent back with a refusal hydrates like any other: its policy names its scripts' nonce.
async fn a_refused_form_page_may_run_its_own_scripts(app: TestApp) {
    sector_with_survey(&app.db, "clinics").await;
    let visit = visit(&app).await;
    let response = app
        .http
        .post(app.url(PAGE))
        .header("cookie", &visit.cookie)
        .form(&[
            ("form_token", visit.form_token.as_str()),
            ("submission", visit.submission.as_str()),
            ("used", "clinics-brand"),
        ])
        .send()
        .await
        .expect("POST");
    assert_eq!(response.status().as_u16(), 422);
    let policy = response.headers()["content-security-policy"]
        .to_str()
        .expect("ascii")
        .to_string();
    let html = response.text().await.expect("HTML");
    let nonce = script_nonce(&html).expect("the page has inline scripts");
    assert!(policy.contains(&format!("'nonce-{nonce}'")), "{policy}");
}

async fn invalid_answers_come_back_with_problems_next_to_the_fields(app: TestApp) {
    let fixture = sector_with_survey(&app.db, "clinics").await;
    let visit = visit(&app).await;
    let (status, _, html) = post_form(
        &app,
        &visit,
        &[
            ("used", "clinics-brand"),
            ("reason-clinics-brand", "kept words"),
        ],
        "en",
    )
    .await;
    assert_eq!(status, 422);
    assert!(
        html.contains(
            r#"id="error-score-clinics-brand" class="field-error">Choose a score from 0 to 10."#
        ),
        "{html}"
    );
    assert!(
        html.contains(">kept words</textarea>"),
        "the reason is kept"
    );
    assert!(
        html.contains(r#"value="clinics-brand" checked"#),
        "the tick is kept"
    );
    let (status, _, html) = post_form(&app, &visit, &[], "zh-CN").await;
    assert_eq!(status, 422);
    assert!(html.contains("请至少勾选一个您用过的品牌或机构并打分。"));
    assert!(stored_responses(&app.db, &fixture.survey_id)
        .await
        .is_empty());
}

/// The opening tag of the error summary in `html`.
fn summary_tag(html: &str) -> &str {
    let start = html
        .find(r#"<div id="problems""#)
        .expect("the page has an error summary");
    let end = start + html[start..].find('>').expect("the tag ends");
    &html[start..=end]
}

async fn a_refused_form_opens_with_a_summary_that_leads_to_each_problem(app: TestApp) {
    sector_with_survey(&app.db, "clinics").await;
    let (status, html) = app.get_with(PAGE, &[("accept-language", "en")]).await;
    assert_eq!(status, 200);
    let fresh = summary_tag(&html);
    assert!(
        fresh.contains("hidden") && !fresh.contains("autofocus"),
        "{fresh}"
    );

    let visit = visit(&app).await;
    let (status, _, html) = post_form(
        &app,
        &visit,
        &[("used", "clinics-brand"), ("reason-clinics-brand", "ok")],
        "en",
    )
    .await;
    assert_eq!(status, 422);
    let refused = summary_tag(&html);
    // Open, and the browser moves focus (and the screen) to it without any script.
    assert!(
        refused.contains("autofocus") && !refused.contains("hidden"),
        "{refused}"
    );
    assert!(
        html.find(r#"<div id="problems""#) < html.find(r#"data-testid="subject""#),
        "the summary comes before the questions"
    );
    assert!(html.contains(">1 answer needs attention</h2>"), "{html}");
    // Its link names the brand and leads to the first score of that brand's scale.
    assert!(
        html.contains(
            r##"<a href="#score-clinics-brand-0">Test brand: Choose a score from 0 to 10.</a>"##
        ),
        "{html}"
    );
    assert!(html.contains(r#"id="score-clinics-brand-0""#));
    // Beside the button, a pointer up to the list (not "see below").
    assert!(html.contains(r##"<a href="#problems">Some answers need attention: see the list at the top of the form.</a>"##));

    let (_, _, html) = post_form(&app, &visit, &[], "zh-CN").await;
    assert!(html.contains(">有 1 处需要修改</h2>"), "{html}");
    assert!(
        html.contains(
            r##"<a href="#used-clinics-brand">请至少勾选一个您用过的品牌或机构并打分。</a>"##
        ),
        "nothing answered leads to the first brand's tick: {html}"
    );
}

async fn the_assisted_tick_is_stored_and_counted_per_subject_in_the_ledger(app: TestApp) {
    let fixture = sector_with_survey(&app.db, "clinics").await;
    add_subject(&app.db, &fixture, "second").await;
    let helped = visit(&app).await;
    let (status, _, _) = post_form(
        &app,
        &helped,
        &[
            ("used", "clinics-brand"),
            ("score-clinics-brand", "9"),
            ("used", "second"),
            ("score-second", "3"),
            ("assisted", "1"),
        ],
        "en",
    )
    .await;
    assert_eq!(status, 303);
    let alone = visit(&app).await;
    let (status, _, _) = post_form(
        &app,
        &alone,
        &[("used", "clinics-brand"), ("score-clinics-brand", "7")],
        "en",
    )
    .await;
    assert_eq!(status, 303);

    let token = app.token(domain::Role::Viewer).await;
    let ledger = app
        .staff(
            reqwest::Method::GET,
            "/api/v1/staff/surveys/clinics-survey/ledger",
            Some(&token),
            None,
        )
        .await;
    assert_eq!(ledger.status, 200, "{}", ledger.json);
    let line = |subject: &str| {
        ledger.json["subjects"]
            .as_array()
            .expect("subjects")
            .iter()
            .find(|line| line["subject"] == subject)
            .cloned()
            .expect("a line per subject")
    };
    assert_eq!(
        (
            line("clinics-brand")["received"].as_i64(),
            line("clinics-brand")["assisted"].as_i64()
        ),
        (Some(2), Some(1))
    );
    assert_eq!(
        (
            line("second")["received"].as_i64(),
            line("second")["assisted"].as_i64()
        ),
        (Some(1), Some(1))
    );
    assert_eq!(ledger.json["total"]["assisted"].as_i64(), Some(2));
    // The staff page of one answer says so too.
    let responses = app
        .staff(
            reqwest::Method::GET,
            "/api/v1/staff/surveys/clinics-survey/responses",
            Some(&token),
            None,
        )
        .await;
    let assisted: Vec<bool> = responses.json["responses"]
        .as_array()
        .expect("responses")
        .iter()
        .map(|r| r["assisted"].as_bool().expect("a boolean"))
        .collect();
    assert_eq!(
        assisted.iter().filter(|a| **a).count(),
        2,
        "{}",
        responses.json
    );
    assert_eq!(assisted.len(), 3);
}

async fn a_reason_with_a_nul_byte_is_refused_alike_on_both_engines(app: TestApp) {
    let fixture = sector_with_survey(&app.db, "clinics").await;
    let visit = visit(&app).await;
    let (status, _, html) = post_form(
        &app,
        &visit,
        &[
            ("used", "clinics-brand"),
            ("score-clinics-brand", "9"),
            ("reason-clinics-brand", "fine\u{0}print"),
        ],
        "en",
    )
    .await;
    assert_eq!(status, 422);
    assert!(html.contains("invisible control characters"), "{html}");
    assert!(stored_responses(&app.db, &fixture.survey_id)
        .await
        .is_empty());
    // Retyped, the same answer goes in.
    let (status, _, _) = post_form(
        &app,
        &visit,
        &[
            ("used", "clinics-brand"),
            ("score-clinics-brand", "9"),
            ("reason-clinics-brand", "fine print\nline two"),
        ],
        "en",
    )
    .await;
    assert_eq!(status, 303);
}

async fn a_refused_form_keeps_the_reason_as_text_never_as_markup(app: TestApp) {
    sector_with_survey(&app.db, "clinics").await;
    let visit = visit(&app).await;
    let payload = r#"</textarea><meta http-equiv="refresh" content="0;url=https://evil.example/">"#;
    // No score: the form comes back with the reason kept.
    let (status, _, html) = post_form(
        &app,
        &visit,
        &[("used", "clinics-brand"), ("reason-clinics-brand", payload)],
        "en",
    )
    .await;
    assert_eq!(status, 422);
    assert!(!html.contains("<meta http-equiv"), "{html}");
    assert!(
        html.contains("&lt;/textarea&gt;&lt;meta http-equiv="),
        "the reason is kept, as text"
    );
}

async fn a_filled_honeypot_is_stored_and_flagged_not_dropped(app: TestApp) {
    let fixture = sector_with_survey(&app.db, "clinics").await;
    let visit = visit(&app).await;
    // Wait past the minimum completion time so that only the honeypot flag is set.
    tokio::time::sleep(Duration::from_millis(4_100)).await;
    let (status, _, _) = post_form(
        &app,
        &visit,
        &[
            ("used", "clinics-brand"),
            ("score-clinics-brand", "10"),
            ("website", "http://spam.example"),
        ],
        "en",
    )
    .await;
    assert_eq!(status, 303);
    let stored = stored_responses(&app.db, &fixture.survey_id).await;
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].3, 2, "honeypot only");
    let (completion,): (Option<i64>,) = sqlx::query_as("SELECT completion_ms FROM responses")
        .fetch_one(app.db.pool())
        .await
        .expect("completion");
    assert!(
        completion.is_some_and(|ms| (4_000..60_000).contains(&ms)),
        "{completion:?}"
    );
}

async fn the_thank_you_page_shows_the_published_ranking(app: TestApp) {
    app.seed_demo().await;
    let (status, html) = app
        .get_with(
            "/s/dental-clinics-2026/thanks",
            &[("accept-language", "en")],
        )
        .await;
    assert_eq!(status, 200);
    assert!(
        html.contains("Latest published results: Dental clinic chains word-of-mouth survey 2025")
    );
    assert!(
        html.contains("Insufficient sample (fewer than 50 responses)"),
        "the niche chain is held back"
    );
    let (_, html) = app
        .get_with(
            "/s/health-checkups-2026/thanks",
            &[("accept-language", "en")],
        )
        .await;
    assert!(html.contains("Results will be published after the survey closes on 20"));
    assert_eq!(app.get_with("/s/online-video-2025", &[]).await.0, 410);
}

on_both_databases!(
    the_page_sets_a_long_lived_respondent_cookie_and_offers_every_subject,
    surveys_that_are_not_open_get_friendly_410_and_404_pages,
    a_plain_post_is_stored_and_redirects_to_the_thank_you_page,
    a_second_answer_for_the_same_subject_is_refused_with_a_clear_message,
    a_resent_form_is_stored_once,
    invalid_answers_come_back_with_problems_next_to_the_fields,
    a_refused_form_opens_with_a_summary_that_leads_to_each_problem,
    the_assisted_tick_is_stored_and_counted_per_subject_in_the_ledger,
    a_refused_form_page_may_run_its_own_scripts,
    a_filled_honeypot_is_stored_and_flagged_not_dropped,
    the_thank_you_page_shows_the_published_ranking,
    a_reason_with_a_nul_byte_is_refused_alike_on_both_engines,
    a_refused_form_keeps_the_reason_as_text_never_as_markup,
);
