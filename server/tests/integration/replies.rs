//! Replies (品牌回应): a brand answers its result through its preview link, once, before the
//! deadline; staff approve or reject with a reason; the release prints approved replies beside
//! the brand on the results page, in the API, the CSV and the embed card — escaped, and without
//! changing a number.

use domain::Role;
use koubei_core::authoring::embargo;
use koubei_core::db::timestamp;
use reqwest::Method;
use serde_json::{json, Value};
use time::{Duration, OffsetDateTime};

use crate::on_both_databases;
use crate::preview_links::subjects;
use crate::support::console::Console;
use crate::support::TestApp;

/// The demo's closed wave (embargoed in these tests).
const SLUG: &str = "online-video-2025";
const DEADLINE: &str = "/api/v1/staff/surveys/online-video-2025/reply-deadline";
const REPLIES: &str = "/api/v1/staff/surveys/online-video-2025/replies";
/// This wave's replies (the demo's published waves carry replies of their own).
const OWN_REPLIES: &str = "SELECT COUNT(*) FROM replies r JOIN surveys sv ON sv.id = r.survey_id
     WHERE sv.slug = 'online-video-2025'";

/// A brand's reply that tries to run script wherever it is shown.
const HOSTILE_ZH: &str = "感谢监督。<script>alert('koubei')</script><b>我们已整改</b>";

fn beijing(at: OffsetDateTime) -> String {
    timestamp::council_minute(&timestamp::format(at)).expect("a minute")
}

/// Embargoes the wave two days ahead; answers with the frozen data hash.
async fn embargo_two_days_ahead(app: &TestApp, token: &str) -> String {
    let at = OffsetDateTime::now_utc() + Duration::days(2);
    let set = app
        .staff(
            Method::PUT,
            &format!("/api/v1/staff/surveys/{SLUG}/embargo"),
            Some(token),
            Some(&json!({ "publish_at": beijing(at) })),
        )
        .await;
    assert_eq!(set.status, 200, "{}", set.json);
    set.json["data_hash"].as_str().expect("hash").to_string()
}

/// A preview link for the subject: the path of its page.
async fn preview_path(app: &TestApp, token: &str, subject: &str) -> String {
    let made = app
        .staff(
            Method::POST,
            &format!("/api/v1/staff/surveys/{SLUG}/preview-links"),
            Some(token),
            Some(&json!({ "subject": subject })),
        )
        .await;
    assert_eq!(made.status, 201, "{}", made.json);
    format!("/preview/{}", made.json["token"].as_str().expect("token"))
}

/// Sends a reply from the preview page's form: (status, Location or page).
async fn send(app: &TestApp, page: &str, zh: &str, en: &str, language: &str) -> (u16, String) {
    let response = app
        .http
        .post(app.url(&format!("{page}/reply")))
        .header("accept-language", language)
        .form(&[("body_zh", zh), ("body_en", en)])
        .send()
        .await
        .expect("POST reply");
    let status = response.status().as_u16();
    let location = response
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let body = response.text().await.expect("body");
    (status, location.unwrap_or(body))
}

async fn set_deadline(app: &TestApp, token: &str, reply_by: &str) -> crate::support::staff::Answer {
    app.staff(
        Method::PUT,
        DEADLINE,
        Some(token),
        Some(&json!({ "reply_by": reply_by })),
    )
    .await
}

fn reply_of<'a>(results: &'a Value, subject: &str) -> &'a Value {
    results["results"]["subjects"]
        .as_array()
        .expect("subjects")
        .iter()
        .find(|s| s["subject"] == subject)
        .map(|s| &s["reply"])
        .expect("the subject")
}

async fn a_brand_replies_once_staff_review_and_the_release_prints_it(app: TestApp) {
    app.seed_demo().await;
    let editor = app.token(Role::Editor).await;
    let viewer = app.token(Role::Viewer).await;
    let frozen_hash = embargo_two_days_ahead(&app, &editor).await;
    let all = subjects(&app, SLUG).await;
    let (first, second) = (&all[0], &all[1]);
    let first_page = preview_path(&app, &editor, &first.0).await;
    let second_page = preview_path(&app, &editor, &second.0).await;

    // Not invited yet: the page says so and a send is refused in words.
    let (_, html) = app
        .get_with(&first_page, &[("accept-language", "zh-CN")])
        .await;
    assert!(
        html.contains(r#"data-testid="reply-not-invited""#),
        "{html}"
    );
    let (status, html) = send(&app, &first_page, "你好", "", "zh-CN").await;
    assert_eq!(status, 409);
    assert!(html.contains("消费者委员会目前没有征集回应"), "{html}");

    // The deadline: refused when unreadable or past, in words and with its field.
    let past = set_deadline(&app, &editor, "2020-01-01 10:00").await;
    assert_eq!(
        (past.status, past.code(), past.field()),
        (422, "time_not_in_future", "reply_by")
    );
    let garbage = set_deadline(&app, &editor, "next tuesday").await;
    assert_eq!((garbage.status, garbage.code()), (422, "unreadable_time"));
    let by_viewer = set_deadline(&app, &viewer, "2099-01-01 10:00").await;
    assert_eq!(by_viewer.status, 403);
    let by = beijing(OffsetDateTime::now_utc() + Duration::days(1));
    let set = set_deadline(&app, &editor, &by).await;
    assert_eq!(set.status, 200, "{}", set.json);
    assert_eq!(set.json["reply_by_beijing"], by.as_str());
    let shown = app.staff(Method::GET, DEADLINE, Some(&viewer), None).await;
    assert_eq!(shown.json["reply_by_beijing"], by.as_str());

    // The form, and what it refuses: nothing written, more than 500 characters.
    let (_, html) = app
        .get_with(&first_page, &[("accept-language", "zh-CN")])
        .await;
    assert!(html.contains(r#"data-testid="reply-form""#), "{html}");
    assert!(html.contains(&by), "the deadline is named");
    let (status, html) = send(&app, &first_page, "  \r\n ", "", "zh-CN").await;
    assert_eq!(status, 422);
    assert!(html.contains("请至少用一种语言写下回应"), "{html}");
    let long = "长".repeat(501);
    let breakout = "kept</textarea><script>alert('echo')</script>";
    let (status, html) = send(&app, &first_page, &long, breakout, "en").await;
    assert_eq!(status, 422);
    assert!(html.contains("The Chinese reply is longer than 500 characters"));
    assert!(
        html.contains(&long) && html.contains(">kept&lt;/textarea&gt;"),
        "typed text is kept"
    );
    assert!(
        !html.contains("<script>alert"),
        "kept text cannot end its field"
    );

    // Sent: back to the page, waiting for review, the markup shown as text.
    let (status, location) = send(&app, &first_page, HOSTILE_ZH, "We have acted.", "zh-CN").await;
    assert_eq!(status, 303);
    assert_eq!(location, format!("{first_page}?sent=1#reply"));
    let (_, html) = app
        .get_with(
            &format!("{first_page}?sent=1"),
            &[("accept-language", "zh-CN")],
        )
        .await;
    assert!(html.contains(r#"data-testid="reply-sent""#));
    assert!(html.contains(r#"data-state="pending""#), "{html}");
    assert!(!html.contains("<script>alert"), "the reply is escaped");
    assert!(html.contains("&lt;script&gt;alert"), "{html}");
    // One reply per brand.
    let (status, html) = send(&app, &first_page, "再来一次", "", "zh-CN").await;
    assert_eq!(status, 409);
    assert!(html.contains("只能提交一次"));

    // The second brand replies; a rejection needs a reason, which the brand then reads.
    let (status, _) = send(&app, &second_page, "", "Our side of the story.", "en").await;
    assert_eq!(status, 303);
    let listed = app.staff(Method::GET, REPLIES, Some(&viewer), None).await;
    let list = listed.json.as_array().expect("replies").clone();
    assert_eq!(list.len(), 2);
    let id_of = |subject: &str| {
        list.iter()
            .find(|r| r["subject"] == subject)
            .and_then(|r| r["id"].as_str())
            .expect("a reply")
            .to_string()
    };
    let (first_id, second_id) = (id_of(&first.0), id_of(&second.0));
    assert_eq!(list[0]["body_zh"], HOSTILE_ZH, "stored as written");
    let decide = |id: &str, verb: &str, reason: &str| {
        let path = format!("{REPLIES}/{id}/{verb}");
        let body = json!({ "reason": reason });
        let app = &app;
        let editor = editor.clone();
        async move {
            app.staff(Method::POST, &path, Some(&editor), Some(&body))
                .await
        }
    };
    let bare = decide(&second_id, "reject", " ").await;
    assert_eq!(
        (bare.status, bare.code(), bare.field()),
        (422, "reason_required", "reason")
    );
    let rejected = decide(&second_id, "reject", "Names a competitor.").await;
    assert_eq!(rejected.status, 200, "{}", rejected.json);
    assert_eq!(rejected.json["status"], "rejected");
    let (_, html) = app
        .get_with(&second_page, &[("accept-language", "en")])
        .await;
    assert!(html.contains(r#"data-state="rejected""#));
    assert!(html.contains("Names a competitor."));
    let approved = decide(&first_id, "approve", "").await;
    assert_eq!(approved.json["status"], "approved", "{}", approved.json);
    let again = decide(&first_id, "reject", "changed my mind").await;
    assert_eq!((again.status, again.code()), (409, "reply_already_decided"));
    let elsewhere = app
        .staff(
            Method::POST,
            &format!("/api/v1/staff/surveys/dental-clinics-2025/replies/{second_id}/approve"),
            Some(&editor),
            Some(&json!({})),
        )
        .await;
    assert_eq!(
        elsewhere.status, 404,
        "a reply is decided under its own survey"
    );

    // Nothing is public before the release; then the approved reply is, the rejected not.
    let (status, _) = app.get_with(&format!("/r/{SLUG}"), &[]).await;
    assert_eq!(status, 404);
    let released = embargo::release_due(&app.db, OffsetDateTime::now_utc() + Duration::days(3))
        .await
        .expect("release");
    assert_eq!(released.len(), 1);
    let results: Value = app
        .get(&format!("/api/v1/surveys/{SLUG}/results"))
        .await
        .json()
        .await
        .expect("results JSON");
    assert_eq!(
        results["snapshot"]["data_hash"],
        frozen_hash.as_str(),
        "no number moved"
    );
    assert_eq!(reply_of(&results, &first.0)["body_zh"], HOSTILE_ZH);
    assert_eq!(reply_of(&results, &first.0)["body_en"], "We have acted.");
    assert!(
        reply_of(&results, &second.0).is_null(),
        "a rejected reply is not published"
    );

    let (_, html) = app
        .get_with(&format!("/r/{SLUG}"), &[("accept-language", "zh-CN")])
        .await;
    assert!(
        html.contains(&format!(r#"id="reply-{}""#, first.0)),
        "{html}"
    );
    assert!(html.contains(&format!("href=\"#reply-{}\"", first.0)));
    assert!(!html.contains("<script>alert") && !html.contains("<b>我们已整改"));
    assert!(html.contains("&lt;b&gt;我们已整改"));
    assert!(!html.contains(&format!(r#"id="reply-{}""#, second.0)));
    let (_, english) = app
        .get_with(&format!("/r/{SLUG}"), &[("accept-language", "en")])
        .await;
    assert!(english.contains("We have acted."), "the reader's language");

    let csv = app
        .get(&format!("/api/v1/surveys/{SLUG}/results.csv"))
        .await
        .text()
        .await
        .expect("CSV");
    let header = csv.lines().next().expect("header");
    assert!(header.contains(",reply_zh,reply_en,"), "{header}");
    let row = csv
        .lines()
        .find(|line| line.starts_with(&format!("{},", first.0)))
        .expect("the brand's row");
    assert!(row.contains(",We have acted.,"), "{row}");
    assert!(row.contains("我们已整改"));

    let (status, card) = app
        .get_with(
            &format!("/embed/{SLUG}/{}", first.0),
            &[("accept-language", "zh-CN")],
        )
        .await;
    assert_eq!(status, 200);
    assert!(card.contains(r#"data-testid="koubei-reply""#));
    assert!(!card.contains("<script>alert") && card.contains("&lt;script&gt;"));
    let (_, other_card) = app
        .get_with(&format!("/embed/{SLUG}/{}", second.0), &[])
        .await;
    assert!(!other_card.contains("koubei-reply"));

    // The brand sees its reply approved.
    let (_, html) = app
        .get_with(&first_page, &[("accept-language", "zh-CN")])
        .await;
    assert!(html.contains(r#"data-state="approved""#));

    assert_eq!(
        app.audit_actions("reply%").await,
        [
            "reply_deadline.set",
            "reply.submit",
            "reply.submit",
            "reply.reject",
            "reply.approve"
        ]
    );
}

async fn replies_stop_at_the_deadline_and_only_open_links_reply(app: TestApp) {
    app.seed_demo().await;
    let editor = app.token(Role::Editor).await;
    embargo_two_days_ahead(&app, &editor).await;
    let all = subjects(&app, SLUG).await;
    let page = preview_path(&app, &editor, &all[0].0).await;
    let by = beijing(OffsetDateTime::now_utc() + Duration::hours(6));
    assert_eq!(set_deadline(&app, &editor, &by).await.status, 200);

    // Two sends at once: one is kept, the other told it was sent already.
    let (a, b) = tokio::join!(
        send(&app, &page, "第一份", "", "zh-CN"),
        send(&app, &page, "第二份", "", "zh-CN")
    );
    let mut statuses = [a.0, b.0];
    statuses.sort_unstable();
    assert_eq!(statuses, [303, 409]);
    let (count,): (i64,) = sqlx::query_as(OWN_REPLIES)
        .fetch_one(app.db.pool())
        .await
        .expect("count");
    assert_eq!(count, 1);

    // After the deadline: refused, and the page says replies closed.
    let other = preview_path(&app, &editor, &all[1].0).await;
    sqlx::query("UPDATE reply_deadlines SET reply_by = $1")
        .bind("2020-01-01T00:00:00.000Z")
        .execute(app.db.pool())
        .await
        .expect("move the deadline back");
    let (status, html) = send(&app, &other, "迟到的回应", "", "en").await;
    assert_eq!(status, 409);
    assert!(
        html.contains("The deadline for replies has passed"),
        "{html}"
    );
    assert!(html.contains("迟到的回应"), "typed text is kept");
    let (_, html) = app.get_with(&other, &[("accept-language", "en")]).await;
    assert!(html.contains(r#"data-testid="reply-closed""#));

    // Unknown, revoked and expired links cannot reply.
    assert_eq!(set_deadline(&app, &editor, &by).await.status, 200);
    let (status, _) = send(&app, &format!("/preview/{}", "0".repeat(64)), "x", "", "en").await;
    assert_eq!(status, 404);
    let (status, _) = send(&app, "/preview/short", "x", "", "en").await;
    assert_eq!(status, 404);
    sqlx::query(
        "UPDATE preview_links SET expires_at = $1
         WHERE subject_id IN (SELECT id FROM subjects WHERE slug = $2)",
    )
    .bind("2020-01-01T00:00:00.000Z")
    .bind(&all[1].0)
    .execute(app.db.pool())
    .await
    .expect("expire");
    let (status, _) = send(&app, &other, "过期", "", "en").await;
    assert_eq!(status, 410);
    let (count,): (i64,) = sqlx::query_as(OWN_REPLIES)
        .fetch_one(app.db.pool())
        .await
        .expect("count");
    assert_eq!(count, 1, "nothing half-written");

    // Stopping the invitation: then nothing to show or stop.
    let stopped = app
        .staff(Method::DELETE, DEADLINE, Some(&editor), None)
        .await;
    assert_eq!(stopped.status, 200, "{}", stopped.json);
    let gone = app.staff(Method::GET, DEADLINE, Some(&editor), None).await;
    assert_eq!((gone.status, gone.code()), (404, "replies_not_invited"));
    let again = app
        .staff(Method::DELETE, DEADLINE, Some(&editor), None)
        .await;
    assert_eq!(again.status, 404);
}

async fn the_console_sets_the_deadline_and_reviews_a_reply(app: TestApp) {
    app.seed_demo().await;
    let editor = app.token(Role::Editor).await;
    embargo_two_days_ahead(&app, &editor).await;
    let all = subjects(&app, SLUG).await;
    let console = Console::as_role(&app, Role::Editor).await;
    let page = format!("/console/surveys/{SLUG}/replies");
    let (status, html) = console.get(&page).await;
    assert_eq!(status, 200);
    assert!(html.contains("尚未征集回应"), "{html}");

    let deadline = format!("/console/surveys/{SLUG}/reply-deadline");
    let refused = console
        .post(&deadline, &[("reply_by", "明天"), ("action", "set")])
        .await;
    assert_eq!(refused.status(), 422);
    let html = refused.text().await.expect("body");
    assert!(
        html.contains("截止时间的写法应为") && html.contains("value=\"明天\""),
        "{html}"
    );
    let by = beijing(OffsetDateTime::now_utc() + Duration::days(1));
    let saved = console
        .post(&deadline, &[("reply_by", by.as_str()), ("action", "set")])
        .await;
    assert_eq!(saved.status(), 303);

    let brand = preview_path(&app, &editor, &all[0].0).await;
    let (status, _) = send(&app, &brand, "谢谢。\n第二行", "", "zh-CN").await;
    assert_eq!(status, 303);
    let (_, html) = console.get(&page).await;
    assert!(
        html.contains(&by) && html.contains("谢谢。\n第二行"),
        "{html}"
    );
    assert!(html.contains("等待审核"));

    let (id,): (String,) = sqlx::query_as(&OWN_REPLIES.replace("COUNT(*)", "r.id"))
        .fetch_one(app.db.pool())
        .await
        .expect("the reply");
    let decide = format!("/console/surveys/{SLUG}/replies/{id}/decide");
    let refused = console
        .post(&decide, &[("decision", "reject"), ("reason", "")])
        .await;
    assert_eq!(refused.status(), 422);
    assert!(refused
        .text()
        .await
        .expect("body")
        .contains("拒绝回应时必须写明理由"));
    let approved = console
        .post(&decide, &[("decision", "approve"), ("reason", "")])
        .await;
    assert_eq!(approved.status(), 303);
    let (_, html) = console.get(&format!("{page}?done=approved")).await;
    assert!(
        html.contains("回应已通过。") && html.contains("已通过"),
        "{html}"
    );
    assert!(
        !html.contains(r#"data-testid="approve-reply""#),
        "decided once"
    );
    let stopped = console.post(&deadline, &[("action", "clear")]).await;
    assert_eq!(stopped.status(), 303);
    let (_, html) = console.get(&page).await;
    assert!(html.contains("尚未征集回应"));
}

async fn the_demo_shows_a_reply_beside_its_brand(app: TestApp) {
    app.seed_demo().await;
    let (status, html) = app
        .get_with("/r/dental-clinics-2025", &[("accept-language", "zh-CN")])
        .await;
    assert_eq!(status, 200);
    assert!(html.contains(r#"data-testid="replies""#), "{html}");
    assert!(html.contains("欢迎继续监督"));
}

on_both_databases!(
    a_brand_replies_once_staff_review_and_the_release_prints_it,
    replies_stop_at_the_deadline_and_only_open_links_reply,
    the_console_sets_the_deadline_and_reviews_a_reply,
    the_demo_shows_a_reply_beside_its_brand,
);
